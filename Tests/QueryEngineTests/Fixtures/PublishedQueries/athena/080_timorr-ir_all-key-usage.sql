-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/easttimor/aws-incident-response/blob/038d52063e36e654741dd0ff8d1b6b7245543b2f/README.md
-- repo: easttimor/aws-incident-response  commit: 038d52063e36e654741dd0ff8d1b6b7245543b2f  path: README.md
-- license: MIT (LICENSE in the repository: Copyright (c) 2020 Timothy Orr)
-- title: All key usage
-- well-formed: yes
-- notes: table cloudtrail_000000000000 is a per-account table of duo-labs/cloudtrail-partitioner, partitioned by region, year, month and day (strings); '####' and '##' are the README's placeholders for the partition values
-- ===== verbatim text below this line =====
select eventtime, eventsource, eventname, sourceipaddress, errorcode, useragent
from cloudtrail_000000000000
where useridentity.accesskeyid = 'AKIAxxxxxxxxxxxxxxxx'
and year = '####' and month = '##'

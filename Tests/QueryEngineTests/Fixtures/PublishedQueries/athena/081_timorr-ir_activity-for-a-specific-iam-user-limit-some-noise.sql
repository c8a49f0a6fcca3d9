-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/easttimor/aws-incident-response/blob/038d52063e36e654741dd0ff8d1b6b7245543b2f/README.md
-- repo: easttimor/aws-incident-response  commit: 038d52063e36e654741dd0ff8d1b6b7245543b2f  path: README.md
-- license: MIT (LICENSE in the repository: Copyright (c) 2020 Timothy Orr)
-- title: Activity for a specific IAM User, limit some noise
-- well-formed: yes
-- notes: table cloudtrail_000000000000 is a per-account table of duo-labs/cloudtrail-partitioner, partitioned by region, year, month and day (strings); '####' and '##' are the README's placeholders for the partition values
-- ===== verbatim text below this line =====
select eventtime, eventsource, eventname, errorcode, sourceipaddress, useragent
from cloudtrail_000000000000
where year = '####' and month = '##'
and userIdentity.arn = 'arn:aws:iam::000000000000:user/xxxxxxxx'
and eventName not like 'Describe%'
and eventName not like 'List%'
and eventName not like 'Get%'
order by eventtime desc

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/easttimor/aws-incident-response/blob/038d52063e36e654741dd0ff8d1b6b7245543b2f/README.md
-- repo: easttimor/aws-incident-response  commit: 038d52063e36e654741dd0ff8d1b6b7245543b2f  path: README.md
-- license: MIT (LICENSE in the repository: Copyright (c) 2020 Timothy Orr)
-- title: API Errors
-- well-formed: no (the FROM clause reads 'from from cloudtrail_000000000000' and the filter starts with 'and' where WHERE belongs: a syntax error in Trino)
-- notes: table cloudtrail_000000000000 is a per-account table of duo-labs/cloudtrail-partitioner, partitioned by region, year, month and day (strings); '####' and '##' are the README's placeholders for the partition values
-- ===== verbatim text below this line =====
select eventTime, eventSource, eventName, errorCode, errorMessage, responseElements, awsRegion, userIdentity.arn, sourceIPAddress, userAgent
from from cloudtrail_000000000000
and year = '####' and month = '##'
and errorCode in ('Client.UnauthorizedOperation','Client.InvalidPermission.NotFound','Client.OperationNotPermitted','AccessDenied')
order by eventTime desc
limit 25

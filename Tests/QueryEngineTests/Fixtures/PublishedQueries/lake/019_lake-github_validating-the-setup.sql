-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/aws-cloudtrail-lake-github-audit-log/blob/627c4e576c88815d8ab9ea8ef90f2b97ab20c404/README.md
-- repo: aws-samples/aws-cloudtrail-lake-github-audit-log  commit: 627c4e576c88815d8ab9ea8ef90f2b97ab20c404  path: README.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Validating the setup
-- well-formed: no (a comma is missing after 'eventData.requestParameters as requestParameters', and the last literal '2022-09-30 00:00:00 is never closed: both are syntax errors)
-- notes: an event data store of integration events (GitHub audit log sent with PutAuditEvents): the GitHub fields live under eventData; {{replace with your data store id}} is the README's placeholder
-- ===== verbatim text below this line =====
SELECT 
    eventData.eventSource as eventSource, 
    awsRegion, 
    eventData.eventname as eventName, 
    eventData.eventTime as eventTime, 
    eventData.requestParameters as requestParameters
    eventData.userIdentity.type as eventType 
FROM 
    {{replace with your event data store id}}
WHERE 
    eventData.eventSource = 'github.audit.streaming' and 
    eventTime > '2022-08-31 00:00:00' and eventTime < '2022-09-30 00:00:00

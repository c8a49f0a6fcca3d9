-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/aws-cloudtrail-lake-ingesting-non-aws-events/blob/1af1f04604fab82c2fd3072e8bdb14c77ea43e02/README.md
-- repo: aws-samples/aws-cloudtrail-lake-ingesting-non-aws-events  commit: 1af1f04604fab82c2fd3072e8bdb14c77ea43e02  path: README.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Validating the setup (Google Cloud audit logs)
-- well-formed: yes
-- notes: an event data store of integration events (Google Cloud audit logs sent with PutAuditEvents); <event data store id> is the README's placeholder
-- ===== verbatim text below this line =====
SELECT
   eventData.eventSource,    
   eventData.eventName, 
   eventData.userIdentity.principalId,
   eventData.sourceIpAddress, 
   eventData.eventTime
FROM
   <event data store id>
WHERE
   eventData.userIdentity.type = 'GoogleCloudUser'
   AND eventData.eventTime >= '2023-06-28 00:00:00' 
   AND eventData.eventTime < '2023-07-01 00:00:00'
LIMIT 10

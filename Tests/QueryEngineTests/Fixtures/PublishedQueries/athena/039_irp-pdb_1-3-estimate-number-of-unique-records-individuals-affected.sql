-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-personal-data-breach.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-personal-data-breach.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 1.3 Estimate number of unique records/individuals affected
-- well-formed: no (requestParameters is a varchar column in the standard cloudtrail_logs table the file's prerequisites name: Trino rejects the field access requestParameters.bucketName)
-- ===== verbatim text below this line =====
SELECT requestParameters.bucketName AS bucket,
       COUNT(DISTINCT requestParameters.key) AS unique_objects_accessed,
       COUNT(*) AS total_access_events,
       SUM(CAST(additionalEventData.bytesTransferredOut AS BIGINT)) AS total_bytes,
       MIN(eventTime) AS first_access,
       MAX(eventTime) AS last_access
FROM cloudtrail_logs
WHERE eventSource = 's3.amazonaws.com'
  AND eventName = 'GetObject'
  AND requestParameters.bucketName = 'customer-pii-bucket'
  AND userIdentity.arn = 'arn:aws:iam::999888777666:role/SuspiciousRole'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
  AND errorCode IS NULL
GROUP BY requestParameters.bucketName;

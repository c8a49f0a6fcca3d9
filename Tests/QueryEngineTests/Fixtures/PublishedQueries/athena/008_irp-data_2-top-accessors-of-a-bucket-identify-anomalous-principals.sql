-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-data-access.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-data-access.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 2 Top accessors of a bucket (identify anomalous principals)
-- well-formed: no (additionalEventData is a varchar column in the CloudTrail table (the file's own prerequisites point at the standard cloudtrail_logs DDL): Trino rejects the field access additionalEventData.bytesTransferredOut)
-- ===== verbatim text below this line =====
SELECT userIdentity.arn, sourceIPAddress, COUNT(*) as access_count,
       SUM(CAST(additionalEventData.bytesTransferredOut AS BIGINT)) as bytes_out
FROM cloudtrail_logs
WHERE eventSource = 's3.amazonaws.com'
  AND requestParameters LIKE '%BUCKET_NAME%'
  AND eventName = 'GetObject'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
GROUP BY userIdentity.arn, sourceIPAddress
ORDER BY access_count DESC;

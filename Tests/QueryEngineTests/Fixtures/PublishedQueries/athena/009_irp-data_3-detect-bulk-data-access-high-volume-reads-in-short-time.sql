-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-data-access.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-data-access.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 3 Detect bulk data access (high-volume reads in short time)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT DATE_TRUNC('hour', from_iso8601_timestamp(eventTime)) as hour_bucket,
       userIdentity.arn, COUNT(*) as read_count
FROM cloudtrail_logs
WHERE eventSource = 's3.amazonaws.com'
  AND eventName = 'GetObject'
  AND requestParameters LIKE '%BUCKET_NAME%'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
GROUP BY DATE_TRUNC('hour', from_iso8601_timestamp(eventTime)), userIdentity.arn
HAVING COUNT(*) > 100
ORDER BY hour_bucket ASC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-data-access.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-data-access.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 4 DynamoDB data access (Scan operations are a red flag for exfiltration)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, sourceIPAddress, userIdentity.arn,
       requestParameters
FROM cloudtrail_logs
WHERE eventSource = 'dynamodb.amazonaws.com'
  AND eventName IN ('Scan', 'Query', 'BatchGetItem', 'GetItem')
  AND requestParameters LIKE '%TABLE_NAME%'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/0dac8132d5f4c1888b6699b96cbf66f9d0adecc2/playbooks/resources/athena-queries-credential-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 0dac8132d5f4c1888b6699b96cbf66f9d0adecc2  path: playbooks/resources/athena-queries-credential-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 4 Data access events (S3, DynamoDB, Secrets Manager, SSM)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, eventSource, requestParameters, sourceIPAddress
FROM cloudtrail_logs
WHERE userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE'
  AND eventSource IN ('s3.amazonaws.com', 'dynamodb.amazonaws.com',
                      'secretsmanager.amazonaws.com', 'ssm.amazonaws.com')
  AND eventName IN ('GetObject', 'GetItem', 'BatchGetItem', 'GetSecretValue',
                    'GetParameter', 'GetParameters')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

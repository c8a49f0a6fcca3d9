-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-data-access.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-data-access.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 9 Detect bucket policy or ACL changes (threat actor granting access)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, userIdentity.arn, sourceIPAddress,
       requestParameters
FROM cloudtrail_logs
WHERE eventSource = 's3.amazonaws.com'
  AND eventName IN ('PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl',
                    'PutObjectAcl', 'PutBucketPublicAccessBlock',
                    'DeleteBucketPublicAccessBlock')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

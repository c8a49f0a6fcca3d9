-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-InsiderThreat.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-InsiderThreat.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 5 Data transfer patterns cross-account copies and external sharing
-- well-formed: yes
-- ===== verbatim text below this line =====
-- Query 5: Data transfer patterns — cross-account copies and external sharing
-- Detects data staging to personal or external accounts
SELECT eventTime, eventName, eventSource, sourceIPAddress,
       requestParameters, recipientAccountId, resources
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%arn:aws:iam::123456789012:user/SUBJECT_USER%'
  AND (
    eventName IN ('CopyObject', 'PutBucketPolicy', 'PutBucketAcl',
                  'PutObjectAcl', 'CreateGrant', 'PutResourcePolicy')
    OR (eventName = 'PutObject' AND requestParameters LIKE '%x-amz-copy-source%')
    OR (eventName = 'AssumeRole' AND requestParameters LIKE '%arn:aws:iam::%')
  )
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
ORDER BY eventTime ASC;

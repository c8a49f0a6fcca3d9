-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-InsiderThreat.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-InsiderThreat.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 3 Self-service IAM changes
-- well-formed: yes
-- ===== verbatim text below this line =====
-- Query 3: Self-service IAM changes — user modifying their own permissions
-- Detects privilege escalation attempts by authorized users
SELECT eventTime, eventName, requestParameters, responseElements, sourceIPAddress
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%arn:aws:iam::123456789012:user/SUBJECT_USER%'
  AND eventName IN (
    'CreateAccessKey', 'PutUserPolicy', 'AttachUserPolicy',
    'AddUserToGroup', 'CreateLoginProfile', 'UpdateLoginProfile',
    'PutRolePolicy', 'AttachRolePolicy', 'UpdateAssumeRolePolicy',
    'CreateRole', 'CreatePolicy', 'CreatePolicyVersion'
  )
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
ORDER BY eventTime ASC;

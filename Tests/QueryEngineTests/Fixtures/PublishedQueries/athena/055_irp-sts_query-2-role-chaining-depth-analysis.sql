-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-STSTokenAbuse.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-STSTokenAbuse.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 2 Role chaining depth analysis
-- well-formed: no (requestParameters is a varchar column in the standard cloudtrail_logs table: Trino rejects the field access requestParameters.roleArn)
-- ===== verbatim text below this line =====
-- Query 2: Role chaining depth analysis (session assuming session assuming session)
-- Detects multi-hop role chaining by identifying AssumeRole calls made by assumed-role sessions
SELECT eventTime, userIdentity.arn AS caller_session,
       userIdentity.sessionContext.sessionIssuer.arn AS original_role,
       requestParameters.roleArn AS next_role_in_chain,
       sourceIPAddress,
       requestParameters.roleSessionName,
       requestParameters.durationSeconds
FROM cloudtrail_logs
WHERE eventName = 'AssumeRole'
  AND userIdentity.type = 'AssumedRole'
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
ORDER BY eventTime ASC;

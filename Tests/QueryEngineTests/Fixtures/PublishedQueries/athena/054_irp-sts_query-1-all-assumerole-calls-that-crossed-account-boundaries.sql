-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-STSTokenAbuse.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-STSTokenAbuse.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 1 All AssumeRole calls that crossed account boundaries
-- well-formed: no (requestParameters is a varchar column in the standard cloudtrail_logs table: Trino rejects the field access requestParameters.roleArn)
-- ===== verbatim text below this line =====
-- Query 1: All AssumeRole calls that crossed account boundaries
-- Identifies cross-account pivoting by comparing the caller account with the target role account
SELECT eventTime, userIdentity.accountId AS source_account,
       SPLIT_PART(requestParameters.roleArn, ':', 5) AS target_account,
       requestParameters.roleArn AS assumed_role,
       userIdentity.arn AS caller_arn,
       sourceIPAddress, userAgent, errorCode
FROM cloudtrail_logs
WHERE eventName = 'AssumeRole'
  AND userIdentity.accountId != SPLIT_PART(requestParameters.roleArn, ':', 5)
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
ORDER BY eventTime ASC;

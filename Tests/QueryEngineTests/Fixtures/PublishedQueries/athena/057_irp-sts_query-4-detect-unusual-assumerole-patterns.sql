-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-STSTokenAbuse.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-STSTokenAbuse.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 4 Detect unusual AssumeRole patterns
-- well-formed: no (requestParameters is a varchar column in the standard cloudtrail_logs table: Trino rejects the field access requestParameters.roleArn)
-- ===== verbatim text below this line =====
-- Query 4: Detect unusual AssumeRole patterns (new source accounts, unusual times, high frequency)
SELECT userIdentity.accountId AS source_account,
       requestParameters.roleArn AS target_role,
       COUNT(*) AS assume_count,
       MIN(eventTime) AS first_seen,
       MAX(eventTime) AS last_seen,
       ARRAY_AGG(DISTINCT sourceIPAddress) AS source_ips
FROM cloudtrail_logs
WHERE eventName = 'AssumeRole'
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
  AND errorCode IS NULL
GROUP BY userIdentity.accountId, requestParameters.roleArn
ORDER BY assume_count DESC;

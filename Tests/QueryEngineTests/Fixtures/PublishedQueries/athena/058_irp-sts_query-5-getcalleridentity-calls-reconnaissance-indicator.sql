-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-STSTokenAbuse.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-STSTokenAbuse.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 5 GetCallerIdentity calls (reconnaissance indicator)
-- well-formed: yes
-- ===== verbatim text below this line =====
-- Query 5: GetCallerIdentity calls (reconnaissance indicator)
-- Attackers frequently call GetCallerIdentity to understand what credentials they have
SELECT eventTime, userIdentity.arn, userIdentity.accountId,
       sourceIPAddress, userAgent,
       userIdentity.type, userIdentity.accessKeyId
FROM cloudtrail_logs
WHERE eventName = 'GetCallerIdentity'
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
  AND sourceIPAddress NOT IN ('AWS Internal')
ORDER BY eventTime ASC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-InsiderThreat.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-InsiderThreat.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 4 Resource creation in unusual regions by known users
-- well-formed: yes
-- ===== verbatim text below this line =====
-- Query 4: Resource creation in unusual regions by known users
-- Detects cryptomining, personal projects, or staging infrastructure
SELECT eventTime, eventName, awsRegion, eventSource, sourceIPAddress,
       requestParameters, responseElements
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%arn:aws:iam::123456789012:user/SUBJECT_USER%'
  AND eventName LIKE 'Create%'
  AND awsRegion NOT IN ('us-east-1', 'us-west-2', 'eu-west-1')  -- adjust to your normal regions
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
ORDER BY eventTime ASC;

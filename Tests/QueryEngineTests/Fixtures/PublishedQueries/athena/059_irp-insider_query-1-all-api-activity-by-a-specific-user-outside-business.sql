-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-InsiderThreat.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-InsiderThreat.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 1 All API activity by a specific user outside business hours
-- well-formed: yes
-- ===== verbatim text below this line =====
-- Query 1: All API activity by a specific user outside business hours (UTC)
-- Adjust hours for subject's timezone. This example flags 03:00-11:00 UTC (11 PM - 7 AM ET)
SELECT eventTime, eventName, eventSource, sourceIPAddress, userAgent,
       awsRegion, requestParameters, errorCode
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%arn:aws:iam::123456789012:user/SUBJECT_USER%'
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
  AND (
    CAST(hour(from_iso8601_timestamp(eventTime)) AS INTEGER) >= 3
    AND CAST(hour(from_iso8601_timestamp(eventTime)) AS INTEGER) < 11
  )
ORDER BY eventTime ASC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd/playbooks/IRP-InsiderThreat.md
-- repo: aws-samples/aws-incident-response-playbooks  commit: b6c7b432ad5b7b32f7790bf65697aa3bd8187bfd  path: playbooks/IRP-InsiderThreat.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Query 2 Bulk data access patterns S3 GetObject volume by user
-- well-formed: yes
-- ===== verbatim text below this line =====
-- Query 2: Bulk data access patterns — S3 GetObject volume by user over time
-- Identifies unusual download volumes compared to baseline
SELECT DATE(from_iso8601_timestamp(eventTime)) as access_date,
       COUNT(*) as get_object_count,
       COUNT(DISTINCT JSON_EXTRACT_SCALAR(requestParameters, '$.bucketName')) as unique_buckets,
       APPROX_DISTINCT(JSON_EXTRACT_SCALAR(requestParameters, '$.key')) as unique_objects
FROM cloudtrail_logs
WHERE userIdentity.arn LIKE '%arn:aws:iam::123456789012:user/SUBJECT_USER%'
  AND eventSource = 's3.amazonaws.com'
  AND eventName = 'GetObject'
  AND eventTime BETWEEN '2026-05-01T00:00:00Z' AND '2026-05-28T23:59:59Z'
GROUP BY DATE(from_iso8601_timestamp(eventTime))
ORDER BY access_date ASC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/0dac8132d5f4c1888b6699b96cbf66f9d0adecc2/playbooks/resources/athena-queries-ransomware.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 0dac8132d5f4c1888b6699b96cbf66f9d0adecc2  path: playbooks/resources/athena-queries-ransomware.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 6 High-volume deletion activity (ransomware indicator)
-- well-formed: no (HAVING refers to the select-list alias call_count; Trino resolves HAVING against the input columns only and rejects it (COLUMN_NOT_FOUND))
-- ===== verbatim text below this line =====
SELECT eventSource, eventName, userIdentity.arn,
       COUNT(*) as call_count, MIN(eventTime) as first_seen, MAX(eventTime) as last_seen
FROM cloudtrail_logs
WHERE eventName LIKE 'Delete%'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
GROUP BY eventSource, eventName, userIdentity.arn
HAVING call_count > 10
ORDER BY call_count DESC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-federated-access-abuse.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-federated-access-abuse.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 6 Unique source IPs for federated sessions (anomaly identification)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT sourceIPAddress, COUNT(*) AS session_count,
       MIN(eventTime) AS first_seen, MAX(eventTime) AS last_seen,
       array_agg(DISTINCT json_extract_scalar(requestParameters, '$.roleArn')) AS roles_assumed
FROM cloudtrail_logs
WHERE eventName IN ('AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
GROUP BY sourceIPAddress
ORDER BY session_count DESC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-identity-center-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-identity-center-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 9 High-volume Identity Center API calls (potential automated attack)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventName, eventSource, COUNT(*) AS call_count,
       sourceIPAddress, userIdentity.arn AS actor
FROM cloudtrail_logs
WHERE eventSource IN ('sso.amazonaws.com', 'identitystore.amazonaws.com')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
GROUP BY eventName, eventSource, sourceIPAddress, userIdentity.arn
HAVING COUNT(*) > 10
ORDER BY call_count DESC;

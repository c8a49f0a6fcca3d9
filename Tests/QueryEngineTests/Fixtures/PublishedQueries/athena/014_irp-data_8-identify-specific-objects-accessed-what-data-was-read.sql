-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-data-access.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-data-access.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 8 Identify specific objects accessed (what data was read)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, json_extract_scalar(requestParameters, '$.key') as object_key,
       sourceIPAddress, userIdentity.arn
FROM cloudtrail_logs
WHERE eventSource = 's3.amazonaws.com'
  AND eventName = 'GetObject'
  AND requestParameters LIKE '%BUCKET_NAME%'
  AND userIdentity.arn = 'SUSPECT_PRINCIPAL'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-identity-center-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-identity-center-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 8 Identify all accounts accessed via SSO by a specific user
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, sourceIPAddress,
       json_extract_scalar(requestParameters, '$.accountId') AS target_account,
       json_extract_scalar(requestParameters, '$.roleName') AS role_name
FROM cloudtrail_logs
WHERE eventSource = 'sso.amazonaws.com'
  AND eventName = 'GetRoleCredentials'
  AND userIdentity.principalId LIKE '%ATTACKER_USER_ID%'
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

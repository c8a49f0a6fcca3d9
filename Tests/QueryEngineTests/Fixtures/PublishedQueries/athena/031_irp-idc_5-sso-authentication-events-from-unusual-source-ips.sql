-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-identity-center-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-identity-center-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 5 SSO authentication events from unusual source IPs
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, sourceIPAddress, userAgent,
       userIdentity.principalId AS sso_user,
       json_extract_scalar(additionalEventData, '$.MFAUsed') AS mfa_used
FROM cloudtrail_logs
WHERE eventSource = 'sso.amazonaws.com'
  AND eventName IN ('Authenticate', 'Federate', 'ListAccounts',
                    'ListAccountRoles', 'GetRoleCredentials')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

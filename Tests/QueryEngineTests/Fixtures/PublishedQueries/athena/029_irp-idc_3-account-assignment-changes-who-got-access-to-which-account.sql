-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-identity-center-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-identity-center-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 3 Account assignment changes (who got access to which accounts)
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, sourceIPAddress, userIdentity.arn AS actor_arn,
       json_extract_scalar(requestParameters, '$.targetId') AS account_id,
       json_extract_scalar(requestParameters, '$.permissionSetArn') AS permission_set_arn,
       json_extract_scalar(requestParameters, '$.principalId') AS principal_id,
       json_extract_scalar(requestParameters, '$.principalType') AS principal_type
FROM cloudtrail_logs
WHERE eventSource = 'sso.amazonaws.com'
  AND eventName IN ('CreateAccountAssignment', 'DeleteAccountAssignment')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

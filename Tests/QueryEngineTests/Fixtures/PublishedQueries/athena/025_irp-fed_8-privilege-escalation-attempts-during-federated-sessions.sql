-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-federated-access-abuse.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-federated-access-abuse.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 8 Privilege escalation attempts during federated sessions
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, sourceIPAddress,
       userIdentity.arn AS actor,
       requestParameters, errorCode
FROM cloudtrail_logs
WHERE userIdentity.sessionContext.sessionIssuer.type = 'Role'
  AND eventName IN ('CreateUser', 'CreateRole', 'CreateAccessKey',
                    'AttachRolePolicy', 'AttachUserPolicy', 'PutRolePolicy',
                    'PutUserPolicy', 'CreatePolicyVersion',
                    'UpdateAssumeRolePolicy', 'CreateSAMLProvider',
                    'UpdateSAMLProvider', 'CreateLoginProfile')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

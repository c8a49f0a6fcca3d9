-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-identity-center-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-identity-center-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 7 Permission set policy attachment history
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName,
       json_extract_scalar(requestParameters, '$.permissionSetArn') AS permission_set_arn,
       json_extract_scalar(requestParameters, '$.managedPolicyArn') AS managed_policy_arn,
       sourceIPAddress, userIdentity.arn AS actor
FROM cloudtrail_logs
WHERE eventSource = 'sso.amazonaws.com'
  AND eventName IN ('AttachManagedPolicyToPermissionSet',
                    'DetachManagedPolicyFromPermissionSet',
                    'PutInlinePolicyToPermissionSet',
                    'DeleteInlinePolicyFromPermissionSet')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

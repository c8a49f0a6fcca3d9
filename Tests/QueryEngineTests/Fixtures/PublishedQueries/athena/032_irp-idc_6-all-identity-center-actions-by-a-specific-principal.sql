-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/34a40af029aee626f640e07007d36c65701c77ca/playbooks/resources/athena-queries-identity-center-compromise.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: 34a40af029aee626f640e07007d36c65701c77ca  path: playbooks/resources/athena-queries-identity-center-compromise.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 6 All Identity Center actions by a specific principal
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT eventTime, eventName, eventSource, sourceIPAddress, userAgent,
       errorCode, requestParameters, responseElements
FROM cloudtrail_logs
WHERE userIdentity.arn = 'arn:aws:iam::MGMT_ACCOUNT_ID:user/SUSPECTED_ADMIN'
  AND eventSource IN ('sso.amazonaws.com', 'identitystore.amazonaws.com',
                      'sso-directory.amazonaws.com')
  AND eventTime BETWEEN 'START_TIME' AND 'END_TIME'
ORDER BY eventTime ASC;

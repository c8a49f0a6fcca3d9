-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/mhmtayberk/aws-cloud-security-detection-pack/blob/b39c4a8e3d4732b419692783ee86d5d93d00d047/detections/sql/console_login_without_mfa.sql
-- repo: mhmtayberk/aws-cloud-security-detection-pack  commit: b39c4a8e3d4732b419692783ee86d5d93d00d047  path: detections/sql/console_login_without_mfa.sql
-- license: MIT (LICENSE in the repository: Copyright (c) 2026 Cloud Security Community)
-- title: Console Login without MFA
-- well-formed: yes
-- notes: table cloudtrail_logs from the repository's athena_setup.sql: PARTITIONED BY (region STRING, year STRING, month STRING, day STRING), every CloudTrail field a STRING apart from useridentity and resources; the rule's comment header is kept
-- ===== verbatim text below this line =====
-- Rule: Console Login without MFA
-- Description: Identifies single-factor authentication to the AWS Console.
-- Severity: Medium
-- MITRE: T1078

SELECT
  eventTime,
  eventName,
  userIdentity.arn AS user_arn,
  json_extract_scalar(additionalEventData, '$.MFAUsed') AS mfa_used,
  sourceIPAddress,
  userAgent
FROM
  cloudtrail_logs
WHERE
  eventName = 'ConsoleLogin'
  AND json_extract_scalar(responseElements, '$.ConsoleLogin') = 'Success'
  AND json_extract_scalar(additionalEventData, '$.MFAUsed') = 'No'
  -- Exclude SSO/Saml logins as MFA is handled by the IdP (e.g. Okta/AzureAD)
  -- We strictly target local IAM Users where MFA should be enforced by AWS
  AND userIdentity.type = 'IAMUser' 
ORDER BY
  eventTime DESC;

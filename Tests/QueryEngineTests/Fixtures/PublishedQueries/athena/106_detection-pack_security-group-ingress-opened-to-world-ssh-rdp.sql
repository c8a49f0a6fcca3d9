-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/mhmtayberk/aws-cloud-security-detection-pack/blob/b39c4a8e3d4732b419692783ee86d5d93d00d047/detections/sql/security_group_ingress_open_world.sql
-- repo: mhmtayberk/aws-cloud-security-detection-pack  commit: b39c4a8e3d4732b419692783ee86d5d93d00d047  path: detections/sql/security_group_ingress_open_world.sql
-- license: MIT (LICENSE in the repository: Copyright (c) 2026 Cloud Security Community)
-- title: Security Group Ingress Opened to World (SSH/RDP)
-- well-formed: yes
-- notes: table cloudtrail_logs from the repository's athena_setup.sql: PARTITIONED BY (region STRING, year STRING, month STRING, day STRING), every CloudTrail field a STRING apart from useridentity and resources; the rule's comment header is kept
-- ===== verbatim text below this line =====
-- Rule: Security Group Ingress Opened to World (SSH/RDP)
-- Description: Detects exposure of RDP or SSH ports to the entire internet.
-- Severity: Critical
-- MITRE: T1190

SELECT
  eventTime,
  eventName,
  userIdentity.arn AS actor_arn,
  json_extract_scalar(requestParameters, '$.groupId') AS security_group_id,
  requestParameters,
  sourceIPAddress,
  userAgent
FROM
  cloudtrail_logs
WHERE
  eventName = 'AuthorizeSecurityGroupIngress'
  AND requestParameters LIKE '%0.0.0.0/0%' 
  AND (
      requestParameters LIKE '%fromPort": 22,%' 
      OR requestParameters LIKE '%toPort": 22,%'
      OR requestParameters LIKE '%fromPort": 3389,%'
      OR requestParameters LIKE '%toPort": 3389,%'
  )
  -- Note: Correlation with 'RevokeSecurityGroupIngress' by same user within 1 minute
  -- would suggest automated testing (e.g. Terraform validation), but for safety we alert on OPEN.
ORDER BY
  eventTime DESC;

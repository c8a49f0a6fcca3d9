-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/mhmtayberk/aws-cloud-security-detection-pack/blob/b39c4a8e3d4732b419692783ee86d5d93d00d047/detections/sql/iam_create_access_key_for_other_user.sql
-- repo: mhmtayberk/aws-cloud-security-detection-pack  commit: b39c4a8e3d4732b419692783ee86d5d93d00d047  path: detections/sql/iam_create_access_key_for_other_user.sql
-- license: MIT (LICENSE in the repository: Copyright (c) 2026 Cloud Security Community)
-- title: IAM Access Key Created for Another User
-- well-formed: yes
-- notes: table cloudtrail_logs from the repository's athena_setup.sql: PARTITIONED BY (region STRING, year STRING, month STRING, day STRING), every CloudTrail field a STRING apart from useridentity and resources; the rule's comment header is kept
-- ===== verbatim text below this line =====
-- Rule: IAM Access Key Created for Another User
-- Description: Detects creation of access keys where a specific target user is defined.
-- Severity: High
-- MITRE: T1098

SELECT
  eventTime,
  eventName,
  userIdentity.arn AS actor_arn,
  json_extract_scalar(requestParameters, '$.userName') AS target_user,
  responseElements,
  sourceIPAddress,
  userAgent
FROM
  cloudtrail_logs
WHERE
  eventName = 'CreateAccessKey'
  AND json_extract_scalar(requestParameters, '$.userName') IS NOT NULL
  -- Optional: Exclude if the actor name matches the target (requires complex string parsing in SQL)
  -- Generally, providing the userName parameter explicitly is rare for self-service
ORDER BY
  eventTime DESC;

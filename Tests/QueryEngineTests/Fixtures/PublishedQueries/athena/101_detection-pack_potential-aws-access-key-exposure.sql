-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/mhmtayberk/aws-cloud-security-detection-pack/blob/b39c4a8e3d4732b419692783ee86d5d93d00d047/detections/sql/aws_access_key_exposure.sql
-- repo: mhmtayberk/aws-cloud-security-detection-pack  commit: b39c4a8e3d4732b419692783ee86d5d93d00d047  path: detections/sql/aws_access_key_exposure.sql
-- license: MIT (LICENSE in the repository: Copyright (c) 2026 Cloud Security Community)
-- title: Potential AWS Access Key Exposure
-- well-formed: yes
-- notes: table cloudtrail_logs from the repository's athena_setup.sql: PARTITIONED BY (region STRING, year STRING, month STRING, day STRING), every CloudTrail field a STRING apart from useridentity and resources; the rule's comment header is kept
-- ===== verbatim text below this line =====
-- Rule: Potential AWS Access Key Exposure
-- Description: Detects GetCallerIdentity from potential attackers
-- Severity: High

SELECT
  eventTime,
  eventName,
  userIdentity.arn AS actor_arn,
  sourceIPAddress,
  userAgent
FROM
  cloudtrail_logs
WHERE
  eventName = 'GetCallerIdentity'
  AND userIdentity.type = 'IAMUser'
  -- Filter out internal IPs if possible
  -- AND sourceIPAddress NOT LIKE '10.%'
ORDER BY
  eventTime DESC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/mhmtayberk/aws-cloud-security-detection-pack/blob/b39c4a8e3d4732b419692783ee86d5d93d00d047/detections/sql/ebs_snapshot_shared_externally.sql
-- repo: mhmtayberk/aws-cloud-security-detection-pack  commit: b39c4a8e3d4732b419692783ee86d5d93d00d047  path: detections/sql/ebs_snapshot_shared_externally.sql
-- license: MIT (LICENSE in the repository: Copyright (c) 2026 Cloud Security Community)
-- title: EBS Snapshot Shared Externally
-- well-formed: yes
-- notes: table cloudtrail_logs from the repository's athena_setup.sql: PARTITIONED BY (region STRING, year STRING, month STRING, day STRING), every CloudTrail field a STRING apart from useridentity and resources; the rule's comment header is kept
-- ===== verbatim text below this line =====
-- Rule: EBS Snapshot Shared Externally
-- Description: Detects exfiltration of disk images via permission changes.
-- Severity: Critical
-- MITRE: T1537

SELECT
  eventTime,
  eventName,
  userIdentity.arn AS actor_arn,
  json_extract_scalar(requestParameters, '$.snapshotId') AS snapshot_id,
  -- Extracting who it was shared with (Account ID or 'all' for public)
  json_extract(requestParameters, '$.createVolumePermission') AS permissions_changes,
  sourceIPAddress,
  userAgent
FROM
  cloudtrail_logs
WHERE
  eventName = 'ModifySnapshotAttribute'
  AND (
    requestParameters LIKE '%"add":%' 
    AND (
       requestParameters LIKE '%"group": "all"%' -- Shared Publicly
       OR requestParameters LIKE '%"userId":%'   -- Shared with specific account
    )
  )
  -- Filter: Add 'AND requestParameters NOT LIKE "%TRUSTED_ACCOUNT_ID%"' to suppress known DR accounts
ORDER BY
  eventTime DESC;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks/blob/e690dfc73406b92511efc3a165a73ce3f75ab3b1/playbooks/resources/athena-queries-personal-data-breach.sql
-- repo: aws-samples/aws-incident-response-playbooks  commit: e690dfc73406b92511efc3a165a73ce3f75ab3b1  path: playbooks/resources/athena-queries-personal-data-breach.sql
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: 1.5 Macie finding correlation with CloudTrail access
-- well-formed: no (requestParameters is a varchar column in the standard cloudtrail_logs table the file's prerequisites name: Trino rejects the field access requestParameters.bucketName)
-- ===== verbatim text below this line =====
SELECT ct.eventTime, ct.userIdentity.arn AS accessor,
       ct.requestParameters.key AS object_key,
       ct.sourceIPAddress,
       ct.additionalEventData.bytesTransferredOut AS bytes_out,
       ct.userAgent
FROM cloudtrail_logs ct
WHERE ct.eventSource = 's3.amazonaws.com'
  AND ct.eventName = 'GetObject'
  AND ct.requestParameters.bucketName = 'customer-pii-bucket'
  AND ct.requestParameters.key IN (
    -- Insert object keys from Macie findings that contain PII
    'data/customers/export-20260501.csv',
    'data/customers/full-extract.json.gz',
    'backups/db-snapshot-customers-20260515.sql'
  )
  AND ct.eventTime BETWEEN 'START_TIME' AND 'END_TIME'
  AND ct.errorCode IS NULL
ORDER BY ct.eventTime ASC;

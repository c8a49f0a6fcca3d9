-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-s3-userguide/blob/0906474195187920ee9fc895aeacc75a6344fb3f/doc_source/cloudtrail-request-identification.md
-- repo: awsdocs/amazon-s3-userguide  commit: 0906474195187920ee9fc895aeacc75a6344fb3f  path: doc_source/cloudtrail-request-identification.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Signature Version 2 requesters from the partitioned table
-- well-formed: yes
-- notes: table cloudtrail_myawsexamplebucket1_table_partitioned from the same page: PARTITIONED BY (region string, year string, month string, day string), partitions added by hand
-- ===== verbatim text below this line =====
SELECT useridentity.arn,
Count(requestid) AS RequestCount
FROM s3_cloudtrail_events_db.cloudtrail_myawsexamplebucket1_table_partitioned
WHERE eventsource='s3.amazonaws.com'
AND json_extract_scalar(additionalEventData, '$.SignatureVersion')='SigV2'
AND region='us-east-1'
AND year='2019'
AND month='02'
AND day='19'
Group by useridentity.arn

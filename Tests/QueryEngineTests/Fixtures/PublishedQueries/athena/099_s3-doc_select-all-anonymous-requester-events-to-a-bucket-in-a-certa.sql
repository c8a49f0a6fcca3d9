-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-s3-userguide/blob/0906474195187920ee9fc895aeacc75a6344fb3f/doc_source/cloudtrail-request-identification.md
-- repo: awsdocs/amazon-s3-userguide  commit: 0906474195187920ee9fc895aeacc75a6344fb3f  path: doc_source/cloudtrail-request-identification.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Select all anonymous requester events to a bucket in a certain period
-- well-formed: yes
-- notes: table from the same page: an unpartitioned CloudTrailSerde table with every CloudTrail field a STRING apart from useridentity (struct) and resources (array of struct)
-- ===== verbatim text below this line =====
SELECT
  eventTime, 
  eventName, 
  eventSource, 
  sourceIpAddress, 
  userAgent, 
  json_extract_scalar(requestParameters, '$.bucketName') as bucketName, 
  userIdentity.arn as userArn,
  userIdentity.accountId 
FROM
  s3_cloudtrail_events_db.cloudtrail_myawsexamplebucket_table
WHERE
  userIdentity.accountId='ANONYMOUS_PRINCIPAL'
  AND eventTime BETWEEN '2019-07-05T00:00:00Z' and '2019-07-06T00:00:00Z'

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-s3-userguide/blob/0906474195187920ee9fc895aeacc75a6344fb3f/doc_source/cloudtrail-request-identification.md
-- repo: awsdocs/amazon-s3-userguide  commit: 0906474195187920ee9fc895aeacc75a6344fb3f  path: doc_source/cloudtrail-request-identification.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Test Athena to ensure that the query works
-- well-formed: yes
-- notes: table from the same page: an unpartitioned CloudTrailSerde table with every CloudTrail field a STRING apart from useridentity (struct) and resources (array of struct); the page indents the query inside a numbered list (indentation removed)
-- ===== verbatim text below this line =====
SELECT * FROM s3_cloudtrail_events_db.cloudtrail_myawsexamplebucket1_table
WHERE eventsource='s3.amazonaws.com'
LIMIT 2;

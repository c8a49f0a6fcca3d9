-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-athena-user-guide/blob/24df7d8af592139c3124f2e54ef54ff659dbbcb0/doc_source/cloudtrail-logs.md
-- repo: awsdocs/amazon-athena-user-guide  commit: 24df7d8af592139c3124f2e54ef54ff659dbbcb0  path: doc_source/cloudtrail-logs.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: All anonymous unsigned S3 requests
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT *
FROM cloudtrail_logs
WHERE 
    eventsource = 's3.amazonaws.com' AND 
    eventname in ('GetObject') AND 
    useridentity.accountid LIKE '%ANONYMOUS%' AND 
    useridentity.arn IS NULL AND
    requestparameters LIKE '%[your bucket name ]%';

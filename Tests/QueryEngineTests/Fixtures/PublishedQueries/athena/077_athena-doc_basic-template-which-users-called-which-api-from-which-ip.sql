-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-athena-user-guide/blob/24df7d8af592139c3124f2e54ef54ff659dbbcb0/doc_source/cloudtrail-logs.md
-- repo: awsdocs/amazon-athena-user-guide  commit: 24df7d8af592139c3124f2e54ef54ff659dbbcb0  path: doc_source/cloudtrail-logs.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Basic template which users called which API from which IP
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT
 useridentity.arn,
 eventname,
 sourceipaddress,
 eventtime
FROM cloudtrail_logs
LIMIT 100;

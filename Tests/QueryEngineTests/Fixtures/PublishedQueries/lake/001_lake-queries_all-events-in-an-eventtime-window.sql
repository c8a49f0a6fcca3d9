-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-lake-queries.html (AWS CloudTrail User Guide, 'CloudTrail Lake queries')
-- license: AWS documentation; code samples in AWS docs are offered under MIT-0 (awsdocs), text under CC-BY-SA-4.0
-- title: All events in an eventTime window
-- well-formed: no (two defects Trino rejects: 'eds-ID' is not a table name (a minus sign after FROM eds) and '< =' has a space inside the operator)
-- ===== verbatim text below this line =====
SELECT *
FROM eds-ID
WHERE
     eventtime >='2023-01-05 13:51:00' and eventtime < ='2023-01-19 13:51:00'

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-lake-queries.html (AWS CloudTrail User Guide, 'CloudTrail Lake queries')
-- license: AWS documentation; code samples in AWS docs are offered under MIT-0 (awsdocs), text under CC-BY-SA-4.0
-- title: All events in an eventTime window
-- well-formed: no ('< =' has a space inside the operator, which no SQL dialect accepts; eds-ID is the page's placeholder for the event data store ID)
-- ===== verbatim text below this line =====
SELECT *
FROM eds-ID
WHERE
     eventtime >='2023-01-05 13:51:00' and eventtime < ='2023-01-19 13:51:00'

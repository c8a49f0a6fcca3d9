-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/lake-queries-optimization.html (AWS CloudTrail User Guide, 'Optimize CloudTrail Lake queries')
-- license: AWS documentation; code samples in AWS docs are offered under MIT-0 (awsdocs), text under CC-BY-SA-4.0
-- title: Optimize aggregations with arbitrary
-- well-formed: yes
-- notes: $EDS_ID is the documentation's placeholder for the event data store ID
-- ===== verbatim text below this line =====
SELECT eventName, eventSource, arbitrary(eventType), count(*) 
FROM $EDS_ID 
GROUP BY eventName, eventSource

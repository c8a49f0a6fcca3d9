-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/awsdocs/aws-cloudtrail-user-guide/blob/26e2653ff681be33f4fd13affeee0f185122d421/doc_source/query-lake-examples.md
-- repo: awsdocs/aws-cloudtrail-user-guide  commit: 26e2653ff681be33f4fd13affeee0f185122d421  path: doc_source/query-lake-examples.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Users who signed in to the console in a set of Regions
-- well-formed: yes
-- notes: event_data_store_ID is the documentation's placeholder for the event data store ID
-- ===== verbatim text below this line =====
SELECT 
    eventTime, 
    useridentity.arn, 
    awsRegion
FROM 
    event_data_store_ID
WHERE 
    awsRegion in ('us-east-1', 'us-west-2') 
AND
    eventName = 'ConsoleLogin'

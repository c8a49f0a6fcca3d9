-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/aws-cloudtrail-lake-okta-system-log-events/blob/91a76e8811283b516a5bb68c0975f4abbec2969d/README.md
-- repo: aws-samples/aws-cloudtrail-lake-okta-system-log-events  commit: 91a76e8811283b516a5bb68c0975f4abbec2969d  path: README.md
-- license: MIT-0 (the README's License section: 'This library is licensed under the MIT-0 License')
-- title: Query the ingested non AWS events in CloudTrail Lake
-- well-formed: yes
-- notes: an event data store of integration events (Okta system log sent with PutAuditEvents); the README sets the query between backticks, which are not part of it
-- ===== verbatim text below this line =====
SELECT eventData.eventTime as eventTime, 
eventData.eventSource as eventSource, 
eventData.eventname as eventName, 
element_at(eventData.userIdentity.details, 'alternateId') as user, 
element_at(eventData.userIdentity.details, 'displayName') as displayName 
FROM 074365db-2079-4c18-ab83-e753897b74fe 
where eventData.eventSource='okta.system-log-events'
and eventTime > '2023-01-30 22:22:30.000' 
and eventTime < '2023-01-31 22:23:12.000'

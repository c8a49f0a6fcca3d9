-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/aws-cloudtrail-lake-okta-system-log-events/blob/91a76e8811283b516a5bb68c0975f4abbec2969d/README.md
-- repo: aws-samples/aws-cloudtrail-lake-okta-system-log-events  commit: 91a76e8811283b516a5bb68c0975f4abbec2969d  path: README.md
-- license: MIT-0 (the README's License section: 'This library is licensed under the MIT-0 License')
-- title: Query both AWS and non-AWS events in CloudTrail Lake
-- well-formed: yes
-- notes: an event data store of integration events (Okta system log sent with PutAuditEvents); the README sets the query between backticks, which are not part of it; the second SELECT reads a CloudTrail event data store, the first an integration one (TrailMeter's store holds both kinds in one table)
-- ===== verbatim text below this line =====
SELECT eventData.eventTime as eventTime, eventData.eventSource as eventSource, eventData.eventname as eventName, 
element_at(eventData.userIdentity.details, 'alternateId') as user,
element_at(eventData.userIdentity.details, 'displayName') as displayName 
FROM 074365db-2079-4c18-ab83-e753897b74fe
where eventData.eventSource='okta.system-log-events'
and eventTime > '2022-09-08 22:22:30.000' and eventTime < '2022-09-08 22:23:12.000'
UNION
select eventTime, eventSource, eventName, userIdentity.principalid as user, userIdentity.type as displayName
from 181660c8-d56d-4ec1-aa32-c1713fb3bca3
where eventSource = 'sts.amazonaws.com'
and eventTime > '2022-09-08 22:22:30.000' and eventTime < '2022-09-08 22:23:12.000'

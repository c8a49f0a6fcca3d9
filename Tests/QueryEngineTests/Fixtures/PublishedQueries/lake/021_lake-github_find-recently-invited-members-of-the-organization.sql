-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/aws-cloudtrail-lake-github-audit-log/blob/627c4e576c88815d8ab9ea8ef90f2b97ab20c404/README.md
-- repo: aws-samples/aws-cloudtrail-lake-github-audit-log  commit: 627c4e576c88815d8ab9ea8ef90f2b97ab20c404  path: README.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Find recently invited members of the organization
-- well-formed: yes
-- notes: an event data store of integration events (GitHub audit log sent with PutAuditEvents): the GitHub fields live under eventData; {{replace with your data store id}} is the README's placeholder
-- ===== verbatim text below this line =====
SELECT 
	eventData.eventTime as eventTime,  
	eventData.eventSource as eventSource, 
    eventData.eventname as eventName,
    element_at(eventData.userIdentity.details, 'GitHubOrganization') as orgName,
    element_at(eventData.requestParameters, 'user') as user,
    eventData.requestParameters as requestParameters 
FROM 
	{{replace with your data store id}}
WHERE 
	eventData.eventSource = 'github.audit.streaming' and 
    eventTime > '2022-09-01 00:00:00' and eventTime < '2022-09-30 00:00:00' and 
    eventData.eventname = 'org.invite_member'

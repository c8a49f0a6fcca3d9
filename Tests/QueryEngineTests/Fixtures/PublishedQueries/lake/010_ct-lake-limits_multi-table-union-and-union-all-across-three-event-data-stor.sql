-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/awsdocs/aws-cloudtrail-user-guide/blob/12cca480a87ec7d76c0f7d8afa50477012c65a52/doc_source/query-limitations.md
-- repo: awsdocs/aws-cloudtrail-user-guide  commit: 12cca480a87ec7d76c0f7d8afa50477012c65a52  path: doc_source/query-limitations.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Multi-table UNION and UNION ALL across three event data stores
-- well-formed: yes
-- notes: EDS1, EDS2 and EDS3 stand for three event data store IDs
-- ===== verbatim text below this line =====
Select eventId, eventName from EDS1
UNION
Select eventId, eventName from EDS2
UNION ALL
Select eventId, eventName from EDS3 
ORDER BY eventId LIMIT 10;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/awsdocs/aws-cloudtrail-user-guide/blob/12cca480a87ec7d76c0f7d8afa50477012c65a52/doc_source/query-limitations.md
-- repo: awsdocs/aws-cloudtrail-user-guide  commit: 12cca480a87ec7d76c0f7d8afa50477012c65a52  path: doc_source/query-limitations.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Multi-table UNION and UNION ALL in the start-query example
-- well-formed: yes
-- notes: the --query-statement of the page's aws cloudtrail start-query example; CloudTrail Lake takes hyphenated event data store IDs as table names unquoted
-- ===== verbatim text below this line =====
Select eventId, eventName from EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE UNION Select eventId, eventName from EXAMPLEg741-6y1x-9p3v-bnh6iEXAMPLE UNION ALL Select eventId, eventName from EXAMPLEb529-4e8f9l3d-6m2z-lkp5sEXAMPLE ORDER BY eventId LIMIT 10;

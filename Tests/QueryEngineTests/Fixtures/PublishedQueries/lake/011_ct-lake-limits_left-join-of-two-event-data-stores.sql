-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/awsdocs/aws-cloudtrail-user-guide/blob/12cca480a87ec7d76c0f7d8afa50477012c65a52/doc_source/query-limitations.md
-- repo: awsdocs/aws-cloudtrail-user-guide  commit: 12cca480a87ec7d76c0f7d8afa50477012c65a52  path: doc_source/query-limitations.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: LEFT JOIN of two event data stores
-- well-formed: no (edsA.map: the CloudTrail event schema on the same page has no column named map, so the reference fails to resolve)
-- ===== verbatim text below this line =====
SELECT edsA.eventName, edsB.eventName, element_at(edsA.map, 'test')
FROM eds1 as edsA 
LEFT JOIN eds2 as edsB
ON edsA.eventId = edsB.eventId 
WHERE edsA.eventtime <= '2020-01-01'
ORDER BY edsB.eventName;

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks-workshop/blob/0b8bc741a7a281ac04c364d6ce28a31383927864/playbooks/credential_exposure/IAM_credential_exposure.md
-- repo: aws-samples/aws-incident-response-playbooks-workshop  commit: 0b8bc741a7a281ac04c364d6ce28a31383927864  path: playbooks/credential_exposure/IAM_credential_exposure.md
-- license: MIT-0 (the aws-samples licence; the repository has a NOTICE file; LICENSE not in the search index, so unverified)
-- title: retrieve past 7 days of source IP addresses and user agents
-- well-formed: yes
-- notes: table is the workshop's Glue table with a date_partition (yyyy/MM/dd) projection column
-- ===== verbatim text below this line =====
-- retrieve past 7 days of source IP addresses and user agents used for API calls
SELECT sourceipaddress, useragent, count(eventid) as COUNT 
FROM "irworkshopgluedatabase"."irworkshopgluetablecloudtrail"
WHERE useridentity.accesskeyid = 'AKIAIOSFODNN7EXAMPLE'
      AND date_partition >= '2021/07/16'
      AND date_partition <= '2021/07/24'
GROUP BY sourceipaddress, useragent
ORDER BY COUNT DESC

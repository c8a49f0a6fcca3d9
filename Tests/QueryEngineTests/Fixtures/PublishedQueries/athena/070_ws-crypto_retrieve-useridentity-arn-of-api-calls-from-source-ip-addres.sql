-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks-workshop/blob/2e2f76254ccd8cd01be1cb4bd5a80d8434acd312/playbooks/crypto_mining/EC2_crypto_mining.md
-- repo: aws-samples/aws-incident-response-playbooks-workshop  commit: 2e2f76254ccd8cd01be1cb4bd5a80d8434acd312  path: playbooks/crypto_mining/EC2_crypto_mining.md
-- license: MIT-0 (the aws-samples licence; the repository has a NOTICE file; LICENSE not in the search index, so unverified)
-- title: retrieve useridentity.arn of API calls from source IP address
-- well-formed: yes
-- notes: table is the workshop's Glue table with a date_partition (yyyy/MM/dd) projection column
-- ===== verbatim text below this line =====
-- retrieve useridentity.arn from past 7 days of API calls from source IP address
SELECT useridentity.arn, count(eventid) as COUNT 
FROM "irworkshopgluedatabase"."irworkshopgluetablecloudtrail"
WHERE sourceipaddress = '203.0.113.99'
      AND date_partition >= '2021/07/22'
      AND date_partition <= '2021/07/29'
GROUP BY useridentity.arn
ORDER BY COUNT DESC

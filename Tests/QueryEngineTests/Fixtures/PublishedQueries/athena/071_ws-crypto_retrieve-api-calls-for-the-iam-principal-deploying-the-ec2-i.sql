-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks-workshop/blob/2e2f76254ccd8cd01be1cb4bd5a80d8434acd312/playbooks/crypto_mining/EC2_crypto_mining.md
-- repo: aws-samples/aws-incident-response-playbooks-workshop  commit: 2e2f76254ccd8cd01be1cb4bd5a80d8434acd312  path: playbooks/crypto_mining/EC2_crypto_mining.md
-- license: MIT-0 (the aws-samples licence; the repository has a NOTICE file; LICENSE not in the search index, so unverified)
-- title: retrieve API calls for the IAM principal deploying the EC2 instances
-- well-formed: yes
-- notes: table is the workshop's Glue table with a date_partition (yyyy/MM/dd) projection column
-- ===== verbatim text below this line =====
-- retrieve past 7 days of API calls for the IAM principal identified as deploying the EC2 instances
SELECT awsregion, eventsource, eventname, readonly, errorcode, errormessage, count(eventid) as COUNT 
FROM "irworkshopgluedatabase"."irworkshopgluetablecloudtrail"
WHERE useridentity.arn = 'arn:aws:iam::999999999999:user/pipeline'
      AND date_partition >= '2021/07/22'
      AND date_partition <= '2021/07/29'
GROUP BY awsregion, eventsource, eventname, readonly, errorcode, errormessage
ORDER BY COUNT DESC

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/aws-samples/aws-incident-response-playbooks-workshop/blob/2e2f76254ccd8cd01be1cb4bd5a80d8434acd312/playbooks/crypto_mining/EC2_crypto_mining.md
-- repo: aws-samples/aws-incident-response-playbooks-workshop  commit: 2e2f76254ccd8cd01be1cb4bd5a80d8434acd312  path: playbooks/crypto_mining/EC2_crypto_mining.md
-- license: MIT-0 (the aws-samples licence; the repository has a NOTICE file; LICENSE not in the search index, so unverified)
-- title: check all EC2 actions performed involving the EC2 instances
-- well-formed: yes
-- notes: table is the workshop's Glue table with a date_partition (yyyy/MM/dd) projection column
-- ===== verbatim text below this line =====
-- check all EC2 actions performed involving the EC2 instances
SELECT awsregion, eventsource, eventname, readonly, errorcode, errormessage, count(eventid) as COUNT 
FROM "irworkshopgluedatabase"."irworkshopgluetablecloudtrail"
WHERE eventsource = 'ec2.amazonaws.com' AND
      (date_partition >= '2021/07/22' AND
      date_partition <= '2021/07/29') 
      AND 
     (
       requestparameters LIKE '%i-021345abcdef678a%' OR
       requestparameters LIKE '%i-021345abcdef678b%' OR
       requestparameters LIKE '%i-021345abcdef678v%' OR
       requestparameters LIKE '%i-021345abcdef678d%' OR
       responseelements  LIKE '%i-021345abcdef678e%' OR
       responseelements  LIKE '%i-021345abcdef678f%' OR
       responseelements  LIKE '%i-021345abcdef678g%' OR
       responseelements  LIKE '%i-021345abcdef678h%'
      )
GROUP BY awsregion, eventsource, eventname, readonly, errorcode, errormessage
ORDER BY COUNT DESC;

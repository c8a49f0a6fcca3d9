-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/duo-labs/cloudtrail-partitioner/blob/0bcb5301b9143818510991c15ef02f9b51c507a8/README.md
-- repo: duo-labs/cloudtrail-partitioner  commit: 0bcb5301b9143818510991c15ef02f9b51c507a8  path: README.md
-- license: BSD-3-Clause (LICENSE in the repository: Copyright 2019 Cisco Systems, Inc. and/or its affiliates)
-- title: Most common errors by user
-- well-formed: yes
-- notes: table cloudtrail is the partitioner's view over its per-account tables, partitioned by region, year, month and day
-- ===== verbatim text below this line =====
SELECT useridentity.arn, errorcode, count(*) AS count
FROM cloudtrail
WHERE region = 'us-east-1' AND year = '2019' AND month = '09' AND day = '19' 
  AND errorcode != '' 
GROUP BY errorcode, useridentity.arn 
ORDER BY count DESC
LIMIT 50;

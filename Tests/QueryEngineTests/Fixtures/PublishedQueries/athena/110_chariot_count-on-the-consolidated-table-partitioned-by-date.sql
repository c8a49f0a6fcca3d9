-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/chariotsolutions/aws-examples/blob/26be20421ed420227c72a9d2b94a0158c96f9f25/access_cloudtrail_with_athena/consolidated.sql
-- repo: chariotsolutions/aws-examples  commit: 26be20421ed420227c72a9d2b94a0158c96f9f25  path: access_cloudtrail_with_athena/consolidated.sql
-- license: MIT-0 (LICENSE in the repository: MIT No-Attribution License, Copyright (c) 2019-2025 Chariot Solutions)
-- title: Count on the consolidated table partitioned by date
-- well-formed: yes
-- notes: table from consolidated.ddl: PARTITIONED BY (ingest_date) with a yyyy/MM/dd date projection
-- ===== verbatim text below this line =====
select  count(*) 
from    cloudtrail_consolidated_by_date
where   useridentity.accountid = '123456789012'
and     ingest_date between '2020/10/01' and '2020/10/31'
and     awsregion = 'us-east-1'

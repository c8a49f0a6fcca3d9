-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/chariotsolutions/aws-examples/blob/26be20421ed420227c72a9d2b94a0158c96f9f25/access_cloudtrail_with_athena/raw_partitioned.sql
-- repo: chariotsolutions/aws-examples  commit: 26be20421ed420227c72a9d2b94a0158c96f9f25  path: access_cloudtrail_with_athena/raw_partitioned.sql
-- license: MIT-0 (LICENSE in the repository: MIT No-Attribution License, Copyright (c) 2019-2025 Chariot Solutions)
-- title: Count on the partitioned raw table
-- well-formed: yes
-- notes: table from raw_partition_projection.ddl: PARTITIONED BY (account_id, region, ingest_date), projected, storage.location.template .../${account_id}/CloudTrail/${region}/${ingest_date} with ingest_date formatted yyyy/MM/dd
-- ===== verbatim text below this line =====
select  count(*)
from    cloudtrail_raw_partitioned
where   account_id = '123456789012'
and     ingest_date between '2020/10/01' and '2020/10/31'
and     region = 'us-east-1'

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/chariotsolutions/aws-examples/blob/26be20421ed420227c72a9d2b94a0158c96f9f25/access_cloudtrail_with_athena/raw_unpartitioned.sql
-- repo: chariotsolutions/aws-examples  commit: 26be20421ed420227c72a9d2b94a0158c96f9f25  path: access_cloudtrail_with_athena/raw_unpartitioned.sql
-- license: MIT-0 (LICENSE in the repository: MIT No-Attribution License, Copyright (c) 2019-2025 Chariot Solutions)
-- title: Count on the unpartitioned table
-- well-formed: yes
-- notes: table from raw_unpartitioned.ddl beside it: unpartitioned
-- ===== verbatim text below this line =====
select  count(*)
from    cloudtrail_raw_unpartitioned
where   useridentity.accountid = '123456789012'
and     substr(eventtime, 1, 7) = '2020-10'
and     awsregion = 'us-east-1'

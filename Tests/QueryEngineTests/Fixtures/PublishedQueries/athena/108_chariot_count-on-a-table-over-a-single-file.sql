-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/chariotsolutions/aws-examples/blob/26be20421ed420227c72a9d2b94a0158c96f9f25/access_cloudtrail_with_athena/single_file.sql
-- repo: chariotsolutions/aws-examples  commit: 26be20421ed420227c72a9d2b94a0158c96f9f25  path: access_cloudtrail_with_athena/single_file.sql
-- license: MIT-0 (LICENSE in the repository: MIT No-Attribution License, Copyright (c) 2019-2025 Chariot Solutions)
-- title: Count on a table over a single file
-- well-formed: yes
-- notes: table from single_file.ddl beside it: unpartitioned, over one file
-- ===== verbatim text below this line =====
select  count(*)
from    cloudtrail_single_file
where   useridentity.accountid = '123456789012'
and     substr(eventtime, 1, 7) = '2020-10'
and     awsregion = 'us-east-1'

-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/chariotsolutions/aws-examples/blob/5894a93b1d7b9b14f2cfb93b7c612b29567e0482/access_cloudtrail_with_athena/raw_partition_injection.sql
-- repo: chariotsolutions/aws-examples  commit: 5894a93b1d7b9b14f2cfb93b7c612b29567e0482  path: access_cloudtrail_with_athena/raw_partition_injection.sql
-- license: MIT-0 (LICENSE in the repository: MIT No-Attribution License, Copyright (c) 2019-2025 Chariot Solutions)
-- title: Errors on one day of the injected-partition table
-- well-formed: yes
-- notes: table from raw_partition_injection.ddl: PARTITIONED BY (account, region, year, month, day), injected projection
-- ===== verbatim text below this line =====
select  eventtime, eventid, eventname, errorcode, errormessage
from    "default"."cloudtrail_raw_injected"
where   account = '123456789012'
and     region = 'us-east-1'
and     year = '2025'
and     month = '01'
and     day = '22'
and     errorcode is not null
order   by eventtime desc

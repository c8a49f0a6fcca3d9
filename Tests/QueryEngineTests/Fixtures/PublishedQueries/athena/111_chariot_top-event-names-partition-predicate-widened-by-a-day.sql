-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/chariotsolutions/aws-examples/blob/e8f3060aca11521d81676fd4a0a84d782e01a282/access_cloudtrail_with_athena/consolidated_by_day.sql
-- repo: chariotsolutions/aws-examples  commit: e8f3060aca11521d81676fd4a0a84d782e01a282  path: access_cloudtrail_with_athena/consolidated_by_day.sql
-- license: MIT-0 (LICENSE in the repository: MIT No-Attribution License, Copyright (c) 2019-2025 Chariot Solutions)
-- title: Top event names, partition predicate widened by a day
-- well-formed: yes
-- notes: the ingest_date partition of raw_partition_projection.ddl (yyyy/MM/dd)
-- ===== verbatim text below this line =====
-- In this query, the first predicate uses a partition field; the last three are read from data.
-- Because CloudTrail events may be written in files that cross date boundaries, our date partition predicate includes an extra day on either side.
--

select  eventname, count(*) 
from    cloudtrail_raw_partition_projection
where   ingest_date between '2024/01/31' and '2024/03/01'
and     eventtime between '2024-02-01T00:00:00Z' and '2024-02-28T23:59:59Z'
and     recipientaccountid = '810107213182'
and     awsregion = 'us-east-1'
group   by 1
order   by 2 desc
limit   10

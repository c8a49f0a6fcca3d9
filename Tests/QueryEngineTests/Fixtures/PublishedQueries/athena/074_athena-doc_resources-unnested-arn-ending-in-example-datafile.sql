-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-athena-user-guide/blob/24df7d8af592139c3124f2e54ef54ff659dbbcb0/doc_source/cloudtrail-logs.md
-- repo: awsdocs/amazon-athena-user-guide  commit: 24df7d8af592139c3124f2e54ef54ff659dbbcb0  path: doc_source/cloudtrail-logs.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: Resources unnested, ARN ending in example datafile
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT 
    awsregion,
    replace(unnested.resources_entry.ARN,'arn:aws:s3:::') as s3_resource,
    eventname,
    eventtime,
    useragent
FROM cloudtrail_logs t
CROSS JOIN UNNEST(t.resources) unnested (resources_entry)
WHERE unnested.resources_entry.ARN LIKE '%example/datafile.txt'
ORDER BY eventtime

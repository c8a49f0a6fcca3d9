-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: Amazon Athena (Trino) over the CloudTrail table
-- source: https://github.com/awsdocs/amazon-athena-user-guide/blob/24df7d8af592139c3124f2e54ef54ff659dbbcb0/doc_source/cloudtrail-logs.md
-- repo: awsdocs/amazon-athena-user-guide  commit: 24df7d8af592139c3124f2e54ef54ff659dbbcb0  path: doc_source/cloudtrail-logs.md
-- license: CC-BY-SA-4.0 for the documentation text, MIT-0 for its sample code (the awsdocs repositories' dual licence)
-- title: DeleteBucket events with bucket and owning account
-- well-formed: yes
-- ===== verbatim text below this line =====
SELECT 
    awsregion,
    replace(unnested.resources_entry.ARN,'arn:aws:s3:::') as deleted_bucket,
    eventtime AS time_deleted,
    useridentity.username, 
    unnested.resources_entry.accountid as bucket_acct_id 
FROM cloudtrail_logs t
CROSS JOIN UNNEST(t.resources) unnested (resources_entry)
WHERE eventname = 'DeleteBucket'
ORDER BY eventtime

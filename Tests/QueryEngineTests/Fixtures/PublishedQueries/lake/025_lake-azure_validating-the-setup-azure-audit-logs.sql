-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/aws-cloudtrail-lake-analyze-azure-audit-logs/blob/2b7dc41fea889c851841f0d562fd2756ba6edf8f/README.md
-- repo: aws-samples/aws-cloudtrail-lake-analyze-azure-audit-logs  commit: 2b7dc41fea889c851841f0d562fd2756ba6edf8f  path: README.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Validating the setup (Azure audit logs)
-- well-formed: yes
-- notes: an event data store of integration events (Azure activity logs sent with PutAuditEvents); <EventDataStoreId> is the README's placeholder
-- ===== verbatim text below this line =====
SELECT
    eventData.uid,
    eventData.eventName,
    eventData.sourceipaddress,
    eventData.recipientaccountid,
    eventData.eventtime
FROM
    <EventDataStoreId>
WHERE
    eventData.eventSource = 'MICROSOFT.STORAGE' AND
    eventData.eventName LIKE 'MICROSOFT.STORAGE/STORAGEACCOUNTS%' AND
    eventData.uid IS NOT NULL

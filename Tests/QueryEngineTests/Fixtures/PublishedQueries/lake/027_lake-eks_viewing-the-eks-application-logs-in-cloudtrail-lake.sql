-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/aws-samples/Amazon-EKS-pod-logs-to-CloudTrail-Lake/blob/2c0e9b72b8e7725ddaabfbb2b1e217ff920dd92d/README.md
-- repo: aws-samples/Amazon-EKS-pod-logs-to-CloudTrail-Lake  commit: 2c0e9b72b8e7725ddaabfbb2b1e217ff920dd92d  path: README.md
-- license: MIT-0 (the aws-samples licence; the repository's LICENSE file was not in the search index, so this is unverified)
-- title: Viewing the EKS application logs in CloudTrail Lake
-- well-formed: yes
-- notes: an event data store of integration events (EKS pod logs sent with PutAuditEvents); xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxx is the README's placeholder for the event data store ID
-- ===== verbatim text below this line =====
select * from xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxx where metadata.channelArn = 'arn:aws:cloudtrail:us-west-2:123456768901:channel/xxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxx' and eventData.useridentity.type LIKE '%fluent%'

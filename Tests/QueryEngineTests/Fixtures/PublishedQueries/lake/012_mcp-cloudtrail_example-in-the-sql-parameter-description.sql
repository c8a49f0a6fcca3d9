-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/awslabs/mcp/blob/113bded3f926e373b3744d5442c008eea1a81bac/src/cloudtrail-mcp-server/awslabs/cloudtrail_mcp_server/tools.py
-- repo: awslabs/mcp  commit: 113bded3f926e373b3744d5442c008eea1a81bac  path: src/cloudtrail-mcp-server/awslabs/cloudtrail_mcp_server/tools.py
-- license: Apache-2.0 (the file's own header: Copyright Amazon.com, Inc. or its affiliates, Licensed under the Apache License, Version 2.0)
-- title: Example in the sql parameter description
-- well-formed: yes
-- notes: from the description of the lake_query tool's sql parameter
-- ===== verbatim text below this line =====
SELECT * FROM 0233062b-51c6-4d18-8dec-a8c90da840d9 WHERE eventname = 'ConsoleLogin'

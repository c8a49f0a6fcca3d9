-- published query (written by others, not by this project; kept verbatim below the marker line)
-- dialect: AWS CloudTrail Lake SQL
-- source: https://github.com/awslabs/mcp/blob/113bded3f926e373b3744d5442c008eea1a81bac/src/cloudtrail-mcp-server/awslabs/cloudtrail_mcp_server/tools.py
-- repo: awslabs/mcp  commit: 113bded3f926e373b3744d5442c008eea1a81bac  path: src/cloudtrail-mcp-server/awslabs/cloudtrail_mcp_server/tools.py
-- license: Apache-2.0 (the file's own header: Copyright Amazon.com, Inc. or its affiliates, Licensed under the Apache License, Version 2.0)
-- title: Session issuer of assumed roles
-- well-formed: yes
-- notes: from the lake_query tool's description (a Python docstring) of the CloudTrail MCP server; eds-id is its placeholder for the event data store ID
-- ===== verbatim text below this line =====
SELECT useridentity.sessioncontext.sessionissuer.username FROM eds-id WHERE useridentity.type = 'AssumedRole' LIMIT 10

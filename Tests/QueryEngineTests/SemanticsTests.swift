import QueryEngine
import SQLite
import Testing

/// Trino semantics the translation keeps, one test per kind, on the fixture (12 events).
@Suite struct SemanticsTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func rows(_ sql: String, _ dialect: Dialect? = nil) throws -> [[String]] { try Fixture.rows(sql, dialect, on: db) }
    func one(_ sql: String, _ dialect: Dialect? = nil) throws -> [String] { try #require(rows(sql, dialect).first) }

    @Test func identifiersIgnoreCase() throws {
        #expect(
            try rows(#"SELECT EVENTNAME, EventSource FROM "MyTable" WHERE EVENTNAME = 'GetObject'"#) == [
                ["GetObject", "s3.amazonaws.com"]
            ])
        #expect(
            try rows(
                "SELECT CloudTrail.EventName FROM mydb.cloudtrail WHERE MYDB.CLOUDTRAIL.eventid = 'e4000000-0000-0000-0000-000000000004'"
            ) == [["GetObject"]])
    }

    @Test func likeIsCaseSensitive() throws {
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE eventname LIKE 'runinstances'") == ["0"])
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE eventname LIKE 'Run%'") == ["2"])
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE eventname LIKE '_etObject'") == ["1"])
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE useragent LIKE '[aws%'") == ["1"])
        #expect(
            try one(#"SELECT 'a_b' LIKE 'a\_b' ESCAPE '\', 'axb' LIKE 'a\_b' ESCAPE '\', 'A*B' NOT LIKE 'a*b'"#) == [
                "true", "false", "true",
            ])
        // A pattern computed per row goes through tm_like, also case-sensitive.
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE eventname LIKE concat('Run', '%')") == ["2"])
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE eventname LIKE lower('Run%')") == ["0"])
    }

    @Test func nullsSortLastBothWays() throws {
        #expect(try one("SELECT errorcode FROM cloudtrail ORDER BY errorcode ASC LIMIT 1") == ["AccessDenied"])
        #expect(try one("SELECT errorcode FROM cloudtrail ORDER BY errorcode DESC LIMIT 1") == ["AccessDenied"])
        #expect(try one("SELECT errorcode FROM cloudtrail ORDER BY errorcode NULLS FIRST LIMIT 1") == ["NULL"])
    }

    @Test func integerDivisionTruncatesAndZeroFails() throws {
        #expect(
            try one("SELECT 7 / 2, -7 / 2, 7 % 3, 7.0 / 2, count(*) / 5 FROM cloudtrail") == [
                "3", "-3", "1", "3.5", "2",
            ])
        let error = Fixture.error("SELECT count(*) / (count(*) - 12) FROM cloudtrail", on: db)
        guard case .engine(let message, _)? = error else {
            Issue.record("expected a run-time failure, got \(String(describing: error))")
            return
        }
        #expect(message.contains("Division by zero"))
    }

    @Test func structPathsWithAndWithoutAlias() throws {
        #expect(
            try rows(
                "SELECT t.useridentity.sessioncontext.sessionissuer.arn, userIdentity.sessionContext.sessionIssuer.userName FROM cloudtrail t WHERE t.eventname = 'GetObject'"
            )
                == [["arn:aws:iam::152231080651:role/admin-role", "admin-role"]])
        // A whole struct prints as a row of its fields (StructTextTests has the rules).
        #expect(
            try one("SELECT tlsDetails FROM $EDS_ID WHERE eventName = 'GetObject'")
                == [
                    "{tlsversion=TLSv1.2, ciphersuite=ECDHE-RSA-AES128-GCM-SHA256, clientprovidedhostheader=demo-20230707.s3.amazonaws.com}"
                ])
    }

    @Test func mapAccess() throws {
        #expect(
            try one(
                "SELECT requestParameters['bucketName'], element_at(requestParameters, 'key'), element_at(requestParameters, 'missing') FROM <EDS ID> WHERE eventName = 'GetObject'"
            )
                == ["demo-20230707", "reports/2022/東京.csv", "NULL"])
        // Nested values are JSON text; JSON numbers and booleans are their spelling.
        #expect(
            try one(
                "SELECT element_at(requestParameters, 'PublicAccessBlockConfiguration'), json_extract_scalar(element_at(requestParameters, 'PublicAccessBlockConfiguration'), '$.BlockPublicPolicy') FROM $EDS_ID WHERE errorCode = 'AccessDenied'"
            )
                == [#"{"RestrictPublicBuckets":true,"BlockPublicPolicy":false}"#, "false"])
        #expect(
            try one(
                "SELECT count(*) FROM $EDS_ID WHERE element_at(requestParameters, 'allocatedStorage') = '20' AND requestParameters['enablePerformanceInsights'] = 'true'"
            ) == ["1"])
        // x['k'] fails on a missing key, as in Trino; element_at does not.
        let error = Fixture.error(
            "SELECT requestParameters['missing'] FROM $EDS_ID WHERE eventName = 'GetObject'", on: db)
        guard case .engine(let message, _)? = error else {
            Issue.record("expected a run-time failure")
            return
        }
        #expect(message.contains("Key not present in map: missing"))
    }

    @Test func arrayElementsAreOneBased() throws {
        #expect(
            try one(
                "SELECT element_at(resources, 1).arn, element_at(resources, -1).type, element_at(resources, 5), resources[1].accountid, cardinality(resources) FROM $EDS_ID WHERE eventName = 'RunInstances' AND eventTime < '2023-01-01'"
            )
                == [
                    "arn:aws:ec2:ap-northeast-1:152231080651:instance/i-b188560f", "AWS::EC2::Subnet", "NULL",
                    "152231080651", "2",
                ])
        let error = Fixture.error("SELECT element_at(resources, 0) FROM $EDS_ID", on: db)
        guard case .engine(let message, _)? = error else {
            Issue.record("expected a run-time failure")
            return
        }
        #expect(message.contains("SQL array indices start at 1"))
    }

    @Test func jsonFunctions() throws {
        #expect(
            try one(
                """
                SELECT json_extract_scalar(requestparameters, '$.instancesSet.items[0].imageId'),
                       json_extract(responseelements, '$.instancesSet.items[0].instanceState'),
                       json_format(json_extract(responseelements, '$.requestId')),
                       json_parse('{"a":[1,2]}'),
                       cast(json_extract(requestparameters, '$.instanceType') as varchar),
                       json_array_length(json_extract(responseelements, '$.instancesSet.items')),
                       json_extract_scalar(requestparameters, '$.instancesSet'),
                       json_extract_scalar(requestparameters, '$["instanceType"]')
                FROM cloudtrail WHERE eventid = 'e2000000-0000-0000-0000-000000000002'
                """) == [
                    "ami-0abcdef1234567890", #"{"code":0,"name":"pending"}"#, #""r-1""#, #"{"a":[1,2]}"#, "t3.micro",
                    "1", "NULL", "t3.micro",
                ])
        #expect(
            try one(
                "SELECT json_extract_scalar(eventjson, '$.requestParameters.bucketName') FROM $EDS_ID WHERE eventName = 'GetObject'"
            ) == ["demo-20230707"])
    }

    @Test func crossJoinUnnestResources() throws {
        #expect(
            try rows("SELECT eventname, r.arn FROM cloudtrail CROSS JOIN UNNEST(resources) AS t(r) ORDER BY 1, 2") == [
                ["AssumeRole", "arn:aws:iam::152231080651:role/admin-role"],
                ["GetObject", "arn:aws:s3:::demo-20230707"],
                ["GetObject", "arn:aws:s3:::demo-20230707/reports/2022/東京.csv"],
                ["RunInstances", "arn:aws:ec2:ap-northeast-1:152231080651:instance/i-b188560f"],
                ["RunInstances", "arn:aws:ec2:ap-northeast-1:152231080651:subnet/subnet-1"],
            ])
        // Lake's row fields as columns, in the schema's order: accountid, type, arn.
        #expect(
            try one(
                "SELECT count(*), count(accountid), count(DISTINCT type) FROM $EDS_ID CROSS JOIN UNNEST(resources) AS t(accountid, type, arn)"
            ) == ["5", "4", "5"])
    }

    @Test func intervalArithmeticIsFoldedForPruning() throws {
        // now = 2022-01-23 00:00:00
        let sql = "SELECT count(*) FROM $EDS_ID WHERE eventTime > now() - interval '1' day"
        let (translation, _) = try Fixture.run(sql, on: db)
        #expect(translation.sqliteSQL.contains(#""eventtime" > '2022-01-22 00:00:00.000'"#))
        #expect(try one(sql) == ["8"])
        #expect(
            try one("SELECT count(*) FROM $EDS_ID WHERE eventTime > date_add('day', -1, current_timestamp)") == ["8"])
        #expect(try one("SELECT count(*) FROM $EDS_ID WHERE eventTime >= current_date - interval '1' day") == ["8"])
        #expect(
            try one(
                "SELECT count(*) FROM $EDS_ID WHERE eventTime BETWEEN timestamp '2022-01-22 00:00:30' AND '2022-01-22 05:00:00'"
            ) == ["4"])
        #expect(
            try one("SELECT now(), current_timestamp, localtimestamp, current_date") == [
                // timestamp(3) with time zone, in the session's zone (UTC), as Trino prints it.
                "2022-01-23 00:00:00.000 UTC", "2022-01-23 00:00:00.000 UTC", "2022-01-23 00:00:00.000", "2022-01-23",
            ])
    }

    @Test func timeFunctions() throws {
        #expect(
            try one(
                """
                SELECT date_trunc('hour', eventTime), date_format(eventTime, '%Y/%m/%d %H:%i'), format_datetime(eventTime, 'yyyy-MM-dd HH:mm'),
                       date_diff('minute', timestamp '2022-01-22 00:00:00', eventTime), day_of_week(eventTime), date(eventTime),
                       to_iso8601(eventTime), date_add('month', 1, eventTime), extract(hour FROM eventTime)
                FROM $EDS_ID WHERE eventName = 'RunInstances' AND eventTime < timestamp '2023-01-01 00:00:00'
                """) == [
                    "2022-01-22 01:00:00.000", "2022/01/22 01:15", "2022-01-22 01:15", "75", "6", "2022-01-22",
                    // Lake's eventTime is a plain timestamp: to_iso8601 writes no zone.
                    "2022-01-22T01:15:00.000", "2022-02-22 01:15:00.000", "1",
                ])
        // Athena: eventtime is the logged ISO string; from_iso8601_timestamp makes it a timestamp.
        #expect(
            try one(
                "SELECT count(*) FROM cloudtrail WHERE from_iso8601_timestamp(eventtime) BETWEEN timestamp '2022-01-22 00:00:30' AND from_iso8601_timestamp('2022-01-22T05:00:00Z')"
            ) == ["4"])
        #expect(
            try one("SELECT max(eventtime) FROM cloudtrail WHERE eventtime < '2022-01-22T05:00:00Z'") == [
                "2022-01-22T02:00:00Z"
            ])
    }

    @Test func athenaPartitionColumns() throws {
        #expect(try one(#"SELECT count(*) FROM cloudtrail WHERE "timestamp" = '2022/01/22'"#) == ["7"])
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE timestamp >= '2022/01/22'") == ["8"])
        #expect(
            try one(
                "SELECT count(*) FROM cloudtrail WHERE timestamp = '2022/01/22' AND from_iso8601_timestamp(eventtime) > timestamp '2022-01-22 04:00:00'"
            ) == ["3"])
        #expect(
            try one(
                "SELECT count(*) FROM cloudtrail WHERE region = 'us-east-1' AND year = '2021' AND account = '111122223333'"
            ) == ["2"])
        #expect(
            try one(
                "SELECT count(*) FROM cloudtrail WHERE date_partition >= date_format(date_add('day', -1, current_timestamp), '%Y/%m/%d')"
            ) == ["8"])
    }

    @Test func athenaPartitionsUnderOtherPublishedNames() throws {
        // ingest_date (the projected yyyy/MM/dd day) and account_id name the timestamp and account
        // partitions: E4, E5 (2022/01/22) and E6 (2022/01/21) in us-east-1 of 152231080651.
        let (translation, rows) = try Fixture.run(
            "SELECT count(*) FROM cloudtrail_raw_partitioned WHERE account_id = '152231080651'"
                + " AND ingest_date BETWEEN '2022/01/21' AND '2022/01/22' AND region = 'us-east-1'", .athena)
        #expect(rows.map { $0.map(Fixture.text) } == [["3"]])
        #expect(translation.partitionsUsed == ["timestamp", "region", "account"])
    }

    @Test func textFunctions() throws {
        #expect(
            try one(
                #"""
                SELECT lower('ÀB'), upper('tōkyō'), regexp_like(eventname, '^Run'), regexp_extract(useridentity.arn, 'user/(\w+)', 1),
                       split_part(useridentity.arn, ':', 5), strpos(eventname, 'Instances'), concat(eventname, '@', awsregion), eventname || '!',
                       substr(eventname, 4), substr(eventname, -9, 3), length('東京'), trim('  x  '), replace(eventname, 'Instances'),
                       coalesce(errorcode, 'none'), if(readonly = 'false', 'write', 'read'), regexp_replace(eventname, '([a-z])([A-Z])', '$1 $2')
                FROM cloudtrail WHERE eventid = 'e2000000-0000-0000-0000-000000000002'
                """#) == [
                    "àb", "TŌKYŌ", "true", "Yuta0128", "152231080651", "4", "RunInstances@ap-northeast-1",
                    "RunInstances!",
                    "Instances", "Ins", "2", "x", "Run", "none", "write", "Run Instances",
                ])
    }

    @Test func casts() throws {
        #expect(
            try one(
                """
                SELECT cast('42' as bigint), cast(2.5 as bigint), cast('1.5' as double), cast('true' as boolean),
                       cast('2022-01-22 05:00:00' as timestamp), cast(eventTime as date), cast(eventTime as varchar),
                       try_cast('x' as bigint), cast(readOnly as varchar)
                FROM $EDS_ID WHERE eventName = 'DescribeInstances'
                """) == [
                    "42", "3", "1.5", "true", "2022-01-22 05:00:00.000", "2022-01-22", "2022-01-22 05:00:00.000",
                    "NULL", "true",
                ])
        let error = Fixture.error("SELECT cast(eventName as bigint) FROM $EDS_ID", on: db)
        guard case .engine(let message, _)? = error else {
            Issue.record("expected a run-time failure")
            return
        }
        #expect(message.contains("Cannot cast 'ConsoleLogin' to BIGINT"))
    }

    @Test func aggregates() throws {
        #expect(
            try one(
                """
                SELECT count(*), count(DISTINCT awsRegion), approx_distinct(eventSource), sum(CASE WHEN readOnly THEN 1 ELSE 0 END),
                       min(eventTime), max(eventTime), arbitrary(recipientAccountId) IS NOT NULL, max_by(eventName, eventTime),
                       min_by(eventName, eventTime), count_if(errorCode IS NOT NULL)
                FROM $EDS_ID
                """) == [
                    "12", "5", "6", "3", "2021-07-15 09:30:00.000", "2023-01-03 10:00:00.000", "true", "RunInstances",
                    "CreateAccessKey", "1",
                ])
        #expect(try one("SELECT avg(n), sum(n) FROM (VALUES 1, 2) AS v(n)") == ["1.5", "3"])
        #expect(
            try one(
                "SELECT array_agg(DISTINCT awsRegion ORDER BY awsRegion DESC) FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com'"
            ) == ["[us-east-2, ap-northeast-1]"])
        #expect(
            try one("SELECT array_agg(eventName ORDER BY eventTime) FROM $EDS_ID WHERE awsRegion = 'ap-northeast-1'")
                == ["[ConsoleLogin, RunInstances, DescribeInstances]"])
        #expect(
            try one(
                "SELECT array_agg(readOnly) FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com' AND eventTime < '2023-01-01'"
            ).first?.contains("true") == true)
    }

    @Test func groupByHavingOrderByPosition() throws {
        #expect(
            try rows(
                "SELECT eventSource, count(*) AS n FROM $EDS_ID GROUP BY eventSource HAVING count(*) > 1 ORDER BY 2 DESC, 1"
            ) == [
                ["ec2.amazonaws.com", "3"], ["iam.amazonaws.com", "3"], ["s3.amazonaws.com", "2"],
                ["signin.amazonaws.com", "2"],
            ])
        // Trino refuses a column neither grouped nor aggregated; SQLite would pick any row's.
        let error = Fixture.error("SELECT eventSource, eventName, count(*) FROM $EDS_ID GROUP BY eventSource", on: db)
        guard case .invalid(let message, let at)? = error else {
            Issue.record("expected invalid, got \(String(describing: error))")
            return
        }
        #expect(message.contains("'eventName' must be an aggregate expression or appear in GROUP BY clause"))
        #expect(at.line == 1 && at.column == 21)
    }

    @Test func cteSetOperationsSubqueriesJoins() throws {
        // The CTE's eventTime keeps its timestamp type, so the literal is normalised there too.
        #expect(
            try one(
                "WITH writes AS (SELECT eventName, eventTime FROM $EDS_ID WHERE readOnly = false) SELECT count(*) FROM writes WHERE eventTime < '2022-01-22 02:00:00'"
            ) == ["6"])
        #expect(
            try rows(
                "SELECT awsRegion FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com' UNION SELECT awsRegion FROM $EDS_ID WHERE eventSource = 's3.amazonaws.com' ORDER BY awsRegion"
            )
                == [["ap-northeast-1"], ["us-east-1"], ["us-east-2"], ["us-west-2"]])
        #expect(
            try rows(
                "SELECT awsRegion FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com' UNION ALL SELECT awsRegion FROM $EDS_ID WHERE eventSource = 's3.amazonaws.com'"
            ).count == 5)
        #expect(
            try rows(
                "SELECT awsRegion FROM $EDS_ID EXCEPT SELECT awsRegion FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com' ORDER BY 1"
            )
                == [["eu-west-1"], ["us-east-1"], ["us-west-2"]])
        #expect(
            try rows(
                "SELECT awsRegion FROM $EDS_ID WHERE eventSource = 'iam.amazonaws.com' INTERSECT SELECT awsRegion FROM $EDS_ID WHERE eventSource = 's3.amazonaws.com'"
            )
                == [["us-east-1"]])
        #expect(
            try rows("SELECT eventName FROM $EDS_ID WHERE eventTime = (SELECT max(eventTime) FROM $EDS_ID)") == [
                ["RunInstances"]
            ])
        #expect(
            try one(
                "SELECT count(*) FROM $EDS_ID WHERE userIdentity.arn IN (SELECT userIdentity.arn FROM $EDS_ID WHERE eventName = 'ConsoleLogin')"
            ) == ["5"])
        #expect(
            try rows(
                "SELECT a.eventName, b.eventName FROM $EDS_ID a JOIN $EDS_ID b ON a.userIdentity.accessKeyId = b.userIdentity.accessKeyId AND a.eventID < b.eventID"
            )
                == [["RunInstances", "GetObject"]])
        #expect(
            try rows("SELECT eventName FROM $EDS_ID ORDER BY eventTime OFFSET 1 LIMIT 2") == [
                ["ConsoleLogin"], ["UpdateLoginProfile"],
            ])
        #expect(
            try rows("SELECT x.n FROM (SELECT eventName AS n, eventTime AS t FROM $EDS_ID) x WHERE x.t >= '2023-01-01'")
                == [["RunInstances"]])
    }

    @Test func lakeTypesPrintAsLakePrintsThem() throws {
        #expect(
            try one("SELECT readOnly, managementEvent, eventTime FROM $EDS_ID WHERE eventName = 'GetObject'") == [
                "true", "false", "2022-01-22 05:00:01.000",
            ])
        #expect(try one("SELECT count(*) FROM $EDS_ID WHERE readOnly = 'true'") == ["3"])
        #expect(try one("SELECT count(*) FROM $EDS_ID WHERE readOnly AND managementEvent") == ["2"])
        // sessionCredentialFromConsole is logged as the string "true"; published samples compare it with TRUE.
        #expect(try one("SELECT count(*) FROM $EDS_ID WHERE sessionCredentialFromConsole = true") == ["2"])
        // Athena: the same flag is the string as logged.
        #expect(try one("SELECT readonly FROM cloudtrail WHERE eventname = 'GetObject'") == ["true"])
        #expect(try one("SELECT count(*) FROM cloudtrail WHERE readonly = 'false'") == ["9"])
    }

    @Test func storeReferencesMeanLake() throws {
        for reference in [
            "<EDS ID>", "$EDS_ID", "{eds-id}", "EDS_ID", "<event-data-store-ID>",
            "880143b0-368b-4ef8-a6e1-887a48146de7", "${eds}", "config_event_data_store_ID",
        ] {
            let sql = "SELECT count(*) FROM \(reference) WHERE readOnly = false"
            #expect(Dialect.detect(sql) == .lake, "\(reference)")
            let (translation, result) = try Fixture.run(sql, on: db)
            #expect(translation.dialect == .lake && result == [[.integer(9)]], "\(reference)")
        }
        for table in ["cloudtrail_logs_my_bucket", "db.cloudtrail", #""quoted table""#, "`cloudtrail`"] {
            #expect(Dialect.detect("SELECT count(*) FROM \(table)") == .athena, "\(table)")
        }
    }

    @Test func hashCommentsOutsideStrings() throws {
        #expect(
            try one("SELECT count(*) FROM cloudtrail # a note\nWHERE eventname <> 'a#b' -- another\n/* and */") == [
                "12"
            ])
    }

    @Test func dialectColumnsDiffer() throws {
        let error = Fixture.error("SELECT eventjson FROM cloudtrail", .athena, on: db)
        guard case .unknownColumn(let name, _)? = error else {
            Issue.record("expected unknown column")
            return
        }
        #expect(name == "eventjson")
        // Lake has no partition columns; Athena has no typed timestamps.
        guard case .unknownColumn? = Fixture.error("SELECT region FROM $EDS_ID", .lake, on: db) else {
            Issue.record("expected unknown column")
            return
        }
        guard case .invalid? = Fixture.error("SELECT date_trunc('day', eventtime) FROM cloudtrail", .athena, on: db)
        else {
            Issue.record("expected a type error")
            return
        }
    }
}

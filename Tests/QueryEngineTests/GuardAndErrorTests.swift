import QueryEngine
import SQLite
import Testing

/// Bad SQL says where; writes never happen.
@Suite struct ErrorPositionTests {
    @Test func syntaxErrorGivesLineAndColumn() {
        let error = Fixture.error("SELECT eventname\nFROM cloudtrail\nWHERE eventname = = 'x'")
        guard case .syntax(_, let at)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect((at.line, at.column) == (3, 19))
    }

    @Test func unknownColumnGivesLineAndColumn() {
        let error = Fixture.error("SELECT eventname,\n       useridentity.usernam\nFROM cloudtrail")
        guard case .unknownColumn(let name, let at)? = error else {
            Issue.record("expected unknown column, got \(String(describing: error))")
            return
        }
        #expect(name == "useridentity.usernam")
        #expect((at.line, at.column) == (2, 8))
    }

    @Test func unsupportedAndUnknownFunctionsGiveTheirName() {
        let unsupported = Fixture.error(
            "SELECT eventname,\n  numeric_histogram(4, length(eventname))\nFROM cloudtrail GROUP BY eventname")
        guard case .unsupported(let construct, let at)? = unsupported else {
            Issue.record("expected unsupported, got \(String(describing: unsupported))")
            return
        }
        #expect(construct == "function numeric_histogram")
        #expect((at.line, at.column) == (2, 3))

        let unknown = Fixture.error("SELECT frobnicate(eventname) FROM cloudtrail")
        guard case .unknownFunction(let name, let at2)? = unknown else {
            Issue.record("expected unknown function")
            return
        }
        #expect(name == "frobnicate" && at2.column == 8)

        // Lambdas over arrays and maps translate; a lambda where TrailMeter has none is named.
        #expect(Fixture.error("SELECT transform(resources, r -> r.arn) FROM $EDS_ID") == nil)
        let lambda = Fixture.error(
            "SELECT reduce_agg(eventname, '', (a, b) -> a || b, (a, b) -> a || b) FROM cloudtrail")
        guard case .unsupported(let what, let at3)? = lambda else {
            Issue.record("expected unsupported lambda")
            return
        }
        #expect(what == "function reduce_agg with a lambda" && at3.column == 8)

        let window = Fixture.error("SELECT percentile(eventname) OVER (ORDER BY eventtime) FROM cloudtrail")
        guard case .unsupported(let windowConstruct, _)? = window else {
            Issue.record("expected unsupported window")
            return
        }
        #expect(windowConstruct.hasPrefix("window function percentile"))
    }

    @Test func sqliteErrorsMapBackToTheUserSQL() throws {
        // The translator does not know what the layout's table really has; SQLite does, and its
        // error offset is mapped back through the translation to the user's text.
        let db = try Fixture.database()
        try db.execute(#"CREATE TABLE mini ("eventname")"#)
        let translator = Translator(tableName: "mini", dialect: .athena, clock: Fixture.clock)
        do {
            _ = try UserQuery.prepare("SELECT eventname,\n  awsregion FROM cloudtrail", translator: translator, on: db)
            Issue.record("expected a failure")
        } catch {
            guard case .engine(let message, let at) = error else {
                Issue.record("expected engine error, got \(error)")
                return
            }
            #expect(message.contains("no such column"))
            #expect(at?.line == 2 && at?.column == 3)
        }
    }

    @Test func fieldOfAJSONTextColumnNamesTheColumnAndTheCallToUse() {
        // Athena's default table declares requestparameters a string: the published query's
        // requestParameters.bucketName is refused, naming the column and the call that reads it.
        let error = Fixture.error(
            "SELECT eventname\nFROM cloudtrail\nWHERE requestParameters.bucketName = 'b'", .athena)
        guard case .invalid(let message, let at)? = error else {
            Issue.record("expected an invalid query, got \(String(describing: error))")
            return
        }
        #expect(
            message
                == "'requestParameters' is varchar (JSON text) in this dialect: use json_extract_scalar(requestParameters, '$.bucketName')"
        )
        #expect((at.line, at.column) == (3, 25))

        // In Lake the column is a map: the same read is element_at.
        let lake = Fixture.error("SELECT requestParameters.bucketName.x FROM eds", .lake)
        guard case .invalid(let lakeMessage, _)? = lake else {
            Issue.record("expected an invalid query, got \(String(describing: lake))")
            return
        }
        #expect(lakeMessage.hasPrefix("'requestParameters' is a map: use element_at(requestParameters, 'bucketName')"))
    }
}

@Suite struct ReadOnlyTests {
    static func checksum(_ db: Connection) throws -> String {
        let statement = try db.prepare(
            "SELECT count(*) || ':' || group_concat(\"eventid\" || \"eventname\" || coalesce(\"errorcode\", ''), ',') FROM (SELECT * FROM athena_events ORDER BY \"eventid\")"
        )
        _ = try statement.step()
        let lake = try db.prepare("SELECT count(*) FROM lake_events")
        _ = try lake.step()
        let schema = try db.prepare("SELECT group_concat(name) FROM sqlite_master")
        _ = try schema.step()
        let version = try db.prepare("PRAGMA user_version")
        _ = try version.step()
        return [statement.text(at: 0), lake.text(at: 0), schema.text(at: 0), version.text(at: 0)].map { $0 ?? "" }
            .joined(separator: "|")
    }

    static let writes: [(String, String)] = [
        ("INSERT INTO cloudtrail SELECT * FROM cloudtrail", "INSERT"),
        ("UPDATE cloudtrail SET eventname = 'x'", "UPDATE"),
        ("DELETE FROM cloudtrail", "DELETE"),
        ("DROP TABLE athena_events", "DROP"),
        ("CREATE TABLE t AS SELECT * FROM cloudtrail", "CREATE"),
        ("ALTER TABLE athena_events ADD COLUMN x", "ALTER"),
        ("ATTACH DATABASE '/tmp/x.db' AS x", "ATTACH"),
        ("DETACH DATABASE main", "DETACH"),
        ("PRAGMA user_version = 5", "PRAGMA"),
        ("  -- a comment first\n insert into cloudtrail values (1)", "INSERT"),
        ("SELECT load_extension('/tmp/evil.so')", "function load_extension"),
    ]

    @Test func translatorRefusesEveryWriteAndTheDataStays() throws {
        let db = try Fixture.database()
        let before = try Self.checksum(db)
        for (sql, kind) in Self.writes {
            let error = Fixture.error(sql, .athena, on: db)
            guard case .refused(let statement, _)? = error else {
                Issue.record("\(sql): expected refusal, got \(String(describing: error))")
                continue
            }
            #expect(statement == kind, "\(sql)")
        }
        // A second statement after a query is not run either.
        guard case .syntax? = Fixture.error("SELECT 1; DROP TABLE athena_events", .athena, on: db) else {
            Issue.record("expected syntax error")
            return
        }
        #expect(try Self.checksum(db) == before)
    }

    @Test func guardRefusesRawWritesAtCompileTime() throws {
        // The second line: SQLite's authorizer, for SQL that did not come through the translator.
        let db = try Fixture.database()
        let before = try Self.checksum(db)
        let raw: [(String, String)] = [
            ("INSERT INTO athena_events (\"eventname\") VALUES ('x')", "INSERT"),
            ("UPDATE athena_events SET \"eventname\" = 'x'", "UPDATE"),
            ("DELETE FROM athena_events", "DELETE"),
            ("DROP TABLE athena_events", "DROP"),
            ("CREATE TABLE t (x)", "CREATE"),
            ("ALTER TABLE athena_events RENAME TO x", "ALTER"),
            ("ATTACH DATABASE ':memory:' AS x", "ATTACH"),
            ("PRAGMA user_version = 5", "PRAGMA"),
            ("SELECT load_extension('/tmp/evil.so')", "function load_extension"),
            ("WITH x AS (SELECT 1) DELETE FROM athena_events", "DELETE"),
        ]
        for (sql, kind) in raw {
            do {
                _ = try ReadOnlyGuard.prepare(sql, on: db)
                Issue.record("\(sql) was allowed")
            } catch {
                guard case .denied(let action, _) = error else {
                    Issue.record("\(sql): \(error)")
                    continue
                }
                #expect(action == kind, "\(sql)")
            }
        }
        #expect(try Self.checksum(db) == before)
    }

    @Test func guardReportsTheColumnsAStatementReads() throws {
        let db = try Fixture.database()
        var heard: [ColumnRead] = []
        let query = try UserQuery.prepare(
            """
            SELECT eventTime, userIdentity.username, eventSource, eventName, awsRegion FROM 880143b0-368b-4ef8-a6e1-887a48146de7
            WHERE eventTime >= '2022-01-22 00:00:30' AND eventTime <= '2022-01-22 05:00:00'
            """, translator: Fixture.translator(nil, detectedFrom: "FROM <x>"), on: db
        ) { heard.append($0) }
        #expect(
            Set(query.reads.map(\.column)) == [
                "eventtime", "useridentity.username", "eventsource", "eventname", "awsregion",
            ])
        #expect(query.reads.allSatisfy { $0.table == Fixture.lakeTable && $0.database == "main" })
        #expect(heard == query.reads)
        #expect(try query.allRows().count == 4)
    }
}

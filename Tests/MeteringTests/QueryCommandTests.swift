import Foundation
import TestSupport
import Testing

@Suite(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built"))
struct QueryCommandTests {
    let store = TestCorpus.built.storePath

    /// The fifth article query with --verify --explain, byte for byte (the corpus, the store and
    /// the clock are deterministic). Regenerate with TRAILMETER_UPDATE_GOLDEN=1 and review the diff.
    @Test func fifthArticleQueryPrintsRowsMeterAndCost() throws {
        let result = try BuiltTrailmeter.run([
            "query", "--store", store, "--now", "2022-01-23T00:00:00Z", "--verify", "--explain",
            TestCorpus.articleQueries[4],
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Golden/article-query-5.txt")
        #expect(GoldenFile.matches(result.stdout, at: golden))
    }

    /// `--athena-ddl` names the user's table in the meter; `--param` binds a placeholder and the
    /// binding is listed (on stderr with csv); without a table the shape is assumed and said.
    @Test func athenaDDLAndParametersAreReported() throws {
        let ddl = Scratch.path("ddl.sql")
        try AthenaDDLFixtures.manual.write(to: ddl, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: ddl) }
        let sql = "SELECT count(*) FROM cloudtrail_logs WHERE region = '${region}' AND day = '22'"
        let result = try BuiltTrailmeter.run([
            "query", "--store", store, "--format", "csv", "--dialect", "athena", "--athena-ddl", ddl.path,
            "--param", "region=eu-west-1", sql,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Placeholder '${region}' at line 1, column 53 = 'eu-west-1' (--param)"))
        #expect(
            result.stderr.contains(
                "Raw layout (Athena-style, manual partitions region, year, month, day (cloudtrail_logs, from"))
        // The documented LOCATION's account is not the corpus's: an empty table, said as such.
        #expect(
            result.stderr.contains(
                "Athena table location s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/: reads the files under AWSLogs/111122223333/CloudTrail/ (bucket amzn-s3-demo-bucket is not known to the store: ignored); 0 of "
            ))
        #expect(result.stderr.contains("no file in the store lies under it, so the table is empty"))
        let assumed = try BuiltTrailmeter.run([
            "query", "--store", store, "--format", "csv", #"SELECT count(*) FROM t WHERE "timestamp" = '2022/01/22'"#,
        ])
        #expect(assumed.status == 0, "\(assumed.stderr)")
        #expect(
            assumed.stderr.contains("Athena table: assumed partition projection on timestamp (the query uses timestamp")
        )
        let aliased = try BuiltTrailmeter.run([
            "query", "--store", store, "--format", "csv", "SELECT count(*) FROM t WHERE dt = '2022/01/22'",
        ])
        #expect(aliased.stderr.contains("(the query uses dt as timestamp;"), "\(aliased.stderr)")
        let broken = try BuiltTrailmeter.run([
            "query", "--store", store, "--athena-ddl", "/nonexistent/ddl.sql", "SELECT 1",
        ])
        #expect(broken.status == 74)
        // Quoted placeholders name the table; a value no placeholder takes is said to be unused.
        let quoted = try BuiltTrailmeter.run([
            "query", "--store", store, "--format", "csv", "--param", "database=security", "--param",
            "table=cloudtrail_logs", "--param", "region=eu-west-1", #"SELECT count(*) FROM "${database}"."${table}""#,
        ])
        #expect(quoted.status == 0, "\(quoted.stderr)")
        #expect(quoted.stderr.contains(#"Placeholder "${table}" at line 1, column 36 = 'cloudtrail_logs' (--param)"#))
        #expect(quoted.stderr.contains("warning: --param region matches no placeholder of the query; it was not used"))
        #expect(!quoted.stderr.contains("--param table matches no placeholder"))
    }

    /// `query --format csv|json > file` gives a file that parses whole: only the rows go to stdout,
    /// the dialect line and the meter go to stderr.
    @Test func csvAndJSONStdoutParsesWhole() throws {
        let sql = """
            SELECT eventname, count(*) AS n, 'a,"b"
            c' AS tricky FROM t WHERE eventname IN ('RunInstances', 'ConsoleLogin') GROUP BY eventname ORDER BY eventname
            """
        let csv = try BuiltTrailmeter.run(["query", "--store", store, "--format", "csv", sql])
        #expect(csv.status == 0, "\(csv.stderr)")
        let records = try CSVReader.records(csv.stdout, lineEnd: "\n")
        #expect(records.first == ["eventname", "n", "tricky"])
        #expect(records.dropFirst().map { $0[0] } == ["ConsoleLogin", "RunInstances"])
        #expect(records.allSatisfy { $0.count == 3 }, "\(records)")
        #expect(records.dropFirst().allSatisfy { Int($0[1]) != nil && $0[2] == "a,\"b\"\nc" }, "\(records)")
        #expect(csv.stderr.contains("Columnar layout (Lake-style)"))

        let json = try BuiltTrailmeter.run(["query", "--store", store, "--format", "json", sql])
        #expect(json.status == 0, "\(json.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        let objects = try #require(parsed as? [[String: Any]])
        #expect(objects.map { $0["eventname"] as? String } == ["ConsoleLogin", "RunInstances"])
        #expect(objects.allSatisfy { $0["n"] is Int && $0["tricky"] as? String == "a,\"b\"\nc" })
        #expect(json.stderr.contains("Raw layout (Athena-style"))
    }

    /// A value holding a comma, quotes, LF and CRLF comes back whole from `--format csv`.
    @Test func csvQuotesCommaQuoteLFAndCRLF() throws {
        // The literal holds the line breaks themselves (the field has no single quote to escape).
        let sql =
            "SELECT '\(CSVReader.trickyField)' AS v, '\(CSVReader.crlfOnlyField)' AS w, eventname FROM t WHERE eventname = 'ConsoleLogin' LIMIT 1"
        let result = try BuiltTrailmeter.run(["query", "--store", store, "--format", "csv", sql])
        #expect(result.status == 0, "\(result.stderr)")
        // The rows stand between the blank lines after the dialect and before the meter.
        var rows = Substring(result.stdout)
        if rows.hasPrefix("Dialect:"), let header = rows.range(of: "\n\n") { rows = rows[header.upperBound...] }
        if let meter = rows.range(of: "\n\nRaw layout") { rows = rows[..<meter.lowerBound] }
        let records = try CSVReader.records(String(rows), lineEnd: "\n")
        #expect(records.count == 2)
        #expect(records.last == [CSVReader.trickyField, CSVReader.crlfOnlyField, "ConsoleLogin"])
    }

    @Test func badSQLExits65WithItsPosition() throws {
        let result = try BuiltTrailmeter.run([
            "query", "--store", store, "SELECT eventname\nFROM t\nWHERE eventname = = 'x'",
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 3, column 19"))
        let unknown = try BuiltTrailmeter.run(["query", "--store", store, "SELECT nosuchfunction(eventname) FROM t"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("line 1, column 8"))
    }

    @Test func writeAttemptExits65AndLeavesTheStoreUnchanged() throws {
        let before = try GuardTests.checksum(store)
        let result = try BuiltTrailmeter.run(["query", "--store", store, "DROP TABLE files"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("read-only"))
        #expect(try GuardTests.checksum(store) == before)
    }

    @Test func dialectChoiceIsPrinted() throws {
        let lake = try BuiltTrailmeter.run([
            "query", "--store", store, "SELECT count(*) FROM 880143b0-368b-4ef8-a6e1-887a48146de7",
        ])
        #expect(lake.stdout.hasPrefix("Dialect: CloudTrail Lake (detected"))
        let given = try BuiltTrailmeter.run([
            "query", "--store", store, "--dialect", "athena", "SELECT count(*) FROM t",
        ])
        #expect(given.stdout.hasPrefix("Dialect: Athena (as given)"))
    }
}

import QueryEngine
import SQLite
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `../shared/samples/queries` beside the repository (written by others; read in place).
enum SharedQuerySamples {
    static var directory: String {
        // Tests/QueryEngineTests/ConformanceTests.swift -> repo root -> sibling shared/
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        let root = parts.joined(separator: "/")
        return root + "/../shared/samples/queries"
    }

    static var present: Bool { !Conformance.sqlFiles(directory).isEmpty }
}

/// Every published sample in `../shared/samples/queries`, translated, compiled and run on the
/// fixture tables.
@Suite(.enabled(if: SharedQuerySamples.present, "needs ../shared/samples/queries beside the repository"))
struct ConformanceTests {
    static func report() throws -> Conformance.Report { try run(SharedQuerySamples.directory) }

    /// Every query file under `directory`, run on a fresh fixture database.
    static func run(_ directory: String) throws -> Conformance.Report {
        let connection = try Fixture.database()
        return Conformance.run(directory: directory, connection: connection) { dialect in
            var translator = Translator(
                tableName: dialect == .lake ? Fixture.lakeTable : Fixture.athenaTable, dialect: dialect,
                clock: Fixture.clock)
            translator.timeSpan = Fixture.timeSpan
            return translator
        }
    }

    @Test func publishedSamplesRun() throws {
        let report = try Self.report()
        print(report.summary)
        #expect(report.results.count >= 80)
        #expect(report.count("failed") == 0)
        #expect(report.runRate >= 0.8)
        for result in report.results {
            #expect(result.detected == result.dialect, "dialect detection for \(result.file)")
        }
    }
}

/// Results of a handful of samples, checked by hand against the fixture events.
@Suite(.enabled(if: SharedQuerySamples.present, "needs ../shared/samples/queries beside the repository"))
struct SampleSpotChecks {
    static func sample(_ name: String) throws -> String {
        let files = Conformance.sqlFiles(SharedQuerySamples.directory)
        let file = try #require(files.first(where: { $0.contains(name) }), "sample \(name) is missing")
        var parts = SharedQuerySamples.directory
        parts += "/" + file
        let contents = try #require(readText(parts))
        return Conformance.queryText(contents)
    }

    static func readText(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs the sample in the dialect of its folder.
    static func rows(_ name: String) throws -> [[String]] {
        let sql = try sample(name)
        let dialect: Dialect = name.hasPrefix("lake/") ? .lake : .athena
        return try Fixture.rows(sql, dialect)
    }

    @Test func selfAssumedRoleFindsTheRoleAssumingItself() throws {
        // E5: sessionIssuer.arn equals element_at(resources, 1).arn ("ARN" in the record: struct
        // field access ignores case).
        let rows = try Self.rows("lake/010_")
        #expect(
            rows == [
                [
                    "e5000000-0000-0000-0000-000000000005", "2022-01-22 00:00:29.000",
                    "arn:aws:iam::152231080651:role/admin-role", "AROAEXAMPLEROLE:session",
                ]
            ])
    }

    @Test func auroraWithPerformanceInsightsReadsJSONBooleansAsMapStrings() throws {
        // E8: "enablePerformanceInsights": true is the map value 'true'.
        let rows = try Self.rows("lake/012_")
        #expect(rows == [["orders-1", "aurora-postgresql", "13.4"]])
    }

    @Test func consoleLoginWithoutMFA() throws {
        let rows = try Self.rows("lake/017_")
        #expect(rows.count == 1)
        #expect(rows.first?.contains("e1000000-0000-0000-0000-000000000001") == true)
        #expect(rows.first?.contains("false") == true)  // readonly printed as Lake prints booleans
    }

    @Test func responseElementsByEventID() throws {
        let rows = try Self.rows("lake/028_")
        #expect(rows == [[#"{"instancesSet":{"items":[{"instanceId":"i-0aaaabbbbccccdddd"}]}}"#]])
    }

    @Test func bucketsUsingACLs() throws {
        let rows = try Self.rows("lake/062_")
        #expect(rows == [["demo-20230707", "us-east-1", "152231080651"]])
    }

    @Test func athenaEventCountsByRegionUsePartitionAliases() throws {
        // date_partition / region_partition / account_partition are the bootstrap table's names
        // for the timestamp / region / account partitions.
        let rows = try Self.rows("athena/023_")
        #expect(rows == [["us-east-1", "2"], ["us-west-2", "1"]])
    }

    @Test func athenaAccessKeyCreations() throws {
        let rows = try Self.rows("athena/029_")
        #expect(
            rows == [
                [
                    "2021-07-15T09:30:00Z", "arn:aws:iam::111122223333:user/alice", "alice", "CreateAccessKey",
                    "ci-bot", "AKIAEXAMPLECIBOT",
                ]
            ])
    }

    @Test func athenaPasswordChanges() throws {
        let rows = try Self.rows("athena/030_")
        #expect(
            rows == [
                ["2021-07-20T12:00:00Z", "arn:aws:iam::111122223333:user/alice", "alice", "UpdateLoginProfile", "dave"]
            ])
    }

    @Test func athenaLoginSummaryAggregatesSortedDistinctIPs() throws {
        let rows = try Self.rows("athena/025_")
        #expect(rows == [["arn:aws:sts::111122223333:assumed-role/ops/carol", "ConsoleLogin", "[10.0.5.5]"]])
    }

    @Test func athenaPublicIPsUseIPAddressOrdering() throws {
        // Only E10 (203.0.113.50) is public; 10.0.5.5 and 172.16.5.4 are RFC 1918.
        let rows = try Self.rows("athena/031_")
        #expect(rows.count == 1)
        #expect(rows.first?.contains("ea000000-0000-0000-0000-000000000010") == true)
    }

    @Test func templateSamplesRunOnceTheirDateIsFilledIn() throws {
        // Published with '${date_filter}' where a timestamp goes: broken as published, and
        // translated faithfully once a date is put in.
        let connection = try Fixture.database()
        var outcomes: [String: String] = [:]
        for name in ["lake/046_", "lake/054_", "lake/055_", "lake/056_", "lake/057_", "lake/069_"] {
            let sql = try Self.sample(name)
            let filled = sql.replacing("'${date_filter}'", with: "'2022-01-22 00:00:00'")
            let outcome = Conformance.classify(
                filled, dialect: .lake, translator: Fixture.translator(.lake, detectedFrom: filled),
                connection: connection, execute: true)
            outcomes[name] = outcome.label
        }
        #expect(
            outcomes == [
                "lake/046_": "unsupported",  // eventJsonChecksum is not stored
                "lake/054_": "broken",  // selects userIdentity.username, groups by userIdentity.arn: Trino rejects it
                "lake/055_": "ran", "lake/056_": "ran", "lake/057_": "ran", "lake/069_": "ran",
            ])
    }
}

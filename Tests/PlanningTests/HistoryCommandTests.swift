import Foundation
import Planning
import TestSupport
import Testing

/// `workload import`, `calibrate` and `compare --calibration` through the built binary, against
/// the Planning fixture store (2022-01-20 to 23) and the tests' pricing tables.
@Suite(.enabled(if: BuiltTrailmeter.url != nil, "needs the built trailmeter binary"))
struct HistoryCommandTests {
    static let directory = URL(fileURLWithPath: PlanningFixture.built.storePath).deletingLastPathComponent()

    static func compare(_ arguments: [String]) throws -> BuiltTrailmeter.Run {
        try BuiltTrailmeter.run(
            ["compare", "--store", "sample.tmstore", "--pricing", "PricingTables", "--now", "2022-01-24T00:00:00Z"]
                + arguments, in: directory)
    }

    @Test func theImportedWorkloadRunsInCompareWithNoEdits() throws {
        let workload = Scratch.path("workload.yaml")
        let imported = try BuiltTrailmeter.run(
            ["workload", "import"] + HistoryImportTests.files + ["--out", workload.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.isEmpty)
        #expect(imported.stderr.contains("5 queries from 18 executions over 4 days: 3 in the workload, 2 left out"))

        let run = try Self.compare(["--workload", workload.path, "--out", Scratch.path("report").path])
        #expect(run.status == 0, "\(run.stderr)")
        let queries = try CSVReader.table(
            String(contentsOf: Self.temporaryReport(run), encoding: .utf8))
        #expect(Set(queries.compactMap { $0["Query"] }) == ["athena query 1", "lake query 1", "athena query 2"])
    }

    /// The folder compare printed it wrote, and its queries.csv.
    static func temporaryReport(_ run: BuiltTrailmeter.Run) -> URL {
        let line = run.stdout.split(separator: "\n").last { $0.hasPrefix("Reports written to ") }!
        return URL(fileURLWithPath: String(line.dropFirst("Reports written to ".count).dropLast()))
            .appendingPathComponent("queries.csv")
    }

    @Test func malformedHistoryEndsWithTheDataErrorCode() throws {
        let bad = Scratch.path("bad.json")
        try #"[{"QueryId": "q", "QueryString": "SELECT 1", "QueryStatus": "DONE", "QueryStatistics": {}}]"#.write(
            to: bad, atomically: true, encoding: .utf8)
        let run = try BuiltTrailmeter.run(["workload", "import", bad.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(bad.path): [0].QueryStatus: unknown status \"DONE\""))
        let missing = try BuiltTrailmeter.run(["workload", "import", Scratch.path("absent.json").path])
        #expect(missing.status == 74)
    }

    /// `calibrate` runs each execution under `query`'s limits: a runaway history query (a cross
    /// join of the trail with itself, twice) stops at the timeout with an error naming it, exit 65.
    @Test func runawayHistoryQueryStopsAtTheQueryLimits() throws {
        let sql = "SELECT count(*) FROM cloudtrail_logs a CROSS JOIN cloudtrail_logs b CROSS JOIN cloudtrail_logs c"
        let history = Scratch.path("runaway.json")
        try """
        {"QueryExecutions": [
          {"QueryExecutionId": "runaway", "Query": "\(sql)", "StatementType": "DML",
           "Status": {"State": "SUCCEEDED", "SubmissionDateTime": 1642982400.0},
           "Statistics": {"DataScannedInBytes": 1000}}
        ], "UnprocessedQueryExecutionIds": []}
        """.write(to: history, atomically: true, encoding: .utf8)
        let run = try BuiltTrailmeter.run(
            ["calibrate", "--history", history.path, "--store", "sample.tmstore", "--timeout", "0.5"],
            in: Self.directory)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.contains(
                "\(history.path): QueryExecutions[0]: execution runaway stopped while calibrating on the store: query stopped: it ran longer than the timeout of 0.5 s"
            ), "\(run.stderr)")
    }

    /// A full-scan Athena query on the console's table plans every file; the test asks TrailMeter
    /// for that figure, then writes a history where AWS reported it exactly and one 10% above it.
    @Test func calibrationListsRatiosAndCompareAppliesTheFactor() throws {
        let sql = "SELECT eventname, count(*) FROM cloudtrail_logs_example GROUP BY eventname"
        let lakeSQL =
            "SELECT eventName FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventTime > '2022-01-23 00:00:00'"
        let probe = try Calibrator.calibrate(
            [
                QueryExecution(
                    id: "probe", service: .athena, sql: sql, outcome: .succeeded, submittedMs: 1_642_982_400_000,
                    reportedBytes: 1, origin: "probe"),
                QueryExecution(
                    id: "probe-lake", service: .lake, sql: lakeSQL, outcome: .succeeded,
                    submittedMs: 1_642_982_400_000, reportedBytes: 1, origin: "probe"),
            ], storeAt: PlanningFixture.built.storePath, limits: .unlimited)
        let planned = probe.entries[0].plannedBytes
        let plannedLake = probe.entries[1].plannedBytes
        #expect(planned > 0 && plannedLake > 0)
        let tenPercentMore = (planned * 11 + 5) / 10

        let athena = Scratch.path("athena.json")
        try """
        {"QueryExecutions": [
          {"QueryExecutionId": "exact", "Query": "\(sql)", "StatementType": "DML",
           "Status": {"State": "SUCCEEDED", "SubmissionDateTime": 1642982400.0},
           "Statistics": {"DataScannedInBytes": \(planned)}},
          {"QueryExecutionId": "ten-percent-more", "Query": "\(sql)", "StatementType": "DML",
           "Status": {"State": "SUCCEEDED", "SubmissionDateTime": "2022-01-24T00:00:00+00:00"},
           "Statistics": {"DataScannedInBytes": \(tenPercentMore)}}
        ], "UnprocessedQueryExecutionIds": []}
        """.write(to: athena, atomically: true, encoding: .utf8)
        let lake = Scratch.path("lake.json")
        try """
        {"QueryId": "lake-exact", "QueryString": "\(lakeSQL)", "QueryStatus": "FINISHED",
         "QueryStatistics": {"EventsMatched": 1, "EventsScanned": 1, "BytesScanned": \(plannedLake),
                             "ExecutionTimeInMillis": 900, "CreationTime": "2022-01-24T00:00:00Z"}}
        """.write(to: lake, atomically: true, encoding: .utf8)

        let factors = Scratch.path("calibration.yaml")
        let run = try BuiltTrailmeter.run(
            ["calibrate", "--history", athena.path, lake.path, "--store", "sample.tmstore", "--out", factors.path],
            in: Self.directory)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("exact ") && $0.hasSuffix(" 1.00") }, "\(run.stdout)")
        #expect(rows.contains { $0.hasPrefix("ten-percent-more ") && $0.hasSuffix(" 1.10") }, "\(run.stdout)")
        #expect(rows.contains { $0.hasPrefix("lake-exact ") && $0.hasSuffix(" 1.00") }, "\(run.stdout)")
        #expect(run.stdout.contains("athena-raw: median ratio 1.05 over 2 executions; spread 1.00 to 1.10"))
        #expect(run.stdout.contains("lake-columnar: median ratio 1.00 over 1 execution"))
        #expect(run.stdout.contains("ten-percent-more (athena-raw, ratio 1.10): AWS read more than the store holds"))

        let loaded = try CalibrationFactors.load(factors.path)
        #expect(loaded.layouts[.athenaRaw]?.executions == 2)
        #expect(loaded.factor(for: .athenaProjected) == Decimal(string: "1.05"))
        #expect(loaded.factor(for: .lakeOneYear) == 1)
        #expect(loaded.factor(for: .selfManagedLake) == 1)

        let workload = Scratch.path("workload.yaml")
        #expect(
            try BuiltTrailmeter.run(["workload", "import", athena.path, lake.path, "--out", workload.path]).status == 0)
        let plain = try Self.compare(["--workload", workload.path, "--out", Scratch.path("plain").path])
        let calibrated = try Self.compare([
            "--workload", workload.path, "--out", Scratch.path("calibrated").path, "--calibration", factors.path,
        ])
        #expect(plain.status == 0 && calibrated.status == 0, "\(calibrated.stderr)")
        #expect(!plain.stdout.contains("Calibration:"))
        #expect(
            calibrated.stdout.contains("Calibration: scans scaled by the factors measured against AWS's reported bytes")
        )
        #expect(
            calibrated.stdout.contains(
                "athena-raw x1.0500 from 2 executions (applied to athena-unpartitioned, athena-projected)"))
        let before = try CSVReader.table(String(contentsOf: Self.temporaryReport(plain), encoding: .utf8))
        let after = try CSVReader.table(String(contentsOf: Self.temporaryReport(calibrated), encoding: .utf8))
        let bytes = { (rows: [[String: String]], query: String, layout: String) -> Decimal in
            Decimal(string: rows.first { $0["Query"] == query && $0["Layout"] == layout }!["BytesPerRunFirstMonth"]!)!
        }
        for layout in ["athena-unpartitioned", "athena-projected"] {
            let expected = bytes(before, "athena query 1", layout) * Decimal(string: "1.05")!
            #expect(abs(bytes(after, "athena query 1", layout) - expected) <= 1, "\(layout)")
        }
        for layout in ["lake-one-year", "self-managed-lake"] {
            #expect(bytes(after, "lake query 1", layout) == bytes(before, "lake query 1", layout), "\(layout)")
        }
        #expect(before.count == after.count)
    }
}

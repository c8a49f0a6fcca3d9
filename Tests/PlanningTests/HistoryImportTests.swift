import CloudTrail
import Foundation
import TestSupport
import Testing

@testable import Planning

/// `workload import` on fixtures in the AWS CLI's JSON shapes: Athena `batch-get-query-execution`
/// pages (epoch-second timestamps, as the API and CLI v1 print them) and an array of CloudTrail
/// `describe-query` outputs (CLI v2's ISO-8601 timestamps, one with a +09:00 offset).
///
/// By hand: the history spans 2022-01-20 to 2022-01-23 (4 days). The Athena event-name count ran
/// twice a day (08:00 and 20:00) on each of those days with its own date literal: 8 runs / 4 days
/// = 2/day, plus one failure and one cancellation (the cancelled one in lower case with a `;`).
/// The Lake count ran once a day at 12:00 UTC: 4 / 4 = 1/day, plus one time-out. The ARN lookup
/// ran once: 1 / 4 days x 365/12 = 7.60 a month. The DDL and the TABLESAMPLE query are kept aside.
struct HistoryImportTests {
    static let history = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/History")
    static let files = ["athena-page1.json", "athena-page2.json", "lake-queries.json"].map {
        history.appendingPathComponent($0).path
    }

    static func ms(_ iso: String) -> Int64 { EventTime.milliseconds(iso)! }

    @Test func importsRunsPerDayAndWindowsCheckedByHand() throws {
        let workload = try WorkloadImporter.workload(try HistoryReader.read(Self.files), sources: Self.files)
        #expect(workload.firstDay.description == "2022-01-20")
        #expect(workload.lastDay.description == "2022-01-23")
        #expect(workload.days == 4)
        #expect(
            workload.queries.map(\.name) == [
                "athena query 1", "lake query 1", "athena query 2", "athena query 3", "lake query 2",
            ])

        let counts = workload.queries[0]
        #expect(counts.service == .athena)
        #expect(counts.succeededMs.count == 8 && counts.failed == 1 && counts.cancelled == 1)
        #expect(counts.frequency == Frequency(count: 2, per: .day))
        #expect(counts.firstSubmittedMs == Self.ms("2022-01-20T08:00:00.456Z"))
        #expect(counts.lastSubmittedMs == Self.ms("2022-01-23T20:00:00.456Z"))
        #expect(counts.sql.contains("'2022-01-23T00:00:00Z'"), "the latest succeeded execution's SQL")

        let lake = workload.queries[1]
        #expect(lake.service == .lake)
        #expect(lake.succeededMs.count == 4 && lake.failed == 1 && lake.cancelled == 0)
        #expect(lake.frequency == Frequency(count: 1, per: .day))
        #expect(lake.firstSubmittedMs == Self.ms("2022-01-20T12:00:00.123Z"))
        #expect(lake.succeededMs[2] == Self.ms("2022-01-22T12:00:00Z"), "21:00 at +09:00 is 12:00 UTC")
        #expect(lake.lastSubmittedMs == Self.ms("2022-01-23T13:00:00Z"), "the time-out is observed too")

        let lookup = workload.queries[2]
        #expect(lookup.frequency == Frequency(count: Decimal(string: "7.6")!, per: .month))
        #expect(lookup.shape.contains("'<arn>'"))

        #expect(workload.queries[3].unsupported?.contains("DDL") == true)
        #expect(workload.queries[4].unsupported?.contains("TABLESAMPLE") == true)
        #expect(workload.runnable.count == 3)

        let yaml = workload.yaml()
        #expect(yaml.contains("    runs: 2/day\n"))
        #expect(yaml.contains("    runs: 7.6/month\n"))
        #expect(yaml.contains("#     reason: unsupported at line 1, column 52: TABLESAMPLE"))
        #expect(
            yaml.contains(
                "# 18 executions of 5 queries from 2022-01-20 to 2022-01-23 (4 days): 15 succeeded, 2 failed, 1 cancelled, 0 unfinished."
            ))
    }

    @Test func theWrittenWorkloadReadsBackAsTheScenarioReaderExpects() throws {
        let workload = try WorkloadImporter.workload(try HistoryReader.read(Self.files), sources: ["history"])
        let path = Scratch.path("workload.yaml")
        try workload.yaml().write(to: path, atomically: true, encoding: .utf8)
        let queries = try ScenarioFile.loadWorkload(path.path)
        #expect(queries.map(\.name) == ["athena query 1", "lake query 1", "athena query 2"])
        #expect(queries.map(\.dialect) == [.athena, .lake, .athena])
        #expect(queries[0].sql == workload.queries[0].sql.trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
    }

    @Test func shapesSetAsideWhatChangesFromRunToRunAndKeepWhatChangesTheRead() {
        let one = QueryShape.of(
            "SELECT * FROM t WHERE eventtime > '2024-05-01T00:00:00Z' AND useridentity.arn = 'arn:aws:iam::111122223333:user/a'"
        )
        let two = QueryShape.of(
            "select *\n  from T where eventtime>'2024-05-09T10:00:00Z' and useridentity.arn='arn:aws:sts::444455556666:assumed-role/x' ;"
        )
        #expect(one == two)
        #expect(
            QueryShape.of("SELECT 1 FROM t WHERE eventname = 'ConsoleLogin'")
                != QueryShape.of("SELECT 1 FROM t WHERE eventname = 'RunInstances'"))
        #expect(
            QueryShape.of("SELECT 1 FROM t WHERE x > now() - interval '1' day")
                != QueryShape.of("SELECT 1 FROM t WHERE x > now() - interval '7' day"))
        #expect(
            QueryShape.of("SELECT 1 FROM t WHERE ip = '203.0.113.7' AND id = 'i-0abc1234def567890' -- note")
                == "select 1 from t where ip = '<ip>' and id = '<id>'")
    }

    @Test func malformedHistoryNamesFileAndRecord() throws {
        let path = Scratch.path("bad.json").path
        try
            #"{"QueryExecutions": [{"QueryExecutionId": "x", "Query": "SELECT 1", "Status": {"SubmissionDateTime": 1}}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try HistoryReader.read(path)
        } throws: { error in
            "\(error)" == "\(path): QueryExecutions[0].Status.State: missing"
        }
        try #"{"Queries": []}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try HistoryReader.read(path)
        } throws: { error in
            "\(error)".contains("neither `aws athena batch-get-query-execution` output")
                && "\(error)".contains("`aws cloudtrail list-queries` output (ids only)")
        }
        try #"{"QueryExecutionIds": ["a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try HistoryReader.read(path)
        } throws: { error in
            "\(error)".contains("`aws athena list-query-executions` output (ids only)")
                && "\(error)".contains("batch-get-query-execution --query-execution-ids")
        }
    }

    @Test func timestampsInEitherCLIForm() {
        #expect(HistoryReader.milliseconds(NSNumber(value: 1_593_470_720.592)) == 1_593_470_720_592)
        #expect(HistoryReader.milliseconds("2020-06-29T22:45:20.592000+00:00") == 1_593_470_720_592)
        #expect(HistoryReader.milliseconds("2020-06-30T07:45:20.592+09:00") == 1_593_470_720_592)
        #expect(HistoryReader.milliseconds("2020-06-29T17:45:20.592-05:00") == 1_593_470_720_592)
        #expect(HistoryReader.milliseconds("yesterday") == nil)
        // Found by the history fuzz target: a number no time can be trapped in the conversion.
        for number in [1e30, -1e30, Double.infinity, 253_402_300_800] {
            #expect(HistoryReader.milliseconds(NSNumber(value: number)) == nil, "\(number)")
        }
        for field in [
            #""SubmissionDateTime": 1e30"#,
            #""SubmissionDateTime": 1, "X": 0}, "Statistics": {"DataScannedInBytes": 1e30"#,
        ] {
            let json =
                #"{"QueryExecutionId": "x", "Query": "SELECT 1", "Status": {"State": "SUCCEEDED", "# + field + "}}"
            #expect(throws: PlanningError.self) { try HistoryReader.parse(Data(json.utf8), path: "big.json") }
        }
    }
}

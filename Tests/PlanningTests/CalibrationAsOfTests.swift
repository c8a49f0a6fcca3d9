import Foundation
import Planning
import QueryEngine
import SQLite
import TestSupport
import Testing

/// AWS could read only what had been delivered when a query ran: calibration plans each
/// execution over the store as it stood at its submission, whether the files were ingested,
/// listed, or listed and sampled.
@Suite("Calibration sees the store as it stood at each execution")
struct CalibrationAsOfTests {
    /// Noon on the third of the trail's four days (2022-01-20 to 23).
    static let noon: Int64 = 1_642_852_800_000

    /// The gzip bytes of the bucket's log files whose name stamps them delivered by `stamp`
    /// (`yyyyMMdd'T'HHmm'Z'`), of the `days` given (every day when nil): read from the full
    /// ingest's catalog, which holds every file with its size.
    static func deliveredBytes(by stamp: String, days: Set<String>? = nil) throws -> Int64 {
        let connection = try Connection(path: ListedSampleTests.stores.full, mode: .readOnly)
        let files = try connection.prepare("SELECT s3_key, day, compressed_bytes FROM files")
        var bytes: Int64 = 0
        while try files.step() {
            let name = (files.text(at: 0) ?? "").split(separator: "/").last ?? ""
            let fileStamp = name.split(separator: "_")[3]
            guard fileStamp <= stamp, days?.contains(files.text(at: 1) ?? "") ?? true else { continue }
            bytes += files.int64(at: 2)
        }
        return bytes
    }

    static func execution(_ id: String, _ service: HistoryService, _ sql: String, at ms: Int64)
        -> QueryExecution
    {
        QueryExecution(
            id: id, service: service, sql: sql, outcome: .succeeded, submittedMs: ms, reportedBytes: 1_000,
            origin: "test")
    }

    static let console = "SELECT eventname, count(*) FROM cloudtrail_logs_example GROUP BY eventname"
    static let lastDay = """
        SELECT count(*) FROM cloudtrail_logs_pp WHERE timestamp >= date_format(now() - interval '1' day, '%Y/%m/%d')
        """
    static let lake =
        "SELECT eventName FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventTime > '2022-01-21 00:00:00'"

    @Test(
        "An execution at noon is planned over the files delivered by noon",
        arguments: [
            ListedSampleTests.stores.full, ListedSampleTests.stores.listedWithLastDays,
            ListedSampleTests.stores.listedAndSampled,
        ])
    func plannedOverWhatWasDelivered(store: String) throws {
        let entries = try Calibrator.calibrate(
            [
                Self.execution("console", .athena, Self.console, at: Self.noon),
                Self.execution("last-day", .athena, Self.lastDay, at: Self.noon),
            ], storeAt: store, limits: .unlimited
        ).entries
        #expect(entries.map(\.execution.id) == ["console", "last-day"])
        #expect(entries[0].plannedBytes == (try Self.deliveredBytes(by: "20220122T1200Z")))
        #expect(
            entries[1].plannedBytes
                == (try Self.deliveredBytes(by: "20220122T1200Z", days: ["2022/01/21", "2022/01/22"])))
        // The whole bucket holds over half as much again: what the plan read before the cut.
        let whole = try Self.deliveredBytes(by: "99999999T9999Z")
        #expect(entries[0].plannedBytes * 3 / 2 < whole)
    }

    @Test("A Lake execution reads the segments begun before it ran")
    func lakeSeesEventsBeforeItRan() throws {
        let bounded = Self.lake + " AND eventTime < '2022-01-22 12:00:00'"
        let entries = try Calibrator.calibrate(
            [
                Self.execution("at-noon", .lake, Self.lake, at: Self.noon),
                Self.execution("bounded-later", .lake, bounded, at: Self.noon + 7 * 86_400_000),
                Self.execution("later", .lake, Self.lake, at: Self.noon + 7 * 86_400_000),
            ], storeAt: ListedSampleTests.stores.full, limits: .unlimited
        ).entries
        #expect(entries[0].plannedBytes == entries[1].plannedBytes)
        #expect(entries[0].plannedBytes < entries[2].plannedBytes)
    }

    /// An execution on a partition-projection table reads one account's and region's folder:
    /// with the table's DDL, calibration plans just those files, as Athena read them.
    @Test("With the user's table, an execution reads the files under its location")
    func theUsersTableRestrictsTheRead() throws {
        let connection = try Connection(path: ListedSampleTests.stores.full, mode: .readOnly)
        let account = try #require(try connection.scalar("SELECT min(account) FROM files")?.text)
        let onePlace = try connection.prepare(
            "SELECT sum(compressed_bytes) FROM files WHERE account = ? AND region = 'us-east-1' AND day >= '2022/01/22'"
        )
        try onePlace.bind([.text(account)])
        _ = try onePlace.step()
        let expected = onePlace.int64(at: 0)
        let table = try AthenaTableDefinition.parse(
            """
            CREATE EXTERNAL TABLE cloudtrail_logs_pp (eventtime STRING, eventname STRING)
            PARTITIONED BY (`timestamp` string)
            LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/\(account)/CloudTrail/us-east-1'
            TBLPROPERTIES ('projection.enabled'='true', 'projection.timestamp.type'='date',
              'projection.timestamp.format'='yyyy/MM/dd', 'projection.timestamp.range'='2022/01/01,NOW',
              'storage.location.template'='s3://amzn-s3-demo-bucket/AWSLogs/\(account)/CloudTrail/us-east-1/${timestamp}')
            """)
        let sql = "SELECT count(*) FROM default.cloudtrail_logs_pp WHERE timestamp >= '2022/01/22'"
        let later = Self.noon + 7 * 86_400_000
        let executions = [Self.execution("own-table", .athena, sql, at: later)]
        let defined = try Calibrator.calibrate(
            executions, storeAt: ListedSampleTests.stores.full, limits: .unlimited, athenaTables: [table])
        #expect(defined.entries[0].plannedBytes == expected)
        #expect(defined.report.contains("athena-raw (table cloudtrail_logs_pp)"))
        // Without it, the projected table reads every account and region of those days.
        let assumed = try Calibrator.calibrate(executions, storeAt: ListedSampleTests.stores.full, limits: .unlimited)
        #expect(assumed.entries[0].plannedBytes > 3 * expected)
        #expect(assumed.report.contains("athena-raw (projected)"))
    }

    @Test("Before the first delivery nothing is planned, and the report says why")
    func beforeTheFirstDelivery() throws {
        let calibration = try Calibrator.calibrate(
            [Self.execution("early", .athena, Self.console, at: Self.noon - 5 * 86_400_000)],
            storeAt: ListedSampleTests.stores.listedWithLastDays, limits: .unlimited)
        #expect(calibration.entries.map(\.plannedBytes) == [0])
        #expect(calibration.entries[0].ratio == nil)
        #expect(calibration.report.contains("before the store's first event"))
        #expect(calibration.report.contains("the store holds nothing delivered by then"))
        #expect(calibration.report.contains("Each execution is planned over the store as it stood then"))
    }
}

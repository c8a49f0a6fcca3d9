import Foundation
import Metering
import Pricing
import QueryEngine
import TestSupport
import Testing
import TrailStore

@testable import Planning

/// A Logs Insights query over a one-day window, measured on a store whose event bytes the test
/// wrote, and priced for a month by hand.
///
/// The store holds one plain JSON log file of exactly 4,000 bytes: `{"Records":[` (12) + three
/// records of 984, 1,000 and 2,000 bytes with their two commas + `]}` (2). Events at
/// 2022-01-21 00:00:00.000, 2022-01-22 10:00 and 2022-01-22 23:59:59.999: the sample spans exactly
/// 2 days, 2,000 file bytes a day. The query's window is 2022-01-22 (one day): the second and
/// third records, 3,000 bytes, so 3,000 / 2,000 = 1.5 event bytes per log-file byte in the window.
/// The file is plain JSON, so it is billed at the size G of its gzip (level 6), as CloudTrail
/// would store it: file bytes are gzip bytes, G a day per 1.5 events. Ingested bytes per JSON
/// byte: 3,984 / 4,000 = 0.996; the storage ratio is the sample's gzip ratio, G / 4,000.
///
/// Scenario: 2027-01, us-east-1, `300,000,000 events/day` = 300,000,000 x G / 3 gzip bytes a day
/// (400 GB of JSON), no growth, no history, the query once a day (31 runs).
/// - Logs Insights: 3,000 / (G / 2) event bytes per gzip byte x 100,000,000 G = 600 GB a run
///   x 31 = 18,600 GB x $0.005 = $93.00.
/// - Standard ingest: 31 x 400 = 12,400 GB of JSON x 0.996 = 12,350.4 GB x $0.50 = $6,175.20;
///   Infrequent Access x $0.25 = $3,087.60.
/// - Storage: (0 + 12,400) / 2 = 6,200 GB of JSON held x 0.996 x G / 4,000 = 6,175.2 x G / 4,000
///   GB-month x $0.03 (G = 211: $9.77).
@Suite struct LogsInsightsFromAStoreTests {
    static func record(_ time: String, size: Int) -> String {
        let head =
            #"{"eventVersion":"1.08","eventTime":"\#(time)","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","requestParameters":{"pad":""#
        let tail = #""}}"#
        return head + String(repeating: "x", count: size - head.utf8.count - tail.utf8.count) + tail
    }

    static let records = [
        record("2022-01-21T00:00:00.000Z", size: 984), record("2022-01-22T10:00:00.000Z", size: 1_000),
        record("2022-01-22T23:59:59.999Z", size: 2_000),
    ]

    static let storePath: String = {
        let (directory, file) = RecordsFile.write(records, label: "insights")
        let path = directory.appendingPathComponent("store.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(path, settings: nil)).ingest([file.path])
        return path
    }()

    @Test func aOneDayQueryPricedToTheCent() throws {
        #expect(Self.records.map(\.utf8.count) == [984, 1_000, 2_000])
        var scenario = Scenario(name: "insights")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.months = 1
        scenario.volume = .eventsPerDay(300_000_000)
        scenario.workload = [
            WorkloadQuery(
                name: "one day",
                sql: """
                    SELECT eventname FROM cloudtrail_logs
                    WHERE eventtime >= '2022-01-22T00:00:00.000Z' AND eventtime <= '2022-01-22T23:59:59.999Z'
                    """, dialect: .athena, frequency: Frequency(count: 1, per: .day), origin: "test")
        ]
        let projection = try Comparison.run(
            scenario, storeAt: Self.storePath, sampleSource: "test", tables: PlanningFixture.tables,
            clock: QueryClock.fixed("2022-01-23T00:00:00Z")!, limits: .unlimited, log: { _ in })
        func billed(_ layout: CostLayout, _ category: CostCategory) -> Decimal? {
            projection.lines.first { $0.layout == layout && $0.category == category }?.billedCost
        }
        let query = try #require(projection.queries.first { $0.layout == .cloudWatchStandard })
        #expect(query.measuredBytes == 3_000)
        // G does not divide the figures: the ratio and the volume meet within a rounding.
        #expect(abs(query.bytesPerRunFirstMonth - 600_000_000_000) < Decimal(string: "0.000001")!)
        #expect(billed(.cloudWatchStandard, .scans) == Decimal(string: "93.00")!)
        #expect(billed(.cloudWatchInfrequentAccess, .scans) == Decimal(string: "93.00")!)
        #expect(billed(.cloudWatchStandard, .ingest) == Decimal(string: "6175.20")!)
        #expect(billed(.cloudWatchInfrequentAccess, .ingest) == Decimal(string: "3087.60")!)
        let json = Array(("{\"Records\":[" + Self.records.joined(separator: ",") + "]}").utf8)
        let gzip = json.withUnsafeBytes { BilledSize.of($0) }
        #expect(json.count == 4_000 && gzip.estimated)
        var storage = Decimal(string: "6175.2")! * Decimal(gzip.bytes) / 4_000 * Decimal(string: "0.03")!
        var cents = Decimal()
        NSDecimalRound(&cents, &storage, 2, .plain)
        #expect(billed(.cloudWatchStandard, .storage) == cents)
    }
}

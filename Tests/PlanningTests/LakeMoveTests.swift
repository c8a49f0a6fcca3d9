import Foundation
import Metering
import Pricing
import Testing

@testable import Planning

/// An existing Lake customer (one-year option) moving to CloudWatch Logs Standard in March 2027,
/// against staying on Lake. Sample and query as in `HandDerivedTests`: 1 GB gzip a day, 10
/// uncompressed bytes per gzip byte (Lake ingest), 9 event JSON bytes per gzip byte (CloudWatch
/// ingest), compressed 0.1 per uncompressed byte (CloudWatch storage); the daily one-day query
/// reads 0.1 per gzip byte on Lake and 0.9 per gzip byte under Logs Insights. Rates (us-east-1):
/// Lake ingest $0.75/GB, scans $0.005/GB; CloudWatch Standard ingest $0.50/GB, Infrequent Access
/// $0.25/GB, storage $0.03/GB-month, Logs Insights $0.005/GB. Each line rounded half-up to cents.
///
/// Staying on Lake, a month of d days: ingest d x 10 GB x 0.75 = 7.5 d; scans 0.1 x d GB x 0.005.
/// Jan 232.50 + 0.02 = 232.52; Feb 210.00 + 0.01 = 210.01; Mar 232.52; Apr 225.00 + 0.015 -> 0.02 = 225.02.
/// Cumulative: 232.52, 442.53, 675.05, 900.07.
///
/// Moving: January and February are the Lake lines (232.52, 210.01). March (the move):
/// - export: the store holds Jan + Feb = 59 GB gzip (no history, all after 2023) x 9 = 531 GB,
///   as Infrequent Access ingest x 0.25 = 132.75 (one time);
/// - Standard ingest 31 GB x 9 = 279 GB x 0.50 = 139.50;
/// - storage: held 59 GB gzip at the start, 90 at the end: 74.5 x 9 x 0.1 = 67.05 GB-month x 0.03 = 2.0115 -> 2.01;
/// - Logs Insights: 1 GB gzip in the window x 0.9 = 0.9 GB a run x 31 = 27.9 GB x 0.005 = 0.1395 -> 0.14;
/// - March 274.40, cumulative 716.93 > 675.05: not yet paid back.
/// April: ingest 270 GB x 0.50 = 135.00; storage (90 + 120) / 2 = 105 x 0.9 = 94.5 GB-month x 0.03
/// = 2.835 -> 2.84; scans 30 x 0.9 = 27 GB x 0.005 = 0.135 -> 0.14; April 137.98, cumulative 854.91
/// <= 900.07: the move pays back in April 2027.
@Suite struct LakeMoveTests {
    static func projection(move: LakeMove, months: Int = 4, history: Int = 0, backfill: Bool = false) throws
        -> Projection
    {
        let day = HandDerivedTests.day
        let start = HandDerivedTests.start
        let sample = HandDerivedTests.sample()
        var scenario = Scenario(name: "move")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.months = months
        scenario.historyMonths = history
        scenario.lakeBackfill = backfill
        scenario.lakeOptions = []
        scenario.cloudWatchClasses = []
        scenario.lakeMove = move
        if move.from == .sevenYear { scenario.lakeRetentionDays[.sevenYear] = 2_557 }
        scenario.workload = [HandDerivedTests.measurement().query]
        return try Projector(
            scenario: scenario, sample: sample, measurements: [HandDerivedTests.measurement()],
            tables: PlanningFixture.tables, now: start + 30 * day
        ).project()
    }

    static let march = CalendarDay(year: 2027, month: 3, day: 1)!

    @Test func moveToStandardPaysBackInApril() throws {
        let projection = try Self.projection(
            move: LakeMove(month: Self.march, logClass: .standard, from: .oneYearExtendable))
        let move: [Decimal] = ["232.52", "210.01", "274.40", "137.98"].map { Decimal(string: $0)! }
        let stay: [Decimal] = ["232.52", "210.01", "232.52", "225.02"].map { Decimal(string: $0)! }
        for index in 0..<4 {
            #expect(projection.total(.lakeToCloudWatch, month: index) == move[index], "move month \(index + 1)")
            #expect(projection.total(.lakeOneYear, month: index) == stay[index], "stay month \(index + 1)")
        }
        let export = try #require(projection.lines.first { $0.layout == .lakeToCloudWatch && $0.isOneTime })
        #expect(export.monthIndex == 2)
        #expect(export.item == .logsIngestInfrequentAccess)
        #expect(export.quantity == 531)
        #expect(export.billedCost == Decimal(string: "132.75")!)
        let payback = try #require(projection.movePayback)
        #expect(payback.monthIndex == 3)
        #expect(payback.overtaken == .lakeToCloudWatch)
        #expect(payback.cumulativeOvertaken == Decimal(string: "854.91")!)
        #expect(payback.cumulativeOvertaking == Decimal(string: "900.07")!)
        #expect(projection.breakEvens.contains(payback))
    }

    /// Infrequent Access from the move on: March = 132.75 + 279 x 0.25 (69.75) + 2.01 + 0.14 = 204.65,
    /// cumulative 647.18 <= 675.05 already: the move pays back in its own month (no crossing of the
    /// cumulative lines, which were equal before it, so only `movePayback` reports it).
    @Test func moveToInfrequentAccessPaysBackInTheMoveMonth() throws {
        let projection = try Self.projection(
            move: LakeMove(month: Self.march, logClass: .infrequentAccess, from: .oneYearExtendable))
        #expect(projection.total(.lakeToCloudWatch, month: 2) == Decimal(string: "204.65")!)
        #expect(projection.movePayback?.monthIndex == 2)
    }

    /// Seven-year Lake kept 2,557 days, with 60 months of history imported (2022-01 to 2026-12):
    /// the export leaves 2022 behind (AWS moves nothing before 2023), so it carries 2023-01-01 to
    /// 2027-02-28: 365 + 366 + 365 + 365 + 31 + 28 = 1,520 days x 1 GB x 9 = 13,680 GB x 0.25 = 3,420.00.
    @Test func exportStopsAt2023() throws {
        let projection = try Self.projection(
            move: LakeMove(month: Self.march, logClass: .infrequentAccess, from: .sevenYear), history: 60,
            backfill: true)
        let export = try #require(projection.lines.first { $0.layout == .lakeToCloudWatch && $0.isOneTime })
        #expect(export.quantity == 13_680)
        #expect(export.billedCost == Decimal(string: "3420.00")!)
    }

    @Test func aMoveMonthOutsideTheHorizonIsRefused() throws {
        let late = CalendarDay(year: 2028, month: 3, day: 1)!
        #expect(throws: PlanningError.self) {
            try Self.projection(move: LakeMove(month: late, logClass: .standard, from: .oneYearExtendable))
        }
    }
}

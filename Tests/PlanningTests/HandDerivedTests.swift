import Foundation
import Metering
import Pricing
import Testing

@testable import Planning

/// One scenario small enough to price by hand, every figure derived from its inputs below.
///
/// Sample: 10 days, 10 GB gzip (1 GB a day), 100 GB uncompressed (10 per gzip byte), 2 GB
/// columnar (0.2 per gzip byte), 1,000 files (100 a day), 240 segments (24 a day).
/// One Lake query, once a day, bounded to one day: it read 0.1 GB of columns on the sample
/// (0.1 bytes per gzip byte in its window) and 24 segments; on the raw layouts it read all
/// 10 GB in 1,000 files. Scenario: the sample's rate (1 GB a day, no growth), no history,
/// January and February 2027, us-east-1, the shipped rates: Athena $5/TB, S3 $0.023/GB-month,
/// GET $0.0004 per 1,000, PUT $0.005 per 1,000, Lake ingest $0.75/GB (one-year) or $2.50/GB
/// (seven-year, first 5 TB), Lake scans $0.005/GB. Decimal units. Each line rounded half-up to cents.
///
/// January (31 days; a run reads at mid-month, day 15.5):
/// - S3 storage: held 0 GB at the start, 31 at the end: 15.5 GB-month x 0.023 = 0.3565 -> 0.36
/// - Athena scans (both tables): 15.5 GB a run (15,500 MB, already whole MB) x 31 runs = 0.4805 TB x 5 = 2.4025 -> 2.40
/// - GETs: 100 files a day x 15.5 days = 1,550 a run x 31 = 48,050 -> 0.01922 -> 0.02
/// - Lake ingest: 31 GB x 10 = 310 GB x 0.75 = 232.50 (seven-year: x 2.50 = 775.00)
/// - Lake scans: 0.1 x 1 GB = 0.1 GB a run x 31 = 3.1 GB x 0.005 = 0.0155 -> 0.02
/// - Self-managed: raw storage 0.36; columnar copy 15.5 x 0.2 = 3.1 GB-month x 0.023 = 0.0713 -> 0.07;
///   conversion 31 runs of 1 GB (1,000 MB) = 0.031 TB x 5 = 0.155 -> 0.16; its GETs 3,100 -> 0.00124 -> 0.00;
///   PUTs 24 x 31 = 744 -> 0.00372 -> 0.00; scans 31 x 100 MB = 0.0031 TB x 5 = 0.0155 -> 0.02;
///   scan GETs 24 x 31 = 744 -> 0.0002976 -> 0.00
/// February (28 days; mid-month is day 45):
/// - S3 storage: (31 + 59) / 2 = 45 GB-month x 0.023 = 1.035 -> 1.04
/// - Athena scans: 45 GB x 28 = 1.26 TB x 5 = 6.30; GETs 4,500 x 28 = 126,000 -> 0.0504 -> 0.05
/// - Lake ingest: 280 GB x 0.75 = 210.00 (seven-year 700.00); Lake scans 2.8 GB x 0.005 = 0.014 -> 0.01
/// - Self-managed: 1.04; columnar 9 GB-month x 0.023 = 0.207 -> 0.21; conversion 0.028 TB x 5 = 0.14;
///   GETs 2,800 -> 0.00; PUTs 672 -> 0.00; scans 2.8 GB -> 0.014 -> 0.01; scan GETs 672 -> 0.00
@Suite struct HandDerivedTests {
    static let day: Int64 = 86_400_000
    static let start: Int64 = 1_640_995_200_000  // 2022-01-01T00:00:00Z

    static func measurement() -> QueryMeasurement {
        var columnar = ScanMeasurement(layout: .columnar, source: .executed)
        columnar.bytesScanned = 100_000_000
        columnar.segmentsRead = 24
        columnar.segmentsTotal = 240
        columnar.eventTimeWindow = TimeWindow(lowerMs: start + 2 * day, upperMs: start + 3 * day - 1)
        columnar.columns = ["eventtime", "eventname"]
        var raw = ScanMeasurement(layout: .raw, source: .planned)
        raw.bytesScanned = 10_000_000_000
        raw.unitsRead = 1_000
        raw.unitsTotal = 1_000
        let query = WorkloadQuery(
            name: "daily check", sql: "SELECT 1", dialect: .lake, frequency: Frequency(count: 1, per: .day),
            origin: "hand-derived")
        // Logs Insights: the events of its one-day window held 0.9 GB of JSON on the sample.
        var events = ScanMeasurement(layout: .eventWindow, source: .planned)
        events.bytesScanned = 900_000_000
        events.eventTimeWindow = columnar.eventTimeWindow
        return QueryMeasurement(
            query: query, dialect: .lake, rows: 0, columnar: columnar, rawUnpartitioned: raw, rawProjected: raw,
            eventWindow: events)
    }

    /// The hand-made sample described above.
    static func sample() -> SampleProfile {
        SampleProfile(
            source: "hand-made", firstEventMs: start, lastEventMs: start + 10 * day - 1, events: 100_000,
            files: 1_000, gzipBytes: 10_000_000_000, jsonBytes: 100_000_000_000,
            columnarBytes: 2_000_000_000, columnBytes: ["eventtime": 1, "eventname": 1], segments: 240,
            eventBytes: 90_000_000_000)
    }

    static func projection(trail: TrailRecording = TrailRecording(), reservation: AthenaReservation? = nil) throws
        -> Projection
    {
        let sample = sample()
        var scenario = Scenario(name: "hand")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.months = 2
        scenario.workload = [measurement().query]
        scenario.trail = trail
        scenario.athenaReservation = reservation
        return try Projector(
            scenario: scenario, sample: sample, measurements: [measurement()], tables: PlanningFixture.tables,
            now: start + 30 * day
        ).project()
    }

    @Test func everyMonthlyTotalMatchesTheHandDerivation() throws {
        let projection = try Self.projection()
        let expected: [CostLayout: [Decimal]] = [
            .athenaUnpartitioned: [Decimal(string: "2.78")!, Decimal(string: "7.39")!],
            .athenaProjected: [Decimal(string: "2.78")!, Decimal(string: "7.39")!],
            .lakeOneYear: [Decimal(string: "232.52")!, Decimal(string: "210.01")!],
            .lakeSevenYear: [Decimal(string: "775.02")!, Decimal(string: "700.01")!],
            .selfManagedLake: [Decimal(string: "0.61")!, Decimal(string: "1.40")!],
            .cloudWatchStandard: [Decimal(string: "140.06")!, Decimal(string: "127.35")!],
            .cloudWatchInfrequentAccess: [Decimal(string: "70.31")!, Decimal(string: "64.35")!],
        ]
        for (layout, months) in expected {
            for (index, total) in months.enumerated() {
                #expect(projection.total(layout, month: index) == total, "\(layout) month \(index + 1)")
            }
        }
        #expect(projection.horizonTotal(.selfManagedLake) == Decimal(string: "2.01")!)
        #expect(projection.cheapest == .selfManagedLake)
    }

    @Test func lineByLineJanuary() throws {
        let projection = try Self.projection()
        func billed(_ layout: CostLayout, _ description: String) -> Decimal? {
            projection.lines.first {
                $0.layout == layout && $0.monthIndex == 0 && $0.description.hasPrefix(description)
            }?.billedCost
        }
        #expect(billed(.athenaUnpartitioned, "S3 Standard storage of the gzip") == Decimal(string: "0.36")!)
        #expect(billed(.athenaUnpartitioned, "Athena query scans") == Decimal(string: "2.40")!)
        #expect(billed(.athenaUnpartitioned, "S3 GET requests: daily check") == Decimal(string: "0.02")!)
        #expect(billed(.lakeOneYear, "CloudTrail Lake ingest") == Decimal(string: "232.50")!)
        #expect(billed(.lakeOneYear, "CloudTrail Lake query scans") == Decimal(string: "0.02")!)
        #expect(billed(.selfManagedLake, "S3 Standard storage of the columnar copy") == Decimal(string: "0.07")!)
        #expect(billed(.selfManagedLake, "Athena INSERT converting") == Decimal(string: "0.16")!)
        #expect(billed(.selfManagedLake, "Athena query scans") == Decimal(string: "0.02")!)
        let scan = projection.lines.first {
            $0.layout == .athenaUnpartitioned && $0.monthIndex == 0 && $0.category == .scans
        }!
        #expect(scan.quantity == Decimal(string: "0.4805")!)
        #expect(scan.unit == "TB")
        #expect(scan.unitPrice == 5)
        #expect(scan.exactCost == Decimal(string: "2.4025")!)
    }

    /// CloudWatch Logs (us-east-1: Standard ingest $0.50/GB, Infrequent Access $0.25/GB, storage
    /// $0.03/GB-month, Logs Insights $0.005/GB scanned). The sample holds 90 GB of event JSON per
    /// 10 GB gzip (9 ingested bytes per gzip byte) and compresses 10 GB of 100 GB (0.1); no retention
    /// limit, no history in the log group.
    ///
    /// January: ingest 31 GB gzip x 9 = 279 GB -> Standard x 0.50 = 139.50, IA x 0.25 = 69.75.
    /// Storage: (0 + 31) / 2 = 15.5 GB gzip held x 9 x 0.1 = 13.95 GB-month x 0.03 = 0.4185 -> 0.42.
    /// Logs Insights: 0.9 GB of events in the 1-day window per 1 GB gzip that day (0.9 per gzip byte),
    /// 1 GB a day -> 0.9 GB a run x 31 runs = 27.9 GB x 0.005 = 0.1395 -> 0.14.
    /// Standard 139.50 + 0.42 + 0.14 = 140.06; IA 69.75 + 0.42 + 0.14 = 70.31.
    /// February: ingest 28 x 9 = 252 GB -> 126.00 / 63.00; storage (31 + 59) / 2 = 45 x 0.9 = 40.5
    /// GB-month x 0.03 = 1.215 -> 1.22; scans 28 x 0.9 = 25.2 GB x 0.005 = 0.126 -> 0.13.
    /// Standard 127.35; IA 64.35.
    @Test func cloudWatchMonthsLineByLine() throws {
        let projection = try Self.projection()
        func line(_ layout: CostLayout, _ month: Int, _ category: CostCategory) -> CostLine? {
            projection.lines.first { $0.layout == layout && $0.monthIndex == month && $0.category == category }
        }
        #expect(line(.cloudWatchStandard, 0, .ingest)?.quantity == 279)
        #expect(line(.cloudWatchStandard, 0, .ingest)?.billedCost == Decimal(string: "139.50")!)
        #expect(line(.cloudWatchInfrequentAccess, 0, .ingest)?.billedCost == Decimal(string: "69.75")!)
        #expect(line(.cloudWatchStandard, 0, .storage)?.quantity == Decimal(string: "13.95")!)
        #expect(line(.cloudWatchStandard, 0, .storage)?.billedCost == Decimal(string: "0.42")!)
        #expect(line(.cloudWatchInfrequentAccess, 0, .storage)?.billedCost == Decimal(string: "0.42")!)
        let scan = try #require(line(.cloudWatchStandard, 0, .scans))
        #expect(scan.quantity == Decimal(string: "27.9")!)
        #expect(scan.exactCost == Decimal(string: "0.1395")!)
        #expect(scan.billedCost == Decimal(string: "0.14")!)
        #expect(line(.cloudWatchStandard, 1, .storage)?.billedCost == Decimal(string: "1.22")!)
        #expect(line(.cloudWatchStandard, 1, .scans)?.billedCost == Decimal(string: "0.13")!)
        let query = try #require(projection.queries.first { $0.layout == .cloudWatchStandard })
        #expect(query.bytesPerRunFirstMonth == 900_000_000)
    }

    /// Trail charges (us-east-1: extra management copies $2.00 and data events $0.10 per 100,000).
    /// The sample holds 100,000 events in 10 GB gzip, so 1 GB a day is 10,000 management events.
    /// January: 31 GB -> 310,000 events x 1 extra copy = 3.1 x 100,000 x 2.00 = $6.20;
    /// data events 1,000,000 a day x 31 = 310 x 100,000 x 0.10 = $31.00. February (28 days):
    /// 280,000 events -> 2.8 x 2.00 = $5.60; 28,000,000 data events -> 280 x 0.10 = $28.00. Athena's January becomes 2.78 + 6.20 + 31.00 = 39.98;
    /// Lake ingests without a trail: no line, its totals unchanged.
    @Test func trailChargesForManagementCopiesAndDataEvents() throws {
        var trail = TrailRecording()
        trail.extraManagementCopies = 1
        trail.dataEventsPerDay = 1_000_000
        let projection = try Self.projection(trail: trail)
        func billed(_ layout: CostLayout, _ month: Int, _ prefix: String) -> Decimal? {
            projection.lines.first {
                $0.layout == layout && $0.monthIndex == month && $0.description.hasPrefix(prefix)
            }?.billedCost
        }
        #expect(billed(.athenaUnpartitioned, 0, "CloudTrail extra copies") == Decimal(string: "6.20")!)
        #expect(billed(.athenaUnpartitioned, 0, "CloudTrail data events") == Decimal(string: "31.00")!)
        #expect(billed(.athenaUnpartitioned, 1, "CloudTrail extra copies") == Decimal(string: "5.60")!)
        #expect(billed(.athenaUnpartitioned, 1, "CloudTrail data events") == Decimal(string: "28.00")!)
        #expect(billed(.cloudWatchStandard, 0, "CloudTrail extra copies") == Decimal(string: "6.20")!)
        #expect(billed(.selfManagedLake, 0, "CloudTrail data events") == Decimal(string: "31.00")!)
        #expect(billed(.lakeOneYear, 0, "CloudTrail extra copies") == nil)
        #expect(billed(.lakeOneYear, 0, "CloudTrail data events") == nil)
        #expect(projection.total(.athenaUnpartitioned, month: 0) == Decimal(string: "39.98")!)
        #expect(projection.total(.lakeOneYear, month: 0) == Decimal(string: "232.52")!)
    }

    /// Athena provisioned capacity (us-east-1 $0.30 per DPU-hour; minimum 4 DPU in steps of 4, 1
    /// minute): 24 DPU for 8 hours a day. January: 24 x 8 = 192 DPU-hours a day x 31 = 5,952 x 0.30
    /// = $1,785.60, in place of the query's $2.40 of per-TB scans; cheaper than per-TB billing above
    /// 1,785.60 / 5.00 = 357.12 TB scanned a month. Athena's January: storage 0.36 + GETs 0.02 +
    /// 1,785.60 = 1,785.98. A 3-DPU reservation for 30 seconds a month bills 4 DPU x 1 minute =
    /// 0.0667 DPU-hours -> $0.02.
    @Test func provisionedCapacityMonthAndBreakEvenVolume() throws {
        let projection = try Self.projection(reservation: AthenaReservation(dpus: 24, hours: 8, per: .day))
        let line = try #require(
            projection.lines.first {
                $0.layout == .athenaUnpartitioned && $0.monthIndex == 0 && $0.item == .athenaProvisionedCapacity
            })
        #expect(line.quantity == 5_952)
        #expect(line.billedCost == Decimal(string: "1785.60")!)
        #expect(line.derivation.contains("cheaper than per-TB billing above 357.12 TB scanned a month"))
        #expect(
            !projection.lines.contains { $0.layout == .athenaUnpartitioned && $0.item == .athenaSQLScan })
        #expect(projection.total(.athenaUnpartitioned, month: 0) == Decimal(string: "1785.98")!)
        let tiny = try Self.projection(
            reservation: AthenaReservation(dpus: 3, hours: Decimal(string: "0.0083")!, per: .month))
        let minimum = try #require(
            tiny.lines.first {
                $0.layout == .athenaProjected && $0.monthIndex == 0 && $0.item == .athenaProvisionedCapacity
            })
        #expect(minimum.billedCost == Decimal(string: "0.02")!)
    }

    @Test func aBoundedQueryDoesNotGrowWithRetentionButAnUnboundedOneDoes() throws {
        let projection = try Self.projection()
        let lake = projection.queries.first { $0.layout == .lakeOneYear }!
        #expect(lake.bytesPerRunFirstMonth == 100_000_000)
        #expect(lake.bytesPerRunLastMonth == 100_000_000)
        let athena = projection.queries.first { $0.layout == .athenaUnpartitioned }!
        #expect(athena.bytesPerRunFirstMonth == 15_500_000_000)
        #expect(athena.bytesPerRunLastMonth == 45_000_000_000)
    }
}

@Suite struct AdviceTests {
    /// An unbounded `SELECT *` on the Lake layouts: bounding it to 7 days and selecting 4 columns
    /// each cut its scans by the share they name.
    @Test func unboundedSelectStarGetsBothAdvice() throws {
        var measurement = HandDerivedTests.measurement()
        measurement.columnar.eventTimeWindow = nil
        measurement.columnar.bytesScanned = 1_000_000_000
        let columns = (0..<20).map { "column\($0)" } + ColumnarReads.narrowColumns
        measurement.columnar.columns = columns
        var columnBytes = Dictionary(uniqueKeysWithValues: columns.map { ($0, Int64(100)) })
        for name in ColumnarReads.narrowColumns { columnBytes[name] = 50 }
        let day = HandDerivedTests.day
        let start = HandDerivedTests.start
        let sample = SampleProfile(
            source: "hand-made", firstEventMs: start, lastEventMs: start + 10 * day - 1, events: 100_000,
            files: 1_000, gzipBytes: 10_000_000_000, jsonBytes: 100_000_000_000,
            columnarBytes: 2_000_000_000, columnBytes: columnBytes, segments: 240)
        var scenario = Scenario(name: "advice")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.months = 12
        scenario.historyMonths = 12
        scenario.lakeBackfill = true
        scenario.workload = [measurement.query]
        let projection = try Projector(
            scenario: scenario, sample: sample, measurements: [measurement], tables: PlanningFixture.tables,
            now: start
        ).project()
        let lake = projection.advice.filter { $0.layout == .lakeOneYear }
        let narrow = try #require(lake.first { $0.change.hasPrefix("select 4 columns") })
        // 4 columns of 50 bytes out of 20 x 100 + 4 x 50 = 2,200: a saving of 2,000 / 2,200 = 91%, up to line rounding.
        #expect(abs(narrow.saving - Decimal(2_000) / 2_200) < Decimal(string: "0.01")!)
        #expect(narrow.text.hasSuffix("-91%"))
        let bounded = try #require(lake.first { $0.change == "bound eventTime to 7 days" })
        // About 366 days retained, 7 read: about -98%.
        #expect(bounded.saving > Decimal(string: "0.97")!)
    }
}

@Suite struct LakeOptionTests {
    /// Seven-year ingest tiers count the month's events and the imported history together:
    /// 12 months of 1 GB a day (365 GB gzip, 3,650 GB uncompressed) plus January's 310 GB is
    /// 3,960 GB, all in the first 5 TB tier at $2.50: $9,900.00 in one line.
    @Test func sevenYearImportSharesTheMonthsTiers() throws {
        let day = HandDerivedTests.day
        let start = HandDerivedTests.start
        let sample = SampleProfile(
            source: "hand-made", firstEventMs: start, lastEventMs: start + 10 * day - 1, events: 100_000,
            files: 1_000, gzipBytes: 10_000_000_000, jsonBytes: 100_000_000_000,
            columnarBytes: 2_000_000_000, columnBytes: [:], segments: 240)
        var scenario = Scenario(name: "import")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.months = 1
        scenario.historyMonths = 12
        scenario.lakeBackfill = true
        let measurement = HandDerivedTests.measurement()
        scenario.workload = [measurement.query]
        let projection = try Projector(
            scenario: scenario, sample: sample, measurements: [measurement], tables: PlanningFixture.tables,
            now: start
        ).project()
        let sevenYear = projection.lines.filter { $0.layout == .lakeSevenYear && $0.category == .ingest }
        #expect(sevenYear.count == 1)
        #expect(sevenYear.first?.billedCost == Decimal(string: "9900.00")!)
        // The one-year option prices the import apart, at the other-sources rate: 3,650 GB x $0.50.
        let oneYear = projection.lines.filter { $0.layout == .lakeOneYear && $0.category == .ingest }
        #expect(oneYear.map(\.billedCost) == [Decimal(string: "232.50")!, Decimal(string: "1825.00")!])
    }

    @Test func retentionBeyondTheOptionsMaximumIsRefused() throws {
        var scenario = Scenario(name: "long")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.lakeRetentionDays[.sevenYear] = 3000
        let measurement = HandDerivedTests.measurement()
        scenario.workload = [measurement.query]
        let sample = SampleProfile(
            source: "s", firstEventMs: 0, lastEventMs: HandDerivedTests.day, events: 1, files: 1, gzipBytes: 1,
            jsonBytes: 1, columnarBytes: 1, columnBytes: [:], segments: 1)
        #expect {
            _ = try Projector(
                scenario: scenario, sample: sample, measurements: [measurement], tables: PlanningFixture.tables, now: 0
            ).project()
        } throws: { error in
            "\(error)".contains("3000 days is beyond the option's maximum of 2557 days")
        }
    }
}

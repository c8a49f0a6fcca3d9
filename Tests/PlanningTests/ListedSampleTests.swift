import CloudTrail
import Foundation
import Metering
import Planning
import Pricing
import QueryEngine
import TestSupport
import Testing
import TrailStore

/// A bucket's volume and raw reads from the two facts a planner has on hand together: a listing
/// of the whole bucket and a sampled ingest of its files (or the sample alone).
@Suite("A listing and a sample together")
struct ListedSampleTests {
    /// Stores of one generated trail (two accounts, two regions, four days and the next day's
    /// late deliveries), each made the way a planner may make one.
    struct Stores {
        /// Every file ingested.
        var full: String
        /// A 10% sample of the files.
        var sampled: String
        /// An `aws s3 ls --recursive` listing of the whole trail, then the same 10% sample.
        var listedAndSampled: String
        /// The listing alone.
        var listed: String
        /// The listing, then every file of the last two days (what a planner downloads).
        var listedWithLastDays: String
    }

    static let stores: Stores = {
        let root = Scratch.directory("listed-sample")
        let tree = root.appendingPathComponent("bucket")
        var spec = SampleTrailSpec(
            days: 4, eventsPerDay: 1_500, regions: ["us-east-1", "eu-west-1"], accounts: 2,
            start: TrailDate(year: 2022, month: 1, day: 20))
        spec.seed = 11
        _ = try! SampleTrailGenerator.write(spec, to: tree)
        let keys = FileManager.default.enumerator(atPath: tree.path)!.compactMap { $0 as? String }.sorted()
        let lines = keys.compactMap { key -> String? in
            let attributes = try? FileManager.default.attributesOfItem(atPath: tree.path + "/" + key)
            guard attributes?[.type] as? FileAttributeType == .typeRegular, let size = attributes?[.size] as? NSNumber
            else { return nil }
            return "2022-01-24 09:15:00 \(String(repeating: " ", count: max(1, 10 - "\(size)".count)))\(size) \(key)"
        }
        let listing = root.appendingPathComponent("ls.txt").path
        try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: listing))
        let lastDays = keys.filter { $0.hasSuffix("/2022/01/23") || $0.hasSuffix("/2022/01/24") }.map {
            tree.appendingPathComponent($0).path
        }
        func store(_ name: String, listing: String? = nil, sample: Bool = false, paths: [String]? = nil) -> String {
            let path = root.appendingPathComponent(name).path
            if let listing {
                _ = try! ListingImporter(store: StoreFile.openForWriting(path, settings: nil)).importListings([listing])
            }
            guard let paths = paths ?? (listing == nil || sample ? [tree.path] : nil) else { return path }
            var options = IngestOptions()
            options.sample = sample ? try! SampleSpec("10%", seed: 5) : nil
            _ = try! Ingestor(store: StoreFile.openForWriting(path, settings: nil), options: options).ingest(paths)
            return path
        }
        return Stores(
            full: store("full.tmstore"), sampled: store("sampled.tmstore", sample: true),
            listedAndSampled: store("listed-sampled.tmstore", listing: listing, sample: true),
            listed: store("listed.tmstore", listing: listing),
            listedWithLastDays: store("listed-last-days.tmstore", listing: listing, paths: lastDays))
    }()

    /// A sample's catalog holds a tenth of the files; the bucket's days are its cells' populations.
    @Test func aSampledCatalogCountsTheFilesItPassedOver() throws {
        let full = try CatalogDays.dailyBytes(StoreFile.openForReading(Self.stores.full))
        #expect(full.count == 5)
        for store in [Self.stores.sampled, Self.stores.listedAndSampled] {
            let days = try CatalogDays.dailyBytes(StoreFile.openForReading(store))
            #expect(days.map(\.day) == full.map(\.day))
            #expect(days.map(\.bytes) == full.map(\.bytes), "\(store)")
        }
    }

    /// Where a listing names every file, the raw layouts' reads are planned from it: the full
    /// ingest's bytes and files exactly, with no interval, for each article query on both tables.
    @Test func aListedSampleReadsTheRawLayoutAsPlanned() throws {
        let clock = QueryClock.fixed("2022-01-24T00:00:00Z")!
        func measure(_ path: String) throws -> [QueryMeasurement] {
            try ArticleWorkload.measure(path, table: .projected, clock: clock)
        }
        let full = try measure(Self.stores.full)
        let listed = try SampleConfidence.of(storeAt: Self.stores.listedAndSampled)
        #expect(listed.isSampled && !listed.listedCells.isEmpty)
        for (fullRead, listedRead) in zip(full, try measure(Self.stores.listedAndSampled)) {
            let reads = listed.fullTrail(listedRead)
            for (scan, estimate) in [
                (fullRead.rawUnpartitioned, reads.rawUnpartitioned), (fullRead.rawProjected, reads.rawProjected),
            ] {
                #expect(estimate == .exact(Double(scan.bytesScanned)), "\(fullRead.query.name)")
            }
            #expect(listed.fullTrailFiles(listedRead.rawProjected) == Int64(fullRead.rawProjected.unitsRead))
        }
    }

    /// 2022-01-25T00:00:00Z, after the late deliveries of the 24th: every file is in the bucket.
    static let afterEveryDelivery: Int64 = 1_643_068_800_000

    /// Calibrating on a sample compares AWS's figures with the full trail's estimates, not with
    /// the tenth of the trail the store holds: an Athena read of every file is known exactly (the
    /// sample recorded each cell's bytes), a Lake read within its interval.
    @Test func calibrationOnASampleComparesTheFullTrail() throws {
        let athena = "SELECT eventname, count(*) FROM cloudtrail_logs_example GROUP BY eventname"
        let lake = "SELECT eventName FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventTime > '2022-01-22 00:00:00'"
        func calibrate(_ path: String, athenaBytes: Int64, lakeBytes: Int64) throws -> Calibration {
            try Calibrator.calibrate(
                [
                    QueryExecution(
                        id: "athena", service: .athena, sql: athena, outcome: .succeeded,
                        submittedMs: Self.afterEveryDelivery, reportedBytes: athenaBytes, origin: "test"),
                    QueryExecution(
                        id: "lake", service: .lake, sql: lake, outcome: .succeeded,
                        submittedMs: Self.afterEveryDelivery,
                        reportedBytes: lakeBytes, origin: "test"),
                ], storeAt: path, limits: .unlimited)
        }
        let full = try calibrate(Self.stores.full, athenaBytes: 1, lakeBytes: 1).entries
        let (athenaBytes, lakeBytes) = (full[0].plannedBytes, full[1].plannedBytes)
        #expect(full[0].plannedInterval == nil && full[1].plannedInterval == nil)
        let sampled = try calibrate(Self.stores.sampled, athenaBytes: athenaBytes, lakeBytes: lakeBytes)
        #expect(sampled.entries[0].ratio == 1 && sampled.entries[0].plannedInterval == nil)
        let interval = try #require(sampled.entries[1].plannedInterval)
        #expect(interval.contains(lakeBytes), "\(interval) against \(lakeBytes)")
        #expect(sampled.report.contains("The store is a sample (") && sampled.report.contains("95% interval"))
    }

    /// A day of ten times the volume near the end (an incident) and one of a tenth (an outage)
    /// do not tilt the growth: by least squares, the spike alone made 3% a month into about 8%.
    @Test func aSpikeOrAnOutageDoesNotTiltTheFit() throws {
        let format = DateFormatter()
        format.dateFormat = "yyyy/MM/dd"
        format.timeZone = TimeZone(identifier: "UTC")
        let days = (0..<90).map { offset -> (day: String, bytes: Int64) in
            let trend = 5e9 * exp(log(1.03) * Double(offset) / (365.0 / 12))
            let factor = offset == 84 ? 10 : offset == 40 ? 0.1 : 1
            return (
                format.string(from: Date(timeIntervalSince1970: 1_709_251_200 + Double(offset) * 86_400)),
                Int64(trend * factor)
            )
        }
        let history = try #require(VolumeHistory.fit(days))
        #expect(abs(history.monthlyGrowth - 0.03) < 0.005, "fitted \(history.monthlyGrowth)")
    }

    /// A listing with some days ingested in full: the raw layouts read the whole bucket, and
    /// scale by the catalog's gzip bytes and days, not by the two days ingested. Their horizon
    /// totals are the full ingest's, within the rounding of the catalog's span.
    @Test func rawReadsOverAListingScaleByTheCatalog() throws {
        var scenario = DefaultScenario.scenario
        scenario.startMonth = CalendarDay(year: 2022, month: 2, day: 1)
        scenario.months = 3
        scenario.volume = .gzipBytesPerMonth(50_000_000_000)
        func compare(_ path: String) throws -> Projection {
            try Comparison.run(
                scenario, storeAt: path, sampleSource: "test", tables: PlanningFixture.tables,
                clock: QueryClock.fixed("2022-01-24T00:00:00Z")!, limits: .unlimited, log: { _ in })
        }
        let full = try compare(Self.stores.full)
        let listed = try compare(Self.stores.listedWithLastDays)
        for layout in [CostLayout.athenaUnpartitioned, .athenaProjected] {
            let ratio = listed.horizonTotal(layout) / full.horizonTotal(layout)
            #expect(abs(NSDecimalNumber(decimal: ratio).doubleValue - 1) < 0.02, "\(layout): \(ratio)")
        }
    }

    /// A listing of 70 days (1 GB a day, the first 20 days of March to May 2024) taken as the
    /// volume also says how much the bucket already holds when the horizon starts: March and
    /// April whole months, at the fitted daily bytes (none before the listing's first day), unless
    /// the months of history were given.
    @Test func theCatalogSaysHowMuchTheBucketHolds() throws {
        let root = Scratch.directory("bucket-history")
        let spec = ListingSpec(
            trail: SampleTrailSpec(
                days: 70, regions: ["us-east-1"], accounts: 1, start: TrailDate(year: 2024, month: 3, day: 10)),
            format: .s3ls, gzipBytesPerFirstDay: 1_000_000_000, monthlyGrowth: 0, organizationID: nil)
        let summary = try ListingGenerator.write(spec, to: root)
        let store = root.appendingPathComponent("bucket.tmstore").path
        _ = try ListingImporter(store: StoreFile.openForWriting(store, settings: nil)).importListings(
            summary.listingFiles)
        var scenario = Scenario(name: "bucket")
        scenario.startMonth = CalendarDay(year: 2024, month: 6, day: 1)
        scenario.historyMonths = 12
        _ = try #require(
            try Comparison.applyVolumeHistory(to: &scenario, storeAt: store, warn: { Issue.record("warned: \($0)") }))
        #expect(scenario.historyMonths == 3)
        let daily = try #require(scenario.historyDailyBytes)
        #expect(daily.count == 31 + 30 + 31)
        #expect(daily.prefix(9).allSatisfy { $0 == 0 } && daily[9] > 0)
        // From March 10 to May 31, 83 days at about 1 GB.
        let held = NSDecimalNumber(decimal: daily.reduce(0, +)).doubleValue
        #expect(abs(held / 83e9 - 1) < 0.03, "\(held)")

        var warnings: [String] = []
        var later = Scenario(name: "later")
        later.startMonth = CalendarDay(year: 2025, month: 6, day: 1)
        _ = try Comparison.applyVolumeHistory(to: &later, storeAt: store, warn: { warnings.append($0) })
        #expect(warnings.count == 1 && warnings[0].contains("12 months before the horizon starts"), "\(warnings)")
        #expect(later.historyMonths == 15)

        var given = Scenario(name: "given")
        given.startMonth = CalendarDay(year: 2024, month: 6, day: 1)
        given.historyMonths = 12
        _ = try Comparison.applyVolumeHistory(to: &given, storeAt: store, historyGiven: true)
        #expect(given.historyMonths == 12 && given.historyDailyBytes == nil)
    }

    /// `query` on a sampled store says its rows and bytes are the sample's; `inspect` says what
    /// share of the trail it holds.
    @Test(.enabled(if: BuiltTrailmeter.url != nil, "needs the built trailmeter binary"))
    func queryOnASampleSaysSo() throws {
        let sql = "SELECT count(*) FROM cloudtrail_logs"
        let sampled = try BuiltTrailmeter.run(["query", "--store", Self.stores.sampled, sql])
        #expect(sampled.status == 0, "\(sampled.stderr)")
        #expect(sampled.stdout.contains("Sample: the store holds a sampled ingest, "), "\(sampled.stdout)")
        let full = try BuiltTrailmeter.run(["query", "--store", Self.stores.full, sql])
        #expect(full.status == 0 && !full.stdout.contains("Sample:"))
        let inspected = try BuiltTrailmeter.run(["inspect", "--store", Self.stores.sampled])
        #expect(inspected.stdout.contains("  sampled            "), "\(inspected.stdout)")
    }

    /// A listing alone holds sizes, not events: nothing to measure a query on, said as such.
    @Test func aListingAloneIsNotASample() {
        #expect {
            _ = try SampleProfile.of(storeAt: Self.stores.listed)
        } throws: { error in
            guard case .emptySample(_, let problem) = error as? PlanningError else { return false }
            return problem.hasPrefix("holds only a bucket listing (")
        }
    }

    /// The first and last days of a bucket are partial (a trail starts, and a listing is taken,
    /// part-way through a day): left out, they do not bend the growth or the first month.
    @Test func partialEdgeDaysDoNotBendTheFit() throws {
        let growth = 0.03
        let format = DateFormatter()
        format.dateFormat = "yyyy/MM/dd"
        format.timeZone = TimeZone(identifier: "UTC")
        let march = 1_709_251_200.0  // 2024-03-01T00:00:00Z
        let days = (0..<90).map { offset -> (day: String, bytes: Int64) in
            let full = 5e9 * exp(log(1 + growth) * Double(offset) / (365.0 / 12))
            let share = offset == 0 ? 0.3 : offset == 89 ? 0.004 : 1
            return (
                format.string(from: Date(timeIntervalSince1970: march + Double(offset) * 86_400)), Int64(full * share)
            )
        }
        #expect(days.first?.day == "2024/03/01" && days.last?.day == "2024/05/29")
        let history = try #require(VolumeHistory.fit(days))
        #expect(abs(history.monthlyGrowth - growth) < 0.005, "fitted \(history.monthlyGrowth)")
        let marchBytes = (0..<31).reduce(0.0) { $0 + 5e9 * exp(log(1 + growth) * Double($1) / (365.0 / 12)) }
        #expect(abs(history.firstMonthBytes / marchBytes - 1) < 0.02, "fitted \(history.firstMonthBytes)")
        #expect(history.daysPresent == 90)
    }
}

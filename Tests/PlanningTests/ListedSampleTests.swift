import CloudTrail
import Foundation
import Metering
import Planning
import QueryEngine
import TestSupport
import Testing
import TrailStore

/// A bucket's volume and raw reads from the two facts a planner has on hand together: a listing
/// of the whole bucket and a sampled ingest of its files (or the sample alone).
@Suite("A listing and a sample together")
struct ListedSampleTests {
    /// A generated trail ingested in full, in a 10% sample alone, and in the same sample over an
    /// `aws s3 ls --recursive` listing of the whole trail.
    static let stores: (full: String, sampled: String, listedAndSampled: String, listed: String) = {
        let root = Scratch.directory("listed-sample")
        let tree = root.appendingPathComponent("bucket")
        var spec = SampleTrailSpec(
            days: 4, eventsPerDay: 1_500, regions: ["us-east-1", "eu-west-1"], accounts: 2,
            start: TrailDate(year: 2022, month: 1, day: 20))
        spec.seed = 11
        _ = try! SampleTrailGenerator.write(spec, to: tree)
        func ingest(_ name: String, sample: Bool, listing: String? = nil) -> String {
            let path = root.appendingPathComponent(name).path
            if let listing {
                _ = try! ListingImporter(store: StoreFile.openForWriting(path, settings: nil)).importListings([listing])
            }
            var options = IngestOptions()
            options.sample = sample ? try! SampleSpec("10%", seed: 5) : nil
            _ = try! Ingestor(store: StoreFile.openForWriting(path, settings: nil), options: options).ingest([tree.path]
            )
            return path
        }
        func listed(_ listing: String) -> String {
            let path = root.appendingPathComponent("listed.tmstore").path
            _ = try! ListingImporter(store: StoreFile.openForWriting(path, settings: nil)).importListings([listing])
            return path
        }
        let lines = FileManager.default.enumerator(atPath: tree.path)!.compactMap { $0 as? String }.sorted()
            .compactMap { key -> String? in
                let attributes = try? FileManager.default.attributesOfItem(atPath: tree.path + "/" + key)
                guard attributes?[.type] as? FileAttributeType == .typeRegular,
                    let size = attributes?[.size] as? NSNumber
                else { return nil }
                return
                    "2022-01-24 09:15:00 \(String(repeating: " ", count: max(1, 10 - "\(size)".count)))\(size) \(key)"
            }
        let listing = root.appendingPathComponent("ls.txt")
        try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: listing)
        return (
            ingest("full.tmstore", sample: false), ingest("sampled.tmstore", sample: true),
            ingest("listed-sampled.tmstore", sample: true, listing: listing.path), listed(listing.path)
        )
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
        let workload = ArticleQueries.all.enumerated().map { index, sql in
            WorkloadQuery(
                name: "article \(index + 1)", sql: sql, frequency: Frequency(count: 1, per: .day), origin: "test")
        }
        let clock = QueryClock.fixed("2022-01-24T00:00:00Z")!
        func measure(_ path: String) throws -> [QueryMeasurement] {
            try WorkloadMeasurer.measure(
                workload, storeAt: path, scenarioTable: .projected, clock: clock, limits: .unlimited
            ).queries
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
                        submittedMs: 1_642_982_400_000, reportedBytes: athenaBytes, origin: "test"),
                    QueryExecution(
                        id: "lake", service: .lake, sql: lake, outcome: .succeeded, submittedMs: 1_642_982_400_000,
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

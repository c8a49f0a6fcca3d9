import CloudTrail
import Foundation
import Planning
import Pricing
import TestSupport
import Testing
import TrailStore

/// The volume and its growth taken from a bucket listing that spans months.
@Suite("Volume history from the catalog")
struct VolumeHistoryTests {
    /// Six months of a bucket growing 4% a month, two days missing from its listing.
    static let bucket: (spec: ListingSpec, store: String) = {
        let root = Scratch.directory("volume")
        var spec = ListingSpec(
            trail: SampleTrailSpec(
                days: 181, regions: ["us-east-1"], accounts: 1,
                start: TrailDate(year: 2024, month: 1, day: 1)),
            format: .s3ls, gzipBytesPerFirstDay: 2_000_000_000, monthlyGrowth: 0.04, organizationID: "o-volume1234")
        spec.missingDays = [20, 95]
        let summary = try! ListingGenerator.write(spec, to: root)
        let store = root.appendingPathComponent("bucket.tmstore").path
        _ = try! ListingImporter(store: StoreFile.openForWriting(store, settings: nil)).importListings(
            summary.listingFiles)
        return (spec, store)
    }()

    @Test func growthAndFirstMonthAreRecovered() throws {
        let history = try #require(try VolumeHistory.of(storeAt: Self.bucket.store))
        #expect(abs(history.monthlyGrowth - 0.04) < 0.005, "fitted \(history.monthlyGrowth)")
        let januaryBytes = (0..<31).reduce(0.0) { $0 + Self.bucket.spec.dailyBytes(day: $1) }
        #expect(abs(history.firstMonthBytes / januaryBytes - 1) < 0.02, "fitted \(history.firstMonthBytes)")
        #expect(history.missingDays == ["2024/01/21", "2024/04/05"])
    }

    @Test func compareTakesVolumeAndGrowthFromTheBucketUnlessGiven() throws {
        var scenario = Scenario(name: "bucket")
        scenario.startMonth = CalendarDay(year: 2024, month: 7, day: 1)
        let basis = try #require(try Comparison.applyVolumeHistory(to: &scenario, storeAt: Self.bucket.store))
        #expect(
            basis.contains("% a month (R²")
                && basis.contains("2 days missing from the listing (2024/01/21, 2024/04/05)"))
        #expect(abs(NSDecimalNumber(decimal: scenario.monthlyGrowth).doubleValue - 0.04) < 0.005)
        guard case .gzipBytesPerMonth(let bytes) = scenario.volume else {
            Issue.record("volume not taken from the bucket")
            return
        }
        // July 2024 at 4% a month from January's rate, per month of 365/12 days.
        let expected = Self.bucket.spec.dailyBytes(day: 182 + 15) * 365 / 12
        #expect(abs(NSDecimalNumber(decimal: bytes).doubleValue / expected - 1) < 0.03)

        var given = Scenario(name: "given")
        given.startMonth = CalendarDay(year: 2024, month: 7, day: 1)
        given.volume = .gzipBytesPerMonth(40_000_000_000)
        given.monthlyGrowth = 0.03
        #expect(try Comparison.applyVolumeHistory(to: &given, storeAt: Self.bucket.store) == nil)
        #expect(given.volume == .gzipBytesPerMonth(40_000_000_000) && given.monthlyGrowth == 0.03)
    }

    @Test func aFewDaysAreNotAHistory() {
        #expect(VolumeHistory.fit([("2024/01/01", 100), ("2024/01/02", 110)]) == nil)
    }
}

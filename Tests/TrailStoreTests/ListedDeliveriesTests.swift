import Foundation
import TestSupport
import Testing
import TrailStore

/// A listing cut at an instant keeps the objects delivered by then, by the stamps in their keys.
@Suite("Listed objects as of an instant")
struct ListedDeliveriesTests {
    static let noon: Int64 = 1_642_852_800_000  // 2022-01-22T12:00:00Z

    static func listedStore() throws -> (store: StoreFile, partitions: [ListedPartition]) {
        let root = Scratch.directory("listed-deliveries")
        let folder = "AWSLogs/111122223333/CloudTrail/us-east-1"
        let name = { (stamp: String) in "111122223333_CloudTrail_us-east-1_\(stamp)_k\(stamp.prefix(8)).json.gz" }
        let lines = [
            "2022-01-22 01:05:00        100 \(folder)/2022/01/22/\(name("20220122T0100Z"))",
            "2022-01-22 13:05:00        200 \(folder)/2022/01/22/\(name("20220122T1300Z"))",
            "2022-01-23 01:05:00        400 \(folder)/2022/01/23/\(name("20220123T0100Z"))",
            "2022-01-21 23:05:00       1600 \(folder)/2022/01/21/\(name("20220121T2300Z"))",
            // An organization trail's key, and an Insights delivery: prefixes of their own.
            "2022-01-22 02:05:00         10 AWSLogs/o-abc123/555566667777/CloudTrail/us-east-1/2022/01/22/555566667777_CloudTrail_us-east-1_20220122T0200Z_o1.json.gz",
            "2022-01-22 14:05:00         20 AWSLogs/o-abc123/555566667777/CloudTrail/us-east-1/2022/01/22/555566667777_CloudTrail_us-east-1_20220122T1400Z_o2.json.gz",
            "2022-01-22 04:05:00         40 AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2022/01/22/111122223333_CloudTrail-Insight_us-east-1_20220122T0400Z_i1.json.gz",
            // Outside the trail layout: the partition comes from the name, and no key prefix finds it.
            "2022-01-22 03:05:00        800 backup/444455556666_CloudTrail_us-east-1_20220122T0300Z_x.json.gz",
        ]
        let listing = root.appendingPathComponent("ls.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: listing, atomically: true, encoding: .utf8)
        let path = root.appendingPathComponent("listed.tmstore").path
        _ = try ListingImporter(store: StoreFile.openForWriting(path, settings: nil)).importListings([listing.path])
        let store = try StoreFile.openForReading(path)
        return (store, try StoreContents.read(store).listedPartitions)
    }

    @Test("Earlier days whole, the day itself by its stamps, later days empty")
    func cutAtNoon() throws {
        let (store, partitions) = try Self.listedStore()
        let deliveries = try ListedDeliveries.read(day: "2022/01/22", partitions: partitions, from: store)
        let cut = ListedDeliveries.cut(partitions, asOf: Self.noon, listed: deliveries)
        #expect(cut.count == partitions.count)
        // Each partition's files and bytes after the cut, by its bytes before it.
        var kept: [Int64: String] = [:]
        for (whole, part) in zip(partitions, cut) { kept[whole.bytes] = "\(part.files) files, \(part.bytes) bytes" }
        #expect(kept[1_600] == "1 files, 1600 bytes")
        #expect(kept[300] == "1 files, 100 bytes")
        #expect(kept[400] == "0 files, 0 bytes")
        // The key outside the layout cannot be found by its partition's prefix: kept whole.
        #expect(kept[800] == "1 files, 800 bytes")
        #expect(kept[30] == "1 files, 10 bytes")
        #expect(kept[40] == "1 files, 40 bytes")
    }

    @Test("Without the day's deliveries, the day's partitions are kept whole")
    func cutWithoutTheDay() throws {
        let (_, partitions) = try Self.listedStore()
        let cut = ListedDeliveries.cut(partitions, asOf: Self.noon, listed: nil)
        let bytes: Int64 = cut.map(\.bytes).reduce(0, +)
        #expect(bytes == 2_700 + 30 + 40)
    }
}

import CloudTrail
import Deflate
import Foundation
import TestSupport
import Testing
import TrailStore

/// A log file on disk as plain JSON is billed at the size CloudTrail's gzip object would have.
@Suite("Billed size of plain-JSON files")
struct BilledSizeTests {
    @Test func aGunzippedDeliveryBillsAsItsGzipAndIsMarkedEstimated() throws {
        let root = Scratch.directory("billed")
        defer { try? FileManager.default.removeItem(at: root) }
        let gzipped = root.appendingPathComponent("gz")
        _ = try SampleTrailGenerator.write(
            SampleTrailSpec(days: 1, eventsPerDay: 4000, regions: ["us-east-1"]), to: gzipped)
        let plain = root.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let files = FileManager.default.enumerator(atPath: gzipped.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json.gz") }
        #expect(!files.isEmpty)
        for relative in files {
            let bytes = try Data(contentsOf: gzipped.appendingPathComponent(relative))
            let json = try [UInt8](bytes).withUnsafeBytes { try Gzip.decompress($0) }
            let name = (relative as NSString).lastPathComponent.replacingOccurrences(of: ".json.gz", with: ".json")
            try Data(json).write(to: plain.appendingPathComponent(name))
        }
        func billed(_ folder: URL) throws -> CatalogOrigins {
            let path = root.appendingPathComponent(folder.lastPathComponent + ".tmstore").path
            _ = try Ingestor(store: StoreFile.openForWriting(path, settings: nil)).ingest([folder.path])
            return try CatalogOrigins.of(StoreFile.openForReading(path))
        }
        let fromGzip = try billed(gzipped)
        let fromPlain = try billed(plain)
        #expect(fromGzip.estimatedFiles == 0)
        #expect(fromPlain.estimatedFiles == Int64(files.count))
        #expect(fromPlain.estimatedBytes == fromPlain.ingestedBytes)
        let difference = abs(Double(fromPlain.ingestedBytes - fromGzip.ingestedBytes)) / Double(fromGzip.ingestedBytes)
        #expect(difference < 0.02, "plain billed \(fromPlain.ingestedBytes), gzip \(fromGzip.ingestedBytes)")
    }
}

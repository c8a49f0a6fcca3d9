import Deflate
import Foundation
import Testing

@testable import CloudTrail

/// Every record of `../shared/samples/cloudtrail` (written by others), parsed and rebuilt.
@Suite("Shared samples through the reader")
struct SampleRecordTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples/cloudtrail")

    static var available: Bool { FileManager.default.fileExists(atPath: samples.path) }

    @Test(
        "Each parseable record rebuilds to the record as written",
        .enabled(if: available, "needs ../shared/samples/cloudtrail beside the repository"))
    func rebuildEveryRecord() throws {
        let files = FileManager.default.enumerator(atPath: Self.samples.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".json.gz") || $0.hasSuffix(".jsonl") }.sorted()
        var records = 0
        for file in files where !file.hasSuffix("SerializerTestFileBadJsonFormat.json") {
            let bytes = try [UInt8](Data(contentsOf: Self.samples.appendingPathComponent(file)))
            let log = try ReaderFixtures.parse(bytes, path: file)
            let text =
                log.wasGzip
                ? String(decoding: try bytes.withUnsafeBytes { try Gzip.decompress($0) }, as: UTF8.self)
                : String(decoding: bytes, as: UTF8.self)
            let originals: [Any]
            if file.hasSuffix(".jsonl") {
                originals = try text.split(separator: "\n").map {
                    try JSONSerialization.jsonObject(with: Data($0.utf8))
                }
            } else {
                let top = try JSONSerialization.jsonObject(with: Data(text.utf8))
                originals = (top as? [String: Any])?["Records"] as? [Any] ?? top as! [Any]
            }
            #expect(originals.count == log.events.count, "\(file)")
            for (row, original) in originals.enumerated() {
                #expect(
                    try RecordComparison.canonical(ReaderFixtures.rebuilt(log, row))
                        == RecordComparison.canonical(original), "\(file) record \(row + 1)")
            }
            records += originals.count
        }
        #expect(records == 824)
    }
}

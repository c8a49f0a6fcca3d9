import CloudTrail
import Foundation
import SQLite
import TestSupport
import Testing

@testable import TrailStore

@Suite("Ingest")
struct IngestTests {
    @Test("Catalog and columnar store agree on every count")
    func countsAgree() throws {
        let root = Scratch.directory("ingest")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 12, eventsPerFile: 50)
        let store = root.appendingPathComponent("trail.tmstore").path
        let report = try FixtureTrail.ingest([root.appendingPathComponent("AWSLogs")], into: store)
        #expect(report.filesAdded == 12 && report.eventsAdded == 600 && report.filesSkipped.isEmpty)
        let summary = try StoreSummary.of(try StoreFile.openForReading(store))
        #expect(summary.files == 12)
        #expect(summary.catalogEvents == 600 && summary.columnarEvents == 600)
        #expect(summary.regions == ["ap-northeast-1", "us-east-1"] && summary.accounts == ["123456789012"])
        #expect(summary.firstEventMs == 1_642_809_600_000)
        #expect(summary.rawCompressedBytes == report.compressedBytesIn)
        #expect(summary.columnarCompressedBytes == summary.columns.reduce(0) { $0 + $1.compressedBytes })
        // 12 files, 2 regions, 20 minutes apart per region pair: 6 x 20 min = 2 hours of events.
        #expect(summary.segments == 2)
    }

    @Test("Ingesting the same folder twice leaves the store file byte for byte unchanged")
    func reingestIsANoOp() throws {
        let root = Scratch.directory("reingest")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 6, eventsPerFile: 20)
        let store = root.appendingPathComponent("trail.tmstore").path
        _ = try FixtureTrail.ingest([root.appendingPathComponent("AWSLogs")], into: store)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let again = try FixtureTrail.ingest([root.appendingPathComponent("AWSLogs")], into: store)
        #expect(again.filesAdded == 0 && again.filesAlreadyPresent.count == 6)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }

    @Test("Batch boundaries and split runs do not change what is stored")
    func batchingIsInvisible() throws {
        let root = Scratch.directory("batching")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try FixtureTrail.write(to: root, files: 10, eventsPerFile: 40)
        let oneBatch = root.appendingPathComponent("one.tmstore").path
        let manyBatches = root.appendingPathComponent("many.tmstore").path
        let twoRuns = root.appendingPathComponent("two.tmstore").path
        _ = try FixtureTrail.ingest([root.appendingPathComponent("AWSLogs")], into: oneBatch)
        let small = try FixtureTrail.ingest([root.appendingPathComponent("AWSLogs")], into: manyBatches, batchBytes: 1)
        #expect(small.batchesCommitted == 10)
        // Split at a delivery time, so that file ids (given in delivery order) match the single run's.
        _ = try FixtureTrail.ingest(Array(files[..<6]), into: twoRuns)
        _ = try FixtureTrail.ingest(Array(files[6...]), into: twoRuns)
        let expected = try FixtureTrail.chunkDump(oneBatch)
        #expect(!expected.isEmpty)
        #expect(try FixtureTrail.chunkDump(manyBatches) == expected)
        #expect(try FixtureTrail.chunkDump(twoRuns) == expected)
        #expect(try FixtureTrail.catalogDump(twoRuns) == FixtureTrail.catalogDump(oneBatch))
    }

    @Test("A run stopped between batches keeps the committed batches, whole, and a later run completes it")
    func interruptedRun() throws {
        let root = Scratch.directory("interrupt")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 8, eventsPerFile: 25)
        let store = root.appendingPathComponent("trail.tmstore").path
        let stopped = try FixtureTrail.ingest(
            [root.appendingPathComponent("AWSLogs")], into: store, batchBytes: 1, stopAfterBatches: 3)
        #expect(stopped.interrupted && stopped.filesAdded == 3)
        let partial = try StoreSummary.of(try StoreFile.openForReading(store))
        #expect(partial.files == 3 && partial.catalogEvents == 75 && partial.columnarEvents == 75)
        let rest = try FixtureTrail.ingest([root.appendingPathComponent("AWSLogs")], into: store)
        #expect(rest.filesAdded == 5 && rest.filesAlreadyPresent.count == 3)
        let full = try StoreSummary.of(try StoreFile.openForReading(store))
        #expect(full.catalogEvents == 200 && full.columnarEvents == 200)
    }

    @Test("Unreadable files are reported with path and reason, and the run goes on")
    func badFilesAreSkipped() throws {
        let root = Scratch.directory("bad")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try FixtureTrail.write(to: root, files: 3, eventsPerFile: 10)
        var corrupt = try Data(contentsOf: files[1])
        corrupt[corrupt.count / 2] ^= 0xFF
        corrupt[corrupt.count / 2 + 1] ^= 0xFF
        try corrupt.write(to: files[1])
        try Data(#"{"Records":[{"eventName":"A"},"#.utf8).write(to: root.appendingPathComponent("cut.json"))
        let store = root.appendingPathComponent("trail.tmstore").path
        let report = try FixtureTrail.ingest(
            [root.appendingPathComponent("AWSLogs"), root.appendingPathComponent("cut.json")], into: store)
        #expect(report.filesAdded == 2 && report.eventsAdded == 20)
        #expect(
            report.filesSkipped.map(\.path).sorted()
                == [files[1].path, root.appendingPathComponent("cut.json").path].sorted())
        #expect(report.filesSkipped.contains { $0.reason.contains("corrupt or truncated gzip") })
        #expect(report.filesSkipped.contains { $0.reason.contains("line 1, column 31") })
    }

    @Test("A store keeps its settings; other settings are refused, and non-stores are refused")
    func settings() throws {
        let root = Scratch.directory("settings")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("trail.tmstore").path
        _ = try StoreFile.openForWriting(store, settings: StoreSettings(segmentSpanMs: 86_400_000, codec: .none))
        #expect(try StoreFile.openForReading(store).settings == StoreSettings(segmentSpanMs: 86_400_000, codec: .none))
        #expect(throws: TrailStoreError.self) { try StoreFile.openForWriting(store, settings: .standard) }
        let other = root.appendingPathComponent("other.sqlite").path
        try Connection(path: other).execute("CREATE TABLE t(x)")
        #expect(throws: TrailStoreError.self) { try StoreFile.openForReading(other) }
        #expect(throws: TrailStoreError.self) { try StoreFile.openForWriting(other, settings: nil) }
    }
}

@Suite("Column chunks")
struct ChunkTests {
    @Test(
        "Encode, compress, decompress and decode give back the values, NULLs and empty strings included",
        arguments: [ChunkCodec.none, .standard, .deflate(level: 1), .deflate(level: 12)])
    func roundTrip(_ codec: ChunkCodec) throws {
        var values = ColumnValues()
        let texts: [String?] = ["a", nil, "", "héllo", nil, String(repeating: "x", count: 300), "z"]
        for text in texts {
            if let text {
                var copy = text
                copy.withUTF8 { values.append(UnsafeRawBufferPointer($0)) }
            } else {
                values.append(nil)
            }
        }
        let order = [6, 5, 4, 3, 2, 1, 0]
        let encoded = ChunkEncoding.encode(values, order: order)
        let stored = ChunkEncoding.compress(encoded, codec: codec)
        let decoded = try stored.withUnsafeBytes {
            try ChunkEncoding.decompress($0, encodedSize: encoded.count, codec: codec)
        }
        let back = try decoded.withUnsafeBytes { try ChunkEncoding.decode($0) }
        #expect((0..<back.count).map { back.string($0) } == order.map { texts[$0] })
    }

    @Test("A damaged chunk is an error, not garbage")
    func damaged() throws {
        var values = ColumnValues()
        for text in ["one", "two", "three"] {
            var copy = text
            copy.withUTF8 { values.append(UnsafeRawBufferPointer($0)) }
        }
        let encoded = ChunkEncoding.encode(values, order: [0, 1, 2])
        #expect(throws: ChunkEncoding.DecodeFailure.self) {
            try Array(encoded.dropLast()).withUnsafeBytes { try ChunkEncoding.decode($0) }
        }
        let stored = ChunkEncoding.compress(encoded, codec: .standard)
        #expect(throws: ChunkEncoding.DecodeFailure.self) {
            try stored.withUnsafeBytes {
                try ChunkEncoding.decompress($0, encodedSize: encoded.count + 1, codec: .standard)
            }
        }
    }

    @Test(
        "Codec names",
        arguments: [
            ("none", ChunkCodec.none), ("deflate", .standard), ("deflate:9", .deflate(level: 9)),
            ("zlib:1", .deflate(level: 1)),
        ])
    func codecNames(_ pair: (String, ChunkCodec)) {
        #expect(ChunkCodec(pair.0) == pair.1)
    }

    @Test("Bad codec names are refused", arguments: ["gzip", "deflate:0", "deflate:13", "deflate:x"])
    func badCodecNames(_ name: String) {
        #expect(ChunkCodec(name) == nil)
    }
}

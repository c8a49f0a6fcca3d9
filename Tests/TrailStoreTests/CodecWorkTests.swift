import CloudTrail
import Deflate
import Foundation
import SQLite
import TestSupport
import Testing
import TrailStore

/// `bench ingest` states what the store's codec alone costs by compressing every stored chunk
/// again; the figure only means something if the chunks it compresses are the store's, whole.
@Suite("The store's codec, measured again")
struct CodecWorkTests {
    private static func trail(in root: URL) throws -> URL {
        let spec = SampleTrailSpec(
            days: 1, eventsPerDay: 1_500, regions: ["us-east-1"], accounts: 1, seed: 3,
            start: TrailDate(year: 2022, month: 2, day: 1))
        let folder = root.appendingPathComponent("trail")
        _ = try SampleTrailGenerator.write(spec, to: folder)
        return folder
    }

    private static func chunkTotals(_ path: String, codec: String) throws -> (
        count: Int64, encoded: Int64, stored: Int64
    ) {
        let connection = try Connection(path: path, mode: .readOnly)
        let statement = try connection.prepare(
            "SELECT count(*), coalesce(sum(encoded_bytes), 0), coalesce(sum(length(data)), 0) FROM chunks WHERE codec = ?"
        )
        try statement.bind([.text(codec)])
        _ = try statement.step()
        return (statement.int64(at: 0), statement.int64(at: 1), statement.int64(at: 2))
    }

    @Test("Every deflate chunk is compressed again, to the bytes stored")
    func everyChunkAgain() throws {
        let root = Scratch.directory("codec-work")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("trail.tmstore").path
        _ = try FixtureTrail.ingest([try Self.trail(in: root)], into: store)
        let work = try CodecWork.measure(try StoreFile.openForReading(store), workers: 2)
        let totals = try Self.chunkTotals(store, codec: ChunkCodec.standard.description)
        #expect(totals.count > 24)
        #expect(Int64(work.chunks) == totals.count)
        #expect(work.encodedBytes == totals.encoded)
        #expect(work.compressedBytes == totals.stored)
        #expect(work.uncompressedChunks == 0)
        #expect(work.mismatches == 0)
        #expect(work.compressSeconds > 0)
    }

    @Test("A chunk stored at another level is counted as a mismatch")
    func otherBytesAreCounted() throws {
        let root = Scratch.directory("codec-work-mismatch")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("trail.tmstore").path
        _ = try FixtureTrail.ingest([try Self.trail(in: root)], into: store)
        // The largest chunk rewritten at level 9: it inflates to the same encoded bytes, but a
        // store codec of deflate:2 does not produce it.
        let connection = try Connection(path: store, mode: .readWrite)
        let largest = try connection.prepare(
            "SELECT rowid, encoded_bytes, data FROM chunks ORDER BY encoded_bytes DESC LIMIT 1")
        #expect(try largest.step())
        let rowid = largest.int64(at: 0)
        let encoded = largest.withBlob(at: 2) { RawDeflate.inflate($0, size: Int(largest.int64(at: 1))) }
        largest.reset()
        let strongest = try #require(encoded).withUnsafeBytes { DeflateCompressor(level: 9).rawDeflate($0) }
        let update = try connection.prepare("UPDATE chunks SET data = ? WHERE rowid = ?")
        try strongest.withUnsafeBytes { try update.bindBlob($0, at: 1) }
        try update.bind(.integer(rowid), at: 2)
        _ = try update.step()
        let work = try CodecWork.measure(try StoreFile.openForReading(store), workers: 1)
        #expect(work.mismatches == 1)
        #expect(work.chunks == Int(try Self.chunkTotals(store, codec: ChunkCodec.standard.description).count))
    }

    @Test("A store of uncompressed chunks has no codec work")
    func uncompressedStore() throws {
        let root = Scratch.directory("codec-work-none")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("trail.tmstore").path
        _ = try StoreFile.openForWriting(store, settings: StoreSettings(segmentSpanMs: 3_600_000, codec: .none))
        _ = try FixtureTrail.ingest([try Self.trail(in: root)], into: store)
        let work = try CodecWork.measure(try StoreFile.openForReading(store), workers: 2)
        #expect(work.chunks == 0)
        #expect(Int64(work.uncompressedChunks) == (try Self.chunkTotals(store, codec: "none").count))
        #expect(work.uncompressedChunks > 0)
        #expect(work.compressSeconds == 0)
    }
}

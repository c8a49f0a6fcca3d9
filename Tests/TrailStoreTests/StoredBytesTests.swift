import CloudTrail
import Foundation
import SQLite
import TestSupport
import Testing
import TrailStore

/// What an ingest stores is fixed by the events, not by how the ingest gets there: batch sizes,
/// the parse/commit pipeline and the parser's internals must leave every stored byte as it was.
@Suite("Stored bytes stay the same")
struct StoredBytesTests {
    /// FNV-1a (64 bits) of the store's chunks, event sizes and catalog, as the ingest of
    /// commit c754b1a (before the ingest was made faster) wrote them for `trail(in:)`, with store
    /// format 5's `emptyobjects` chunks added (every other chunk's bytes, sizes and statistics were
    /// compared equal to format 4's when that column came; only `_file_id`'s column id moved).
    static let storedDigest: UInt64 = 3_793_509_987_311_190_346

    /// Two days of a generated trail over two accounts and two regions, with Insights events and
    /// CloudTrail Lake's other record kinds, so that every reader path and column family is stored.
    static func trail(in root: URL) throws -> URL {
        var spec = SampleTrailSpec(
            days: 2, eventsPerDay: 3_000, regions: ["us-east-1", "eu-west-1"], accounts: 2, seed: 7,
            start: TrailDate(year: 2022, month: 5, day: 30))
        spec.otherKinds = [.insights, .config, .integration]
        let folder = root.appendingPathComponent("trail")
        _ = try SampleTrailGenerator.write(spec, to: folder)
        return folder
    }

    /// Everything the store holds about the events, in a fixed order, one line per row.
    static func contents(_ path: String) throws -> [String] {
        let connection = try Connection(path: path, mode: .readOnly)
        let statement = try connection.prepare(
            """
            SELECT s.bucket_start_ms, hex(z.data) FROM segments s LEFT JOIN event_sizes z ON z.segment_id = s.id
            ORDER BY s.bucket_start_ms
            """)
        var rows: [String] = []
        while try statement.step() {
            rows.append((0..<2).map { "\(statement.value(at: Int32($0)))" }.joined(separator: "|"))
        }
        return try FixtureTrail.chunkDump(path) + FixtureTrail.catalogDump(path) + rows
    }

    static func digest(_ lines: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in lines {
            for byte in line.utf8 + [0x0A] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return hash
    }

    @Test("One batch or many, the ingest stores the bytes the earlier ingest stored")
    func sameBytesWhateverTheBatches() throws {
        let root = Scratch.directory("stored-bytes")
        defer { try? FileManager.default.removeItem(at: root) }
        let trail = try Self.trail(in: root)
        let whole = root.appendingPathComponent("whole.tmstore").path
        let pieces = root.appendingPathComponent("pieces.tmstore").path
        _ = try FixtureTrail.ingest([trail], into: whole)
        // Small batches: most segments are written, read back and rewritten several times.
        let report = try FixtureTrail.ingest([trail], into: pieces, batchBytes: 400_000)
        #expect(report.batchesCommitted > 10)
        let contents = try Self.contents(whole)
        #expect(try Self.contents(pieces) == contents)
        #expect(Self.digest(contents) == Self.storedDigest, "digest \(Self.digest(contents))")
    }
}

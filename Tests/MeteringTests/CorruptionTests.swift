import CloudTrail
import Foundation
import Metering
import SQLite
import Testing
import TrailStore

/// A damaged store answers exactly as it did before the damage, or fails: never a different
/// answer with success (issue 10, item 4).
@Suite struct CorruptionTests {
    /// A small store: one day of 800 events, so 24 segments in a file of a few pages.
    static let clean: (directory: URL, store: String) = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corruption-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let trail = directory.appendingPathComponent("trail")
        _ = try! SampleTrailGenerator.write(SampleTrailSpec(days: 1, eventsPerDay: 800, seed: 7), to: trail)
        let store = directory.appendingPathComponent("clean.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(store, settings: nil)).ingest([trail.path])
        return (directory, store)
    }()

    static let queries = [
        "SELECT count(*) FROM t",
        "SELECT * FROM t ORDER BY eventid",
        "SELECT eventname, count(*), min(eventtime), max(eventtime) FROM t GROUP BY 1 ORDER BY 1",
        "SELECT eventid FROM t WHERE eventtime >= '2022-01-01T06:00:00Z' AND eventtime < '2022-01-01T09:00:00Z' ORDER BY 1",
    ]

    /// Rows and bytes metered of each query, or nil when the store refused to answer.
    static func answers(_ path: String) -> [String]? {
        do {
            let store = try MeteredStore(path: path, clock: TestCorpus.clock)
            return try queries.map { sql in
                let result = try store.run(sql)
                return "\(result.rows)|\(result.columnar.bytesScanned)|\(result.raw.bytesScanned)"
            }
        } catch {
            return nil
        }
    }

    @Test("A byte flipped anywhere in the store gives the clean answers or an error, at 200 offsets")
    func flippedBytes() throws {
        let expected = try #require(Self.answers(Self.clean.store))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.clean.store))
        var refused = 0
        var same = 0
        for index in 0..<200 {
            // Spread over the file, off the page grid, so headers, cells and blobs all get hit.
            let offset = (index * bytes.count / 200 + index * 37) % bytes.count
            var damaged = bytes
            damaged[offset] ^= UInt8(1 << (index % 8))
            let path = Self.clean.directory.appendingPathComponent("flip-\(index).tmstore").path
            try damaged.write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let answers = Self.answers(path) else {
                refused += 1
                continue
            }
            #expect(answers == expected, "byte \(offset) flipped: a different answer without an error")
            same += 1
        }
        #expect(refused > 0)
        print("corruption: \(refused) of 200 refused, \(same) answered as the clean store")
    }

    @Test("verify passes a clean store and names the chunk whose bytes changed")
    func verifyFindsDamage() throws {
        let store = try StoreFile.openForReading(Self.clean.store)
        #expect(try StoreVerifier.verify(store).faults.isEmpty)
        // Flip a byte inside one chunk's blob, found through SQLite so the test knows where it is.
        let copy = Self.clean.directory.appendingPathComponent("chunk-flip.tmstore").path
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: Self.clean.store, toPath: copy)
        let writer = try Connection(path: copy, mode: .readWrite)
        try writer.execute(
            "UPDATE chunks SET data = substr(data, 1, 10) || x'00' || substr(data, 12) WHERE rowid = (SELECT min(rowid) FROM chunks WHERE length(data) > 40 AND column_id = 3)"
        )
        let faults = try StoreVerifier.verify(try StoreFile.openForReading(copy)).faults
        #expect(faults.count == 1)
        #expect(faults.first?.contains("checksum mismatch") == true)
    }

    @Test("A store of format 1 (before checksums) is refused with a request to re-ingest")
    func formatOneRefused() throws {
        let copy = Self.clean.directory.appendingPathComponent("format1.tmstore").path
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: Self.clean.store, toPath: copy)
        try Connection(path: copy, mode: .readWrite).execute("UPDATE meta SET value = '1' WHERE key = 'format'")
        #expect {
            try StoreFile.openForReading(copy)
        } throws: {
            "\($0)".contains("re-ingest")
        }
    }

    @Test("A hot journal left by an interrupted write is rolled back when the store is opened for reading")
    func hotJournal() throws {
        let expected = try #require(Self.answers(Self.clean.store))
        let live = Self.clean.directory.appendingPathComponent("live.tmstore").path
        let crashed = Self.clean.directory.appendingPathComponent("crashed.tmstore").path
        for path in [live, crashed, live + "-journal", crashed + "-journal"] {
            try? FileManager.default.removeItem(atPath: path)
        }
        try FileManager.default.copyItem(atPath: Self.clean.store, toPath: live)
        // A write in flight with a tiny cache spills changed pages into the file before the
        // commit; copying the file and its journal then is what a crash (or a full disk) leaves.
        let writer = try Connection(path: live, mode: .readWrite)
        try writer.execute("PRAGMA cache_size = 1")
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("DELETE FROM chunks")
        try writer.execute("DELETE FROM files")
        try FileManager.default.copyItem(atPath: live, toPath: crashed)
        try FileManager.default.copyItem(atPath: live + "-journal", toPath: crashed + "-journal")
        try writer.execute("ROLLBACK")
        #expect(FileManager.default.fileExists(atPath: crashed + "-journal"))
        #expect(Self.answers(crashed) == expected)
        #expect(!FileManager.default.fileExists(atPath: crashed + "-journal"))
    }
}

/// Each query reads one committed state, catalog and chunks alike, and a store opened before an
/// ingest committed sees the commit in its next query (issue 10, item 7: a query during an
/// ingest counted rows of a half-seen commit).
@Suite struct SnapshotTests {
    @Test("A store opened before an ingest's commit answers from the new state afterwards, both layouts agreeing")
    func readerFollowsCommits() throws {
        let directory = CorruptionTests.clean.directory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        let store = directory.appendingPathComponent("s.tmstore").path
        let more = directory.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CorruptionTests.clean.store, toPath: store)
        _ = try SampleTrailGenerator.write(
            SampleTrailSpec(days: 1, eventsPerDay: 500, seed: 9, start: TrailDate(year: 2022, month: 1, day: 1)),
            to: more)
        let reader = try MeteredStore(path: store, clock: TestCorpus.clock)
        #expect(try reader.run("SELECT count(*) FROM t").rows == [[.integer(800)]])
        // The same hours: the ingest rewrites segments the reader has already catalogued.
        _ = try Ingestor(store: try StoreFile.openForWriting(store, settings: nil)).ingest([more.path])
        #expect(try reader.run("SELECT count(*) FROM t").rows == [[.integer(1300)]])
        let all = try reader.run("SELECT eventid, eventname FROM t ORDER BY eventid", verify: true)
        #expect(all.rows.count == 1300)
        #expect(all.verification?.rowsMatch == true)
    }
}

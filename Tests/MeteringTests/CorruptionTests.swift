import CloudTrail
import Foundation
import Metering
import SQLite
import TestSupport
import Testing
import TrailStore

/// A damaged store answers exactly as it did before the damage, or fails: never a different
/// answer with success (issue 10, item 4).
@Suite struct CorruptionTests {
    /// A small store: one day of 800 events, so 24 segments in a file of a few pages; a sampled
    /// ingest (half the files), so the store holds sample cells too.
    static let clean: (directory: URL, store: String) = {
        let directory = Scratch.directory("corruption")
        let trail = directory.appendingPathComponent("trail")
        _ = try! SampleTrailGenerator.write(SampleTrailSpec(days: 1, eventsPerDay: 800, seed: 7), to: trail)
        let store = directory.appendingPathComponent("clean.tmstore").path
        var options = IngestOptions()
        options.sample = try! SampleSpec("50%", seed: 1)
        _ = try! Ingestor(store: try! StoreFile.openForWriting(store, settings: nil), options: options).ingest([
            trail.path
        ])
        return (directory, store)
    }()

    /// The clean store with a listing of another account's objects (one an Insights delivery)
    /// imported: it holds listed files and partitions too.
    static let withListing: String = {
        let store = clean.directory.appendingPathComponent("listed.tmstore").path
        try! FileManager.default.copyItem(atPath: clean.store, toPath: store)
        let keys = (0..<12).map { index in
            let (folder, day) = (index == 0 ? "CloudTrail-Insight" : "CloudTrail", 1 + index % 3)
            return
                "AWSLogs/999988887777/\(folder)/us-east-1/2022/01/0\(day)/999988887777_\(folder)_us-east-1_2022010\(day)T0\(index % 10)00Z_x\(index).json.gz"
        }
        let listing = clean.directory.appendingPathComponent("listing.txt")
        let lines = keys.enumerated().map { "2022-01-03 00:00:00 \(1_000 + $0.offset * 7) \($0.element)" }
        try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: listing)
        _ = try! ListingImporter(store: try! StoreFile.openForWriting(store, settings: nil)).importListings([
            listing.path
        ])
        return store
    }()

    static let queries = [
        "SELECT count(*) FROM t",
        "SELECT * FROM t ORDER BY eventid",
        "SELECT eventname, count(*), min(eventtime), max(eventtime) FROM t GROUP BY 1 ORDER BY 1",
        "SELECT eventid FROM t WHERE eventtime >= '2022-01-01T06:00:00Z' AND eventtime < '2022-01-01T09:00:00Z' ORDER BY 1",
    ]

    /// 06:30 to 08:15: the window's edges cut two one-hour segments, whose eventTime chunks the
    /// event-window meter reads.
    static let cutWindow = TimeWindow(lowerMs: 1_641_018_600_000, upperMs: 1_641_024_900_000)

    /// Rows and bytes metered of each query, the event-window meter's bytes (Logs Insights) over
    /// everything and over a window, and the sample's cells; nil when the store refused to answer.
    static func answers(_ path: String) -> [String]? {
        do {
            let store = try MeteredStore(path: path, clock: TestCorpus.clock)
            let rows = try queries.map { sql in
                let result = try store.run(sql)
                return "\(result.rows)|\(result.columnar.bytesScanned)|\(result.raw.bytesScanned)"
            }
            let logsInsights = try [nil, cutWindow].map { window in
                let measured = try store.eventWindowBytes(window)
                return "\(measured.bytesScanned)|\(measured.eventsScanned)"
            }
            let opened = try StoreFile.openForReading(path)
            let cells = try StoredSample.cells(of: opened).map { "\($0)" }
            return rows + logsInsights + cells + ["\(try CatalogOrigins.of(opened))"]
        } catch {
            return nil
        }
    }

    /// Offsets of the cells (and the page header and cell pointers) of the one page holding
    /// `table`, from the page's own header (SQLite's file format: the cell content area starts at
    /// bytes 5-6 of a b-tree page header, the cell count at 3-4).
    static func offsetsOfTable(_ table: String, in bytes: Data, store: String) throws -> [Int] {
        let connection = try Connection(path: store, mode: .readOnly)
        let pageSize = Int(try #require(try connection.scalar("PRAGMA page_size")?.integer))
        let root = Int(
            try #require(try connection.scalar("SELECT rootpage FROM sqlite_schema WHERE name = '\(table)'")?.integer))
        let start = (root - 1) * pageSize
        // A table leaf page, or an index leaf page for a table WITHOUT ROWID.
        #expect([0x0D, 0x0A].contains(bytes[start]), "\(table) should fit in one leaf page")
        let cells = Int(bytes[start + 3]) << 8 | Int(bytes[start + 4])
        let content = Int(bytes[start + 5]) << 8 | Int(bytes[start + 6])
        return Array(start..<(start + 8 + 2 * cells))
            + Array((start + (content == 0 ? 65_536 : content))..<(start + pageSize))
    }

    /// Flips one bit at each of `offsets` in a copy of `store`; every copy must answer as `store`
    /// does or refuse. Returns how many refused; with `verifying`, a copy that answers but
    /// `verify` finds at fault counts as refused too (rows no query reads, such as listed files).
    static func flipEach(
        _ offsets: [Int], in bytes: Data, label: String, of store: String = clean.store, verifying: Bool = false
    ) throws -> Int {
        let expected = try #require(answers(store))
        var refused = 0
        for (index, offset) in offsets.enumerated() {
            var damaged = bytes
            damaged[offset] ^= UInt8(1 << (index % 8))
            let path = clean.directory.appendingPathComponent("\(label)-\(index).tmstore").path
            try damaged.write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let answers = answers(path) else {
                refused += 1
                continue
            }
            if verifying, (try? StoreVerifier.verify(StoreFile.openForReading(path)).faults.isEmpty) != true {
                refused += 1
            }
            #expect(answers == expected, "\(label): byte \(offset) flipped: a different answer without an error")
        }
        return refused
    }

    @Test("A byte flipped anywhere in the store gives the clean answers or an error, at 200 offsets")
    func flippedBytes() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.clean.store))
        // Spread over the file, off the page grid, so headers, cells and blobs all get hit.
        let offsets = (0..<200).map { index in (index * bytes.count / 200 + index * 37) % bytes.count }
        let refused = try Self.flipEach(offsets, in: bytes, label: "flip")
        #expect(refused > 0)
        print("corruption: \(refused) of 200 refused, \(200 - refused) answered as the clean store")
    }

    @Test(
        "A byte flipped in the event sizes (Logs Insights' bytes) or the sample cells gives the clean answers or an error",
        arguments: [("event_sizes", 48), ("sample_cells", 24)])
    func flippedBytesInSizesAndCells(table: String, flips: Int) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.clean.store))
        let candidates = try Self.offsetsOfTable(table, in: bytes, store: Self.clean.store)
        let offsets = (0..<flips).map { candidates[$0 * candidates.count / flips] }
        let refused = try Self.flipEach(offsets, in: bytes, label: table)
        // Some flips change nothing read (a rowid, the page's free-space fields): those answer as before.
        #expect(refused > 0)
        print("corruption of \(table): \(refused) of \(flips) refused, \(flips - refused) answered as the clean store")
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

    @Test(
        "verify names the event_sizes row and the sample cell that changed, and a sample cell that vanished",
        arguments: [
            (
                "UPDATE event_sizes SET data = x'00' || substr(data, 2) WHERE segment_id = (SELECT min(segment_id) FROM event_sizes)",
                "event_sizes row of segment"
            ),
            (
                "DELETE FROM event_sizes WHERE segment_id = (SELECT max(segment_id) FROM event_sizes)",
                "event_sizes: no row for segment"
            ),
            ("UPDATE sample_cells SET sampled_files = sampled_files + 1 WHERE rowid = 1", "sample_cells row ("),
            ("DELETE FROM sample_cells WHERE rowid = 1", "sample_cells: "),
        ])
    func verifyFindsDamagedSizesAndCells(change: String, fault: String) throws {
        let copy = Self.clean.directory.appendingPathComponent("table-\(UUID().uuidString).tmstore").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: Self.clean.store, toPath: copy)
        try Connection(path: copy, mode: .readWrite).execute(change)
        let faults = try StoreVerifier.verify(try StoreFile.openForReading(copy)).faults
        #expect(faults.count == 1 && faults.first?.contains(fault) == true, "\(faults)")
        #expect(Self.answers(copy) == nil)
    }

    @Test(
        "A byte flipped in the listing tables gives the clean answers or an error, and verify finds it",
        arguments: [("listed_files", 24), ("listed_partitions", 24)])
    func flippedBytesInListingTables(table: String, flips: Int) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.withListing))
        let candidates = try Self.offsetsOfTable(table, in: bytes, store: Self.withListing)
        let offsets = (0..<flips).map { candidates[$0 * candidates.count / flips] }
        let refused = try Self.flipEach(offsets, in: bytes, label: table, of: Self.withListing, verifying: true)
        #expect(refused > flips / 2)
        print("corruption of \(table): \(refused) of \(flips) refused or found by verify")
    }

    @Test(
        "verify passes listed files and names the listing row that changed; queries answer as before or fail",
        arguments: [
            (
                "UPDATE listed_files SET bytes = bytes + 1 WHERE s3_key = (SELECT min(s3_key) FROM listed_files)",
                "listed_files row AWSLogs/999988887777/"
            ),
            (
                "UPDATE listed_partitions SET folder = 'CloudTrail-Insigh' WHERE folder = 'CloudTrail-Insight'",
                "listed_partitions row"
            ),
            ("UPDATE listed_partitions SET organization_id = 'o-x' WHERE day = '2022/01/02'", "listed_partitions row"),
            ("DELETE FROM meta WHERE key = 'listed_bytes'", "meta table"),
        ])
    func verifyFindsDamagedListingRows(change: String, fault: String) throws {
        let clean = try StoreVerifier.verify(try StoreFile.openForReading(Self.withListing))
        #expect(clean.faults.isEmpty && clean.listedFiles == 12)
        let copy = Self.clean.directory.appendingPathComponent("listing-\(UUID().uuidString).tmstore").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: Self.withListing, toPath: copy)
        try Connection(path: copy, mode: .readWrite).execute(change)
        let found: [String]
        do { found = try StoreVerifier.verify(try StoreFile.openForReading(copy)).faults } catch {
            found = ["\(error)"]
        }
        #expect(found.contains { $0.contains(fault) }, "\(found)")
        let answers = Self.answers(copy)
        #expect(answers == nil || answers == Self.answers(Self.withListing))
    }

    @Test(
        "A store of format 1 (before checksums), 3 (before sizes and cells had theirs), 4 (before empty objects) or without the listing tables is refused with a request to re-ingest",
        arguments: [
            ("format1", "UPDATE meta SET value = '1' WHERE key = 'format'", "checksums"),
            ("format3", "UPDATE meta SET value = '3' WHERE key = 'format'", "sample cells"),
            ("format4", "UPDATE meta SET value = '4' WHERE key = 'format'", "empty objects"),
            ("no-listing-tables", "DROP TABLE listed_partitions; DROP TABLE listed_files", "listings"),
        ])
    func olderFormatRefused(label: String, change: String, reason: String) throws {
        let copy = Self.clean.directory.appendingPathComponent("\(label).tmstore").path
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: Self.clean.store, toPath: copy)
        try Connection(path: copy, mode: .readWrite).execute(change)
        #expect {
            try StoreFile.openForReading(copy)
        } throws: {
            "\($0)".contains("re-ingest") && "\($0)".contains(reason)
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
        let before = try #require(try reader.run("SELECT count(*) FROM t").rows.first?.first?.integer)
        // The same hours: the ingest rewrites segments the reader has already catalogued.
        _ = try Ingestor(store: try StoreFile.openForWriting(store, settings: nil)).ingest([more.path])
        #expect(try reader.run("SELECT count(*) FROM t").rows == [[.integer(before + 500)]])
        let all = try reader.run("SELECT eventid, eventname FROM t ORDER BY eventid", verify: true)
        #expect(all.rows.count == before + 500)
        #expect(all.verification?.rowsMatch == true)
    }
}

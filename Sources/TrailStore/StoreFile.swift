import CloudTrail
import Foundation
import SQLite

/// Settings fixed when a store is created.
public struct StoreSettings: Equatable, Sendable {
    /// Span of one columnar segment in milliseconds. Default one hour: CloudTrail Lake reports
    /// `calendarday` and `hour` as its partition keys, so an hour is the finest time pruning the
    /// service can do, and the columnar layout should prune no finer than it.
    public var segmentSpanMs: Int64
    /// Codec of the column chunks. Default DEFLATE level 6: ORC's default ZLIB, which CloudTrail Lake stores.
    public var codec: ChunkCodec

    public static let standard = StoreSettings(segmentSpanMs: 3_600_000, codec: .standard)

    public init(segmentSpanMs: Int64, codec: ChunkCodec) {
        self.segmentSpanMs = segmentSpanMs
        self.codec = codec
    }
}

/// One store file (SQLite): the raw-file catalog (Athena-style) and the columnar store
/// (Lake-style) built from the same log files.
public final class StoreFile {
    /// Store format written into `meta`; a different one is refused rather than misread.
    /// Format 2 added the columns of Lake's other event data stores, which moved `_file_id`;
    /// format 3 added checksums to the catalog, chunks and meta; format 4 to `event_sizes` (a
    /// row for every segment) and `sample_cells` (with their count in meta), and holds the
    /// listing tables and `files.size_estimated` (`ListingTables`); format 5 added `emptyobjects`,
    /// which moved `_file_id` again. Older stores are
    /// refused with a request to re-ingest, since nothing in them could show that their answers
    /// are intact.
    static let formatVersion = "5"
    /// The internal column holding each event's source file id, stored after the schema columns.
    public static let fileIDColumn = EventSchema.columns.count
    /// Stored column names by column id: the schema's, then the internal file-id column.
    public static let storedColumnNames = EventSchema.columns.map(\.name) + ["_file_id"]

    /// The SQLite connection.
    public let connection: Connection
    /// The file's path.
    public let path: String
    /// The store's settings.
    public let settings: StoreSettings
    /// Held by a store opened for writing: no other writer until this one is released.
    private let writerLock: StoreWriterLock?

    /// How long a writer's commit waits for readers to finish (they hold the store's shared lock
    /// for the length of a query).
    static let writerBusyMilliseconds: Int32 = 300_000

    /// Opens an existing store read-only, for queries and inspection. A hot journal left by an
    /// interrupted write is rolled back first (which needs write access to the store's folder).
    public static func openForReading(_ path: String) throws(TrailStoreError) -> StoreFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .notAStore(path: path, detail: "no such file")
        }
        let connection: Connection
        do {
            connection = try Connection(path: path, mode: .readOnly)
            _ = try connection.scalar("SELECT count(*) FROM sqlite_schema")
        } catch  where error.isHotJournal {
            try HotJournal.rollBack(path)
            return try openForReading(path)
        } catch {
            throw .database(path: path, error)
        }
        return try StoreFile(connection: connection, path: path, requested: nil, lock: nil)
    }

    /// Opens a store for ingest, creating it with `settings` when it does not exist. An existing
    /// store keeps its own settings; asking for different ones is an error. The writer lock is
    /// taken first, before anything is read: a second writer waits up to `wait` seconds for it,
    /// then stops with `.busy`, having written nothing.
    public static func openForWriting(_ path: String, settings: StoreSettings?, wait: Double = 0)
        throws(TrailStoreError) -> StoreFile
    {
        let lock = try StoreWriterLock(storePath: path, wait: wait)
        let connection: Connection
        do { connection = try Connection(path: path, mode: .create) } catch { throw .database(path: path, error) }
        connection.setBusyTimeout(milliseconds: writerBusyMilliseconds)
        return try StoreFile(connection: connection, path: path, requested: settings, create: true, lock: lock)
    }

    private init(
        connection: Connection, path: String, requested: StoreSettings?, create: Bool = false,
        lock: StoreWriterLock?
    ) throws(TrailStoreError) {
        self.connection = connection
        self.path = path
        self.writerLock = lock
        let hasMeta = try onStore(
            path,
            try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'meta'")?.integer == 1)
        if !hasMeta {
            let isEmpty = try onStore(path, try connection.scalar("SELECT count(*) FROM sqlite_schema")?.integer == 0)
            guard create, isEmpty else {
                throw .notAStore(path: path, detail: "no TrailMeter tables in this SQLite file")
            }
            let settings = requested ?? .standard
            try onStore(path, try Self.createSchema(connection, settings: settings))
            self.settings = settings
            return
        }
        let meta = try onStore(path, try Self.readMeta(connection))
        if let format = meta["format"], ["1", "2", "3", "4"].contains(format) {
            let before =
                format == "4"
                ? "stores kept which records held empty objects (and before the catalog held bucket listings, for some)"
                : format == "3" ? "its event sizes and sample cells carried checksums" : "stores carried checksums"
            throw .notAStore(
                path: path,
                detail:
                    "store format \(format) was written before \(before); re-ingest the logs into a new store (trailmeter ingest --store NEW PATH...)"
            )
        }
        guard meta["format"] == Self.formatVersion else {
            throw .notAStore(
                path: path,
                detail: "store format \(meta["format"] ?? "?"), this TrailMeter reads \(Self.formatVersion)")
        }
        guard meta["checksum"] == Self.metaChecksum(meta) else {
            throw .damaged(path: path, detail: "meta table: checksum mismatch")
        }
        guard try onStore(path, try ListingTables.arePresent(connection)) else {
            throw .notAStore(
                path: path,
                detail:
                    "the store lacks the tables of bucket listings; re-ingest the logs into a new store (trailmeter ingest --store NEW PATH...)"
            )
        }
        guard let span = meta["segment_span_ms"].flatMap(Int64.init),
            let codec = meta["codec"].flatMap(ChunkCodec.init)
        else {
            throw .notAStore(path: path, detail: "meta table lacks segment_span_ms or codec")
        }
        settings = StoreSettings(segmentSpanMs: span, codec: codec)
        if let requested, requested != settings {
            let (name, stored, asked) =
                requested.segmentSpanMs != span
                ? ("segment span", "\(span / 60_000) min", "\(requested.segmentSpanMs / 60_000) min")
                : ("codec", codec.description, requested.codec.description)
            throw .settingsMismatch(path: path, setting: name, stored: stored, requested: asked)
        }
    }

    private static func readMeta(_ connection: Connection) throws(SQLiteError) -> [String: String] {
        let statement = try connection.prepare("SELECT key, value FROM meta")
        var meta: [String: String] = [:]
        while try statement.step() { meta[statement.text(at: 0) ?? ""] = statement.text(at: 1) }
        return meta
    }

    /// The checksum of every `meta` entry but `checksum` itself.
    private static func metaChecksum(_ meta: [String: String]) -> String {
        var hasher = RowHasher("meta")
        for (key, value) in meta.sorted(by: { $0.key < $1.key }) where key != "checksum" {
            hasher.text(key)
            hasher.text(value)
        }
        return String(hasher.digest)
    }

    /// Writes `entries` into `meta` and the checksum over the whole table. Inside a transaction.
    static func writeMeta(_ connection: Connection, _ entries: [(String, String)]) throws(SQLiteError) {
        let upsert = try connection.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
        for (key, value) in entries { try upsert.run(.text(key), .text(value)) }
        let checksum = metaChecksum(try readMeta(connection))
        try upsert.run(.text("checksum"), .text(checksum))
    }

    /// Every `meta` entry, checked against the table's checksum.
    func checkedMeta() throws(TrailStoreError) -> [String: String] {
        let meta = try onStore(path, try Self.readMeta(connection))
        guard meta["checksum"] == Self.metaChecksum(meta) else {
            throw .damaged(path: path, detail: "meta table: checksum mismatch")
        }
        return meta
    }

    /// The totals `meta` holds, checked against its checksum.
    public func readTotals() throws(TrailStoreError) -> StoreTotals {
        let meta = try checkedMeta()
        guard let files = meta["files"].flatMap(Int64.init), let events = meta["events"].flatMap(Int64.init),
            let segments = meta["segments"].flatMap(Int64.init),
            let listedFiles = meta["listed_files"].flatMap(Int64.init),
            let listedBytes = meta["listed_bytes"].flatMap(Int64.init)
        else {
            throw .damaged(path: path, detail: "meta table lacks the store's totals")
        }
        return StoreTotals(
            files: files, events: events, segments: segments, listedFiles: listedFiles, listedBytes: listedBytes)
    }

    /// Records new totals in `meta`; called inside the commit that changes them.
    func writeTotals(_ totals: StoreTotals) throws(SQLiteError) {
        try Self.writeMeta(
            connection,
            [
                ("files", String(totals.files)), ("events", String(totals.events)),
                ("segments", String(totals.segments)), ("listed_files", String(totals.listedFiles)),
                ("listed_bytes", String(totals.listedBytes)),
            ])
    }

    private static func createSchema(_ connection: Connection, settings: StoreSettings) throws(SQLiteError) {
        // Large pages: chunks are blobs of tens to hundreds of kilobytes.
        try connection.execute("PRAGMA page_size = 65536")
        try connection.transaction { () throws(SQLiteError) in
            try connection.execute(
                """
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE columns(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL);
                CREATE TABLE files(
                    id INTEGER PRIMARY KEY,
                    identity TEXT NOT NULL UNIQUE,
                    path TEXT NOT NULL,
                    s3_key TEXT,
                    organization_id TEXT,
                    account TEXT,
                    region TEXT,
                    day TEXT,
                    format TEXT NOT NULL,
                    compressed_bytes INTEGER NOT NULL,
                    uncompressed_bytes INTEGER NOT NULL,
                    events INTEGER NOT NULL,
                    first_event_ms INTEGER,
                    last_event_ms INTEGER,
                    run_id INTEGER NOT NULL,
                    checksum INTEGER NOT NULL,
                    size_estimated INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX files_partition ON files(account, region, day);
                CREATE TABLE segments(
                    id INTEGER PRIMARY KEY,
                    bucket_start_ms INTEGER NOT NULL UNIQUE,
                    events INTEGER NOT NULL,
                    min_event_ms INTEGER,
                    max_event_ms INTEGER,
                    checksum INTEGER NOT NULL
                );
                CREATE TABLE chunks(
                    segment_id INTEGER NOT NULL REFERENCES segments(id),
                    column_id INTEGER NOT NULL REFERENCES columns(id),
                    codec TEXT NOT NULL,
                    encoded_bytes INTEGER NOT NULL,
                    compressed_bytes INTEGER NOT NULL,
                    null_count INTEGER NOT NULL,
                    min_value TEXT,
                    max_value TEXT,
                    data BLOB NOT NULL,
                    data_checksum INTEGER NOT NULL,
                    row_checksum INTEGER NOT NULL,
                    PRIMARY KEY(segment_id, column_id)
                );
                CREATE TABLE ingest_runs(
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    files_added INTEGER NOT NULL DEFAULT 0,
                    events_added INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE skipped_files(run_id INTEGER NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL);
                """)
            try connection.execute(EventSizes.schema)
            try connection.execute(ListingTables.schema)
            try writeMeta(
                connection,
                [
                    ("format", formatVersion), ("segment_span_ms", String(settings.segmentSpanMs)),
                    ("codec", settings.codec.description), ("files", "0"), ("events", "0"), ("segments", "0"),
                    ("listed_files", "0"), ("listed_bytes", "0"),
                ])
            let column = try connection.prepare("INSERT INTO columns(id, name, kind) VALUES (?, ?, ?)")
            for (index, schemaColumn) in EventSchema.columns.enumerated() {
                try column.run(.integer(Int64(index)), .text(schemaColumn.name), .text(schemaColumn.kind.rawValue))
            }
            try column.run(.integer(Int64(fileIDColumn)), .text("_file_id"), .text("internal"))
        }
    }

    /// Whether a segment stores a chunk for `column`: always for the file ids and the columns that
    /// are not sparse (`EventColumn.isSparse`), and for a sparse one only when one of `rows` has a
    /// value. Readers take a missing chunk of such a column as all NULL.
    static func isStored(column: Int, values: ColumnValues, rows: [Int]) -> Bool {
        guard mayLackChunk(column: column) else { return true }
        return rows.contains { !values.isNull[$0] }
    }

    /// True for a column whose chunk a segment may lack (then all its values are NULL).
    public static func mayLackChunk(column: Int) -> Bool {
        column < EventSchema.columns.count && EventSchema.columns[column].isSparse
    }

    /// The bucket (segment key) an event time falls in; undated events share `undatedBucket`.
    public func bucket(of eventMs: Int64) -> Int64 {
        eventMs == EventTime.missing
            ? Self.undatedBucket : eventMs.dividedFloored(settings.segmentSpanMs) * settings.segmentSpanMs
    }

    /// Bucket key of the segment holding events without an `eventTime`.
    public static let undatedBucket = Int64.min
}

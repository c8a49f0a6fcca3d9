import CloudTrail
import SQLite

/// A batch ready to write: its files' catalog rows and its segments, compressed.
struct PreparedCommit: Sendable {
    var files: [CatalogFile] = []
    var locations: [LogFileLocation] = []
    let newEvents: Int
    /// Compressed bytes of the stored segments this batch's segments replace.
    let replacedBytes: Int64
    var undatedEvents = 0
    var segments: [PreparedSegment] = []

    init(newEvents: Int, replacedBytes: Int64) {
        self.newEvents = newEvents
        self.replacedBytes = replacedBytes
    }
}

/// One segment ready to write: its catalog row (id 0 when it is new), its events' JSON sizes
/// in storage order, and its chunks.
struct PreparedSegment: Sendable {
    var row: CatalogSegment
    let isNew: Bool
    let sizes: [UInt32]
    let chunks: [EncodedChunk]
}

/// What a batch's commit added, for the report.
struct CommitOutcome: Sendable {
    var runID: Int64
    var filesAdded = 0
    var eventsAdded = 0
    var undatedEventsAdded = 0
    var compressedBytesIn: Int64 = 0
    var uncompressedBytesIn: Int64 = 0
    var columnarBytesAdded: Int64 = 0
    var segmentsWritten = 0
    var writeSeconds = 0.0
}

extension IngestReport {
    mutating func record(_ outcome: CommitOutcome) {
        filesAdded += outcome.filesAdded
        eventsAdded += outcome.eventsAdded
        undatedEventsAdded += outcome.undatedEventsAdded
        compressedBytesIn += outcome.compressedBytesIn
        uncompressedBytesIn += outcome.uncompressedBytesIn
        columnarBytesAdded += outcome.columnarBytesAdded
        segmentsWritten += outcome.segmentsWritten
        batchesCommitted += 1
        phaseSeconds["write", default: 0] += outcome.writeSeconds
    }
}

/// Writes prepared batches into a store, each in one transaction. It runs on its own thread
/// while the next batch is parsed and compressed, so it is handed the store's connection: the
/// ingest touches the connection only after waiting for the write in flight (``Ingestor``'s
/// pipeline), never at the same time.
final class CommitWriter: @unchecked Sendable {
    /// Unowned: the dispatch block that ran the last write may outlive the ingest by a moment,
    /// and must not keep the store (and its writer lock) open after the ingest returns.
    private unowned let store: StoreFile
    private let startedAt: String

    init(store: StoreFile, startedAt: String) {
        self.store = store
        self.startedAt = startedAt
    }

    /// Writes `batch` (in the run `runID`, or a new run row when nil).
    func write(_ batch: PreparedCommit, runID: Int64?) throws(TrailStoreError) -> CommitOutcome {
        let connection = store.connection
        let started = ContinuousClock.now
        do {
            var outcome = try connection.transaction { () throws(SQLiteError) in
                var runID = runID
                if runID == nil {
                    try connection.prepare("INSERT INTO ingest_runs(started_at) VALUES (?)").run(.text(startedAt))
                    runID = connection.lastInsertRowID
                }
                let run = runID!
                let insertFile = try connection.prepare(
                    """
                    INSERT INTO files(\(CatalogFile.selectColumns), run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var totals = try totals()
                // A file listed before (size only) is replaced by its full entry, not counted twice.
                let unlisted = try ListedCatalog.removeListed(batch.locations, connection)
                totals.listedFiles -= unlisted.files
                totals.listedBytes -= unlisted.bytes
                func text(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
                func integer(_ value: Int64?) -> SQLiteValue { value.map(SQLiteValue.integer) ?? .null }
                for row in batch.files {
                    try insertFile.run(
                        .integer(row.id), .text(row.identity), .text(row.path), text(row.s3Key),
                        text(row.organizationID), text(row.account), text(row.region), text(row.day),
                        .text(row.format), .integer(row.compressedBytes), .integer(row.uncompressedBytes),
                        .integer(row.events), integer(row.firstEventMs), integer(row.lastEventMs),
                        .integer(row.checksum), .integer(row.sizeEstimated ? 1 : 0), .integer(run))
                }
                totals.files += Int64(batch.files.count)
                totals.events += Int64(batch.newEvents)
                totals.segments += Int64(batch.segments.count { $0.isNew })
                try store.writeTotals(totals)
                let written = try writeSegments(batch.segments)
                try connection.execute(
                    "UPDATE ingest_runs SET files_added = files_added + \(batch.files.count), events_added = events_added + \(batch.newEvents) WHERE id = \(run)"
                )
                return CommitOutcome(
                    runID: run, filesAdded: batch.files.count, eventsAdded: batch.newEvents,
                    undatedEventsAdded: batch.undatedEvents,
                    compressedBytesIn: batch.files.reduce(0) { $0 + $1.compressedBytes },
                    uncompressedBytesIn: batch.files.reduce(0) { $0 + $1.uncompressedBytes },
                    columnarBytesAdded: written - batch.replacedBytes, segmentsWritten: batch.segments.count)
            }
            let elapsed = ContinuousClock.now - started
            outcome.writeSeconds =
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return outcome
        } catch {
            throw .database(path: store.path, error)
        }
    }

    private func writeSegments(_ segments: [PreparedSegment]) throws(SQLiteError) -> Int64 {
        let connection = store.connection
        let insertSegment = try connection.prepare(
            "INSERT INTO segments(bucket_start_ms, events, min_event_ms, max_event_ms, checksum) VALUES (?, ?, ?, ?, 0)"
        )
        let updateSegment = try connection.prepare(
            "UPDATE segments SET events = ?, min_event_ms = ?, max_event_ms = ?, checksum = ? WHERE id = ?")
        let dropChunks = try connection.prepare("DELETE FROM chunks WHERE segment_id = ?")
        let putSizes = try EventSizes.prepareWrite(on: connection)
        let insertChunk = try connection.prepare(
            """
            INSERT INTO chunks(\(CatalogChunk.selectColumns), data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func integer(_ value: Int64?) -> SQLiteValue { value.map(SQLiteValue.integer) ?? .null }
        func text(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
        var written: Int64 = 0
        for segment in segments {
            var row = segment.row
            if segment.isNew {
                // The id is the rowid SQLite picks: insert, then set the checksum that covers it.
                try insertSegment.run(
                    .integer(row.bucketStartMs), .integer(row.events), integer(row.minEventMs), integer(row.maxEventMs))
                row.id = connection.lastInsertRowID
            } else {
                try dropChunks.run(.integer(row.id))
            }
            try updateSegment.run(
                .integer(row.events), integer(row.minEventMs), integer(row.maxEventMs), .integer(row.checksum),
                .integer(row.id))
            let segmentID = row.id
            try EventSizes.write(segment.sizes, segment: segmentID, with: putSizes)
            for chunk in segment.chunks {
                let stored = CatalogChunk(
                    segmentID: segmentID, column: chunk.column, codecName: store.settings.codec.description,
                    encodedBytes: Int64(chunk.encodedBytes), compressedBytes: Int64(chunk.data.count),
                    nullCount: Int64(chunk.nullCount), minValue: chunk.minValue, maxValue: chunk.maxValue,
                    dataChecksum: chunk.dataChecksum)
                try insertChunk.bind([
                    .integer(segmentID), .integer(Int64(chunk.column)), .text(stored.codecName),
                    .integer(stored.encodedBytes), .integer(stored.compressedBytes), .integer(stored.nullCount),
                    text(stored.minValue), text(stored.maxValue), .integer(stored.dataChecksum),
                    .integer(stored.checksum),
                ])
                // withUnsafeBytes rethrows untyped: the bind's error is carried out by hand.
                var bindFailure: SQLiteError?
                chunk.data.withUnsafeBytes { bytes in
                    do throws(SQLiteError) { try insertChunk.bindBlob(bytes, at: 11) } catch { bindFailure = error }
                }
                if let bindFailure { throw bindFailure }
                while try insertChunk.step() {}
                written += Int64(chunk.data.count)
            }
        }
        return written
    }

    /// The store's totals as `meta` holds them, read inside the commit's transaction.
    private func totals() throws(SQLiteError) -> StoreTotals {
        do { return try store.readTotals() } catch {
            // Damage found while writing: stop the commit rather than build on it.
            throw SQLiteError(code: 11, message: "\(error)")
        }
    }
}

/// Whether a file's bytes are already stored, looked up on a read-only connection of its own,
/// so that the lookups for one batch run while the writer commits another.
final class IdentityLookup {
    private let connection: Connection
    private let statement: Statement
    private let path: String

    init(store: StoreFile) throws(TrailStoreError) {
        path = store.path
        do {
            connection = try Connection(path: store.path, mode: .readOnly)
            // The writer's commit holds the store's lock while it syncs: wait as long as a writer would.
            connection.setBusyTimeout(milliseconds: StoreFile.writerBusyMilliseconds)
            statement = try connection.prepare("SELECT path FROM files WHERE identity = ?")
        } catch {
            throw .database(path: store.path, error)
        }
    }

    /// The stored path of each identity (nil when it is not stored, or the identity is nil).
    /// One read transaction for them all: SQLite takes its lock, and looks for a hot journal,
    /// once per batch rather than once per file.
    func storedPaths(of identities: [String?]) throws(TrailStoreError) -> [String?] {
        do {
            try connection.execute("BEGIN")
            defer { try? connection.execute("COMMIT") }
            return try identities.map { (identity) throws(SQLiteError) in
                guard let identity else { return nil }
                try statement.bind([.text(identity)])
                defer { statement.reset() }
                return try statement.step() ? statement.text(at: 0) : nil
            }
        } catch {
            throw .database(path: path, error)
        }
    }
}

import Foundation
import SQLite

/// The writing side of a listing import: rows go into `listed_files` inside a transaction that
/// is committed every `batchSize` rows together with the partition sums, the store's totals and
/// the run's count, so an interrupted load leaves a sound store and memory stays flat.
///
/// The run is recorded inside its first commit; a batch that adds nothing to a new run is
/// rolled back, so importing a listing again leaves the store file byte for byte as it was.
struct ListingLoad {
    let store: StoreFile
    let batchSize: Int
    private let insert: Statement
    private var runID: Int64?
    private var runIsNew = false
    private var rowsInBatch = 0
    private var added: (files: Int64, bytes: Int64) = (0, 0)
    private var deltas: [PartitionKey: (files: Int64, bytes: Int64)] = [:]
    /// The partition the last rows went to, summed apart: a sorted listing stays in one for
    /// thousands of rows, so the dictionary is touched once per partition, not per row.
    private var current: (key: PartitionKey, files: Int64, bytes: Int64)?

    init(store: StoreFile, batchSize: Int) throws(TrailStoreError) {
        self.store = store
        self.batchSize = batchSize
        let connection = store.connection
        // A batch's new pages stay in memory until its commit instead of spilling mid-batch.
        try onStore(store.path, try connection.execute("PRAGMA cache_size = -65536"))
        insert = try onStore(
            store.path,
            try connection.prepare(
                "INSERT INTO listed_files(s3_key, bytes, run_id, checksum) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"))
    }

    /// Adds one listed log file (nothing when its key is listed already).
    mutating func add(_ s3Key: [UInt8], size: Int64, partition: PartitionKey, report: inout ListingReport)
        throws(TrailStoreError)
    {
        do throws(SQLiteError) {
            if rowsInBatch == 0 { try begin() }
            let run = runID!
            var failure: SQLiteError?
            s3Key.withUnsafeBytes { key in
                do throws(SQLiteError) {
                    try insert.bindText(key, at: 1)
                    try insert.bind(.integer(size), at: 2)
                    try insert.bind(.integer(run), at: 3)
                    try insert.bind(
                        .integer(ListedCatalog.checksum(s3Key: key, bytes: size, runID: run)), at: 4)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            try insert.step()
            insert.reset()
            rowsInBatch += 1
            if store.connection.changes > 0 {
                if current?.key != partition {
                    foldCurrent()
                    current = (partition, 0, 0)
                }
                current!.files += 1
                current!.bytes += size
                added.files += 1
                added.bytes += size
            } else {
                report.alreadyListed += 1
            }
        } catch {
            throw .database(path: store.path, error)
        }
        if rowsInBatch >= batchSize { try commit(report: &report) }
    }

    /// Commits the open batch, if any.
    mutating func commit(report: inout ListingReport) throws(TrailStoreError) {
        guard rowsInBatch > 0 else { return }
        let connection = store.connection
        do throws(SQLiteError) {
            if added.files == 0 && runIsNew {
                // Nothing new: leave the store untouched, byte for byte.
                try connection.execute("ROLLBACK")
                runID = nil
            } else {
                foldCurrent()
                try ListedCatalog.add(deltas, connection)
                var totals: StoreTotals
                do { totals = try store.readTotals() } catch {
                    // Damage found while writing: stop the commit rather than build on it.
                    throw SQLiteError(code: 11, message: "\(error)")
                }
                totals.listedFiles += added.files
                totals.listedBytes += added.bytes
                try store.writeTotals(totals)
                try connection.execute(
                    "UPDATE ingest_runs SET files_added = files_added + \(added.files) WHERE id = \(runID!)")
                try connection.execute("COMMIT")
                report.filesAdded += Int(added.files)
                report.bytesAdded += added.bytes
            }
        } catch {
            abandon()
            throw .database(path: store.path, error)
        }
        rowsInBatch = 0
        added = (0, 0)
        deltas.removeAll(keepingCapacity: true)
        current = nil
    }

    /// Rolls back the open batch after a failure.
    mutating func abandon() {
        if store.connection.isInTransaction { try? store.connection.execute("ROLLBACK") }
        if runIsNew { runID = nil }
        rowsInBatch = 0
    }

    private mutating func begin() throws(SQLiteError) {
        let connection = store.connection
        try connection.execute("BEGIN IMMEDIATE")
        runIsNew = runID == nil
        if runIsNew {
            try connection.prepare("INSERT INTO ingest_runs(started_at) VALUES (?)")
                .run(.text(ISO8601DateFormatter().string(from: Date())))
            runID = connection.lastInsertRowID
        }
    }

    private mutating func foldCurrent() {
        guard let current else { return }
        deltas[current.key, default: (0, 0)].files += current.files
        deltas[current.key, default: (0, 0)].bytes += current.bytes
        self.current = nil
    }
}

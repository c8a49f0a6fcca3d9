import CloudTrail
import Foundation
import SQLite

/// What importing listings did.
public struct ListingReport: Sendable {
    /// Objects read from the listings, log files or not.
    public var objectsRead = 0
    /// Log files added to the catalog, and their bytes.
    public var filesAdded = 0
    public var bytesAdded: Int64 = 0
    /// Log files the catalog already held: listed before, or ingested in full.
    public var alreadyListed = 0
    public var alreadyIngested = 0
    /// Objects passed over (digests, other services' objects), counted by reason.
    public var passedOver: [String: Int] = [:]
    /// Lines or entries that could not be read (the rest of their listing still was).
    public var problems: [ListingProblem] = []

    public init() {}
}

/// Adds the CloudTrail log objects of bucket listings to the catalog as size-only entries
/// (`listed_files`, see `CatalogMigration`): key and size, no events.
///
/// The key rules are ingest's (`LogFileDiscovery`): organization trails, Insights deliveries,
/// digests and other objects passed over and counted. A listed object is identified by its S3
/// key, so importing a listing twice adds nothing, an object already ingested in full is not
/// added, and ingesting a listed object later replaces its entry. Rows are committed in
/// transactions of `batchSize`, each with its partition sums and the store's totals, so memory
/// does not grow with the listing and an interrupted import leaves a sound store.
public final class ListingImporter {
    let store: StoreFile
    let batchSize: Int

    public init(store: StoreFile, batchSize: Int = 100_000) {
        self.store = store
        self.batchSize = batchSize
    }

    /// Imports every listing in `paths` (each's format detected).
    public func importListings(_ paths: [String]) throws(TrailStoreError) -> ListingReport {
        var report = ListingReport()
        let connection = store.connection
        let ingestedKeys = try onStore(store.path, try Self.ingestedKeys(connection))
        let insert = try onStore(
            store.path,
            try connection.prepare(
                """
                INSERT INTO listed_files(s3_key, bytes, run_id, checksum) VALUES (?, ?, ?, ?)
                ON CONFLICT(s3_key) DO NOTHING RETURNING 1
                """))
        var runID: Int64?
        var pending: [(key: String, size: Int64, partition: PartitionKey)] = []
        pending.reserveCapacity(batchSize)

        func flush() throws(TrailStoreError) {
            guard !pending.isEmpty else { return }
            do throws(SQLiteError) {
                try connection.execute("BEGIN IMMEDIATE")
                let newRun = runID == nil
                if newRun {
                    try connection.prepare("INSERT INTO ingest_runs(started_at) VALUES (?)")
                        .run(.text(ISO8601DateFormatter().string(from: Date())))
                    runID = connection.lastInsertRowID
                }
                var deltas: [PartitionKey: (files: Int64, bytes: Int64)] = [:]
                var added: (files: Int64, bytes: Int64) = (0, 0)
                for object in pending {
                    try insert.bind([
                        .text(object.key), .integer(object.size), .integer(runID!),
                        .integer(ListedCatalog.checksum(s3Key: object.key, bytes: object.size, runID: runID!)),
                    ])
                    defer { insert.reset() }
                    guard try insert.step() else { continue }  // listed before
                    deltas[object.partition, default: (0, 0)].files += 1
                    deltas[object.partition, default: (0, 0)].bytes += object.size
                    added.files += 1
                    added.bytes += object.size
                }
                report.alreadyListed += pending.count - Int(added.files)
                if added.files == 0 && newRun {
                    // Nothing new: leave the store untouched, byte for byte.
                    try connection.execute("ROLLBACK")
                    runID = nil
                } else {
                    try ListedCatalog.add(deltas, connection)
                    var totals = try Self.totals(of: store)
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
                if connection.isInTransaction { try? connection.execute("ROLLBACK") }
                throw .database(path: store.path, error)
            }
            pending.removeAll(keepingCapacity: true)
        }

        for path in paths {
            try ListingReader.read(
                path,
                each: { (object) throws(TrailStoreError) in
                    report.objectsRead += 1
                    if object.key.hasSuffix("/") { return }  // a folder marker, not an object
                    if let reason = LogFileDiscovery.reasonToPassOver(object.key) {
                        report.passedOver[reason, default: 0] += 1
                        return
                    }
                    let location = LogFileDiscovery.location(of: object.key)
                    let key = location.s3Key ?? object.key
                    if ingestedKeys.contains(key) {
                        report.alreadyIngested += 1
                        return
                    }
                    pending.append((key, object.size, PartitionKey(location)))
                    if pending.count >= batchSize { try flush() }
                },
                problem: { report.problems.append($0) })
        }
        try flush()
        return report
    }

    /// The store's totals, read inside the commit's transaction.
    private static func totals(of store: StoreFile) throws(SQLiteError) -> StoreTotals {
        do { return try store.readTotals() } catch {
            // Damage found while writing: stop the commit rather than build on it.
            throw SQLiteError(code: 11, message: "\(error)")
        }
    }

    /// S3 keys of the files ingested in full (a sample: few next to a listing).
    static func ingestedKeys(_ connection: Connection) throws(SQLiteError) -> Set<String> {
        let statement = try connection.prepare("SELECT s3_key FROM files WHERE s3_key IS NOT NULL")
        var keys: Set<String> = []
        while try statement.step() { if let key = statement.text(at: 0) { keys.insert(key) } }
        return keys
    }
}

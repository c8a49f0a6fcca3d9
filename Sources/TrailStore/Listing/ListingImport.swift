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

/// Adds the CloudTrail log objects of bucket listings to the raw-file catalog as size-only
/// entries (`source = 'listed'`): key, partition keys, delivery day and size, no events.
///
/// The key rules are ingest's (`LogFileDiscovery`): organization trails, Insights deliveries,
/// digests and other objects passed over and counted. A listed object is identified by its
/// key, so importing a listing twice adds nothing, an object already ingested in full is not
/// added, and ingesting a listed object later replaces its entry. Rows are inserted in
/// transactions of `batchSize`, so memory does not grow with the listing.
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
        // Enough cache for the indexes' working pages: listings arrive sorted by key, so inserts touch few.
        try onStore(store.path, try connection.execute("PRAGMA cache_size = -65536"))
        let ingestedKeys = try onStore(store.path, try Self.ingestedKeys(connection))
        let insert = try onStore(
            store.path,
            try connection.prepare(
                """
                INSERT INTO files(identity, path, s3_key, organization_id, account, region, day, format,
                    compressed_bytes, uncompressed_bytes, events, run_id, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'listed', ?, 0, 0, ?, 'listed')
                ON CONFLICT(identity) DO NOTHING RETURNING id
                """))
        var runID: Int64?
        var pending: [(ListedObject, LogFileLocation)] = []
        pending.reserveCapacity(batchSize)

        func flush() throws(TrailStoreError) {
            guard !pending.isEmpty else { return }
            try onStore(store.path, try connection.execute("BEGIN IMMEDIATE"))
            do throws(SQLiteError) {
                let newRun = runID == nil
                if newRun {
                    try connection.prepare("INSERT INTO ingest_runs(started_at) VALUES (?)")
                        .run(.text(ISO8601DateFormatter().string(from: Date())))
                    runID = connection.lastInsertRowID
                }
                var added = 0
                var addedBytes: Int64 = 0
                for (object, location) in pending {
                    func text(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
                    let s3Key = location.s3Key ?? object.key
                    try insert.bind([
                        .text(CatalogMigration.listedIdentity(s3Key: s3Key)), .text(object.key), .text(s3Key),
                        text(location.organizationID), text(location.account), text(location.region),
                        text(location.day), .integer(object.size), .integer(runID!),
                    ])
                    defer { insert.reset() }
                    if try insert.step() {
                        added += 1
                        addedBytes += object.size
                    }
                }
                report.alreadyListed += pending.count - added
                if added == 0 && newRun {
                    // Nothing new: leave the store untouched, byte for byte.
                    try connection.execute("ROLLBACK")
                    runID = nil
                } else {
                    try connection.execute(
                        "UPDATE ingest_runs SET files_added = files_added + \(added) WHERE id = \(runID!)")
                    try connection.execute("COMMIT")
                    report.filesAdded += added
                    report.bytesAdded += addedBytes
                }
            } catch {
                try? connection.execute("ROLLBACK")
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
                    if ingestedKeys.contains(location.s3Key ?? object.key) {
                        report.alreadyIngested += 1
                        return
                    }
                    pending.append((object, location))
                    if pending.count >= batchSize { try flush() }
                },
                problem: { report.problems.append($0) })
        }
        try flush()
        return report
    }

    /// S3 keys of the files ingested in full (a sample: few next to a listing).
    static func ingestedKeys(_ connection: Connection) throws(SQLiteError) -> Set<String> {
        let statement = try connection.prepare(
            "SELECT s3_key FROM files WHERE source = 'ingested' AND s3_key IS NOT NULL")
        var keys: Set<String> = []
        while try statement.step() { if let key = statement.text(at: 0) { keys.insert(key) } }
        return keys
    }
}

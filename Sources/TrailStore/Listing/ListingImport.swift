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
/// (`listed_files`, see `ListingTables`): key and size, no events.
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

    public init(store: StoreFile, batchSize: Int = 250_000) {
        self.store = store
        self.batchSize = batchSize
    }

    /// Imports every listing in `paths` (each's format detected).
    public func importListings(_ paths: [String]) throws(TrailStoreError) -> ListingReport {
        var report = ListingReport()
        let ingestedKeys = try onStore(store.path, try Self.ingestedKeys(store.connection))
        var load = try ListingLoad(store: store, batchSize: batchSize)
        var rules = ListingKeyRules()
        do {
            for path in paths {
                try ListingReader.read(
                    path,
                    each: { (key, size) throws(TrailStoreError) in
                        report.objectsRead += 1
                        switch rules.classify(key) {
                        case .folder: return
                        case .passOver(let reason): report.passedOver[reason, default: 0] += 1
                        case .logFile(let partition):
                            if !ingestedKeys.isEmpty,
                                ingestedKeys.contains(String(decoding: rules.s3Key, as: UTF8.self))
                            {
                                report.alreadyIngested += 1
                                return
                            }
                            try load.add(rules.s3Key, size: size, partition: partition, report: &report)
                        }
                    },
                    problem: { report.problems.append($0) })
            }
            try load.commit(report: &report)
        } catch {
            load.abandon()
            throw error
        }
        return report
    }

    /// S3 keys of the files ingested in full (a sample: few next to a listing).
    static func ingestedKeys(_ connection: Connection) throws(SQLiteError) -> Set<String> {
        let statement = try connection.prepare("SELECT s3_key FROM files WHERE s3_key IS NOT NULL")
        var keys: Set<String> = []
        while try statement.step() { if let key = statement.text(at: 0) { keys.insert(key) } }
        return keys
    }
}

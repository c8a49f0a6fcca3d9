import SQLite

/// Where the raw-file catalog's entries come from: files ingested in full, objects known only
/// from a bucket listing, and ingested files whose billed size is an estimate.
public struct CatalogOrigins: Sendable, Equatable {
    public var ingestedFiles: Int64 = 0
    public var ingestedBytes: Int64 = 0
    public var listedFiles: Int64 = 0
    public var listedBytes: Int64 = 0
    public var estimatedFiles: Int64 = 0
    public var estimatedBytes: Int64 = 0

    /// Reads the counts of `store` (all ingested, none estimated for a store older than listings).
    public static func of(_ store: StoreFile) throws(TrailStoreError) -> CatalogOrigins {
        let connection = store.connection
        var origins = CatalogOrigins()
        do throws(SQLiteError) {
            guard try CatalogMigration.hasListingColumns(connection) else {
                let statement = try connection.prepare("SELECT count(*), coalesce(sum(compressed_bytes), 0) FROM files")
                _ = try statement.step()
                origins.ingestedFiles = statement.int64(at: 0)
                origins.ingestedBytes = statement.int64(at: 1)
                return origins
            }
            let statement = try connection.prepare(
                """
                SELECT source = 'listed', size_estimated, count(*), coalesce(sum(compressed_bytes), 0)
                FROM files GROUP BY 1, 2
                """)
            while try statement.step() {
                let (count, bytes) = (statement.int64(at: 2), statement.int64(at: 3))
                if statement.int64(at: 0) != 0 {
                    origins.listedFiles += count
                    origins.listedBytes += bytes
                } else {
                    origins.ingestedFiles += count
                    origins.ingestedBytes += bytes
                    if statement.int64(at: 1) != 0 {
                        origins.estimatedFiles += count
                        origins.estimatedBytes += bytes
                    }
                }
            }
            return origins
        } catch {
            throw .database(path: store.path, error)
        }
    }
}

/// Gzip bytes the catalog holds per delivery day (`yyyy/MM/dd`), listed and ingested files
/// alike: the bucket's own volume history.
public enum CatalogDays {
    public static func dailyBytes(_ store: StoreFile) throws(TrailStoreError) -> [(day: String, bytes: Int64)] {
        do throws(SQLiteError) {
            let summary =
                try store.connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'file_partitions'")?
                .integer == 1
            let statement = try store.connection.prepare(
                summary
                    ? "SELECT day, sum(bytes) FROM file_partitions WHERE day != '' AND files > 0 GROUP BY day ORDER BY day"
                    : "SELECT day, sum(compressed_bytes) FROM files WHERE day IS NOT NULL GROUP BY day ORDER BY day")
            var days: [(String, Int64)] = []
            while try statement.step() { days.append((statement.text(at: 0) ?? "", statement.int64(at: 1))) }
            return days
        } catch {
            throw .database(path: store.path, error)
        }
    }
}

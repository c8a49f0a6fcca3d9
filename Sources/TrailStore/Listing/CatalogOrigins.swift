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

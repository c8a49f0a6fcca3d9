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

    /// Reads the counts of `store`:
    /// listed ones from the store's totals, checked against their checksum.
    public static func of(_ store: StoreFile) throws(TrailStoreError) -> CatalogOrigins {
        let connection = store.connection
        var origins = CatalogOrigins()
        let totals = try store.readTotals()
        origins.listedFiles = totals.listedFiles
        origins.listedBytes = totals.listedBytes
        do throws(SQLiteError) {
            let statement = try connection.prepare(
                "SELECT size_estimated, count(*), coalesce(sum(compressed_bytes), 0) FROM files GROUP BY 1")
            while try statement.step() {
                let (count, bytes) = (statement.int64(at: 1), statement.int64(at: 2))
                origins.ingestedFiles += count
                origins.ingestedBytes += bytes
                if statement.int64(at: 0) != 0 {
                    origins.estimatedFiles += count
                    origins.estimatedBytes += bytes
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
        var bytesByDay: [String: Int64] = [:]
        let listed = try onStore(store.path, try ListedCatalog.partitions(store.connection))
        if let fault = listed.faults.first { throw .damaged(path: store.path, detail: fault) }
        do throws(SQLiteError) {
            for partition in listed.rows where !partition.key.day.isEmpty {
                bytesByDay[partition.key.day, default: 0] += partition.bytes
            }
            let statement = try store.connection.prepare(
                "SELECT day, sum(compressed_bytes) FROM files WHERE day IS NOT NULL GROUP BY day")
            while try statement.step() { bytesByDay[statement.text(at: 0) ?? "", default: 0] += statement.int64(at: 1) }
        } catch {
            throw .database(path: store.path, error)
        }
        return bytesByDay.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

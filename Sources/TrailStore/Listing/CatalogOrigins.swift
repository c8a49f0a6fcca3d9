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

/// Gzip bytes the bucket holds per delivery day (`yyyy/MM/dd`), as far as the catalog knows
/// it: each cell's `CatalogCell.bucketBytes`, so a sampled ingest counts the files it passed over.
public enum CatalogDays {
    public static func dailyBytes(_ store: StoreFile) throws(TrailStoreError) -> [(day: String, bytes: Int64)] {
        var bytesByDay: [String: Int64] = [:]
        for cell in try CatalogCells.of(store).values where !cell.day.isEmpty {
            bytesByDay[cell.day, default: 0] += cell.bucketBytes
        }
        return bytesByDay.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

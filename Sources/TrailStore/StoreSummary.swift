import CloudTrail
import SQLite

/// What a store holds, for `trailmeter inspect`.
public struct StoreSummary: Sendable {
    /// Bytes of one column across all segments.
    public struct ColumnBytes: Sendable {
        public let name: String
        public let compressedBytes: Int64
        public let encodedBytes: Int64
        public let nullValues: Int64
    }

    public let settings: StoreSettings
    /// Earliest and latest `eventTime` (epoch ms), nil for an empty store.
    public let firstEventMs: Int64?
    public let lastEventMs: Int64?
    /// Distinct accounts and regions in the catalog's partition keys.
    public let accounts: [String]
    public let regions: [String]
    /// Log files in the catalog.
    public let files: Int64
    /// Events in the catalog (sum over files) and in the columnar store (sum over segments): equal unless damaged.
    public let catalogEvents: Int64
    public let columnarEvents: Int64
    /// Events without an `eventTime`.
    public let undatedEvents: Int64
    /// Raw layout: the log files' bytes as stored (what Athena reads) and after decompression.
    public let rawCompressedBytes: Int64
    public let rawUncompressedBytes: Int64
    /// Columnar layout: compressed chunk bytes of CloudTrail's columns (what a Lake-style store scans at most).
    public let columnarCompressedBytes: Int64
    /// The same before compression.
    public let columnarEncodedBytes: Int64
    /// Bytes of TrailMeter's internal columns (the file id per event), not part of either layout's bill.
    public let internalBytes: Int64
    /// Segments and their span.
    public let segments: Int64
    /// Per column, in schema order.
    public let columns: [ColumnBytes]
    /// Files skipped by earlier ingest runs, with their reasons (latest run first).
    public let skippedFiles: [(path: String, reason: String)]
    /// Damage the catalog shows without reading chunks: rows that fail their checksum, totals
    /// that disagree (catalog against columnar store against `meta`). Empty for a sound catalog.
    public let faults: [String]

    /// Reads the summary of `store`.
    public static func of(_ store: StoreFile) throws(TrailStoreError) -> StoreSummary {
        let db = store.connection
        // One snapshot for every read, unless the caller already holds one.
        let ownsSnapshot = !db.isInTransaction
        if ownsSnapshot { try onStore(store.path, try db.beginSnapshot()) }
        defer { if ownsSnapshot { db.endSnapshot() } }
        var faults = try StoreContents.readAll(store).faults
        do throws(SQLiteError) {
            func integer(_ sql: String) throws(SQLiteError) -> Int64 { try db.scalar(sql)?.integer ?? 0 }
            func optional(_ sql: String) throws(SQLiteError) -> Int64? { try db.scalar(sql)?.integer }
            func strings(_ sql: String) throws(SQLiteError) -> [String] {
                let statement = try db.prepare(sql)
                var values: [String] = []
                while try statement.step() { if let text = statement.text(at: 0) { values.append(text) } }
                return values
            }
            let perColumn = try db.prepare(
                """
                SELECT c.id, c.name, coalesce(sum(k.compressed_bytes), 0), coalesce(sum(k.encoded_bytes), 0), coalesce(sum(k.null_count), 0)
                FROM columns c LEFT JOIN chunks k ON k.column_id = c.id GROUP BY c.id ORDER BY c.id
                """)
            var columns: [ColumnBytes] = []
            var internalBytes: Int64 = 0
            while try perColumn.step() {
                let column = ColumnBytes(
                    name: perColumn.text(at: 1) ?? "", compressedBytes: perColumn.int64(at: 2),
                    encodedBytes: perColumn.int64(at: 3), nullValues: perColumn.int64(at: 4))
                let id = Int(perColumn.int64(at: 0))
                if id == StoreFile.fileIDColumn {
                    internalBytes += column.compressedBytes
                } else if StoreFile.mayLackChunk(column: id), column.encodedBytes == 0 {
                    continue  // a column of other event data stores that no stored event fills
                } else {
                    columns.append(column)
                }
            }
            let skipped = try db.prepare("SELECT path, reason FROM skipped_files ORDER BY run_id DESC, rowid")
            var skippedFiles: [(String, String)] = []
            while try skipped.step() { skippedFiles.append((skipped.text(at: 0) ?? "", skipped.text(at: 1) ?? "")) }
            let catalogEvents = try integer("SELECT coalesce(sum(events), 0) FROM files")
            let columnarEvents = try integer("SELECT coalesce(sum(events), 0) FROM segments")
            if catalogEvents != columnarEvents {
                faults.insert(
                    "the catalog holds \(catalogEvents) events and the columnar store \(columnarEvents): they must be equal",
                    at: 0)
            }
            return StoreSummary(
                settings: store.settings,
                firstEventMs: try optional("SELECT min(min_event_ms) FROM segments"),
                lastEventMs: try optional("SELECT max(max_event_ms) FROM segments"),
                accounts: try strings("SELECT DISTINCT account FROM files WHERE account IS NOT NULL ORDER BY 1"),
                regions: try strings("SELECT DISTINCT region FROM files WHERE region IS NOT NULL ORDER BY 1"),
                files: try integer("SELECT count(*) FROM files"),
                catalogEvents: catalogEvents,
                columnarEvents: columnarEvents,
                undatedEvents: try integer(
                    "SELECT coalesce(sum(events), 0) FROM segments WHERE bucket_start_ms = \(StoreFile.undatedBucket)"),
                rawCompressedBytes: try integer("SELECT coalesce(sum(compressed_bytes), 0) FROM files"),
                rawUncompressedBytes: try integer("SELECT coalesce(sum(uncompressed_bytes), 0) FROM files"),
                columnarCompressedBytes: columns.reduce(0) { $0 + $1.compressedBytes },
                columnarEncodedBytes: columns.reduce(0) { $0 + $1.encodedBytes },
                internalBytes: internalBytes,
                segments: try integer("SELECT count(*) FROM segments"),
                columns: columns,
                skippedFiles: skippedFiles,
                faults: faults)
        } catch {
            throw .database(path: store.path, error)
        }
    }
}

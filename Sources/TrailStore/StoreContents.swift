import SQLite

/// Everything a store's catalog says, each row checked against its checksum and the whole
/// against the totals in `meta`: what the layouts and `verify` start from.
public struct StoreContents: Sendable {
    public let files: [CatalogFile]
    /// In time order (the undated segment first).
    public let segments: [CatalogSegment]
    /// Chunks of each segment by stored column id, keyed by segment id.
    public let chunks: [Int64: [CatalogChunk?]]
    /// Files known only from bucket listings, summed per partition key (`listed_files` itself,
    /// millions of rows, is read by `verify` alone).
    public let listedPartitions: [ListedPartition]
    public let totals: StoreTotals
    /// What does not add up, one line each; empty for a sound catalog.
    public let faults: [String]

    /// Reads and checks the catalog of `store`; the first fault is thrown as damage.
    public static func read(_ store: StoreFile) throws(TrailStoreError) -> StoreContents {
        let contents = try readAll(store)
        if let fault = contents.faults.first {
            throw .damaged(path: store.path, detail: fault)
        }
        return contents
    }

    /// Reads and checks the catalog of `store`, collecting every fault.
    public static func readAll(_ store: StoreFile) throws(TrailStoreError) -> StoreContents {
        let connection = store.connection
        var faults: [String] = []
        var files: [CatalogFile] = []
        var segments: [CatalogSegment] = []
        var chunks: [Int64: [CatalogChunk?]] = [:]
        var listedPartitions: [ListedPartition] = []
        let columnCount = StoreFile.fileIDColumn + 1
        do throws(SQLiteError) {
            let fileRows = try connection.prepare("SELECT \(CatalogFile.selectColumns) FROM files ORDER BY id")
            while try fileRows.step() {
                guard let file = CatalogFile.read(fileRows) else {
                    faults.append("files row \(fileRows.int64(at: 0)): checksum mismatch")
                    continue
                }
                files.append(file)
            }
            let segmentRows = try connection.prepare(
                "SELECT \(CatalogSegment.selectColumns) FROM segments ORDER BY bucket_start_ms")
            while try segmentRows.step() {
                guard let segment = CatalogSegment.read(segmentRows) else {
                    faults.append("segments row \(segmentRows.int64(at: 0)): checksum mismatch")
                    continue
                }
                segments.append(segment)
            }
            let segmentIDs = Set(segments.map(\.id))
            let chunkRows = try connection.prepare("SELECT \(CatalogChunk.selectColumns) FROM chunks")
            while try chunkRows.step() {
                guard let chunk = CatalogChunk.read(chunkRows) else {
                    faults.append(
                        "chunks row of segment \(chunkRows.int64(at: 0)), column \(chunkRows.int64(at: 1)): checksum mismatch"
                    )
                    continue
                }
                guard (0..<columnCount).contains(chunk.column), segmentIDs.contains(chunk.segmentID) else {
                    faults.append(
                        "chunk of segment \(chunk.segmentID), column \(chunk.column): no such segment or column")
                    continue
                }
                if chunks[chunk.segmentID, default: Array(repeating: nil, count: columnCount)][chunk.column] != nil {
                    faults.append("segment \(chunk.segmentID), column \(chunk.columnName): chunk stored twice")
                }
                chunks[chunk.segmentID, default: Array(repeating: nil, count: columnCount)][chunk.column] = chunk
            }
            let listed = try ListedCatalog.partitions(connection)
            listedPartitions = listed.rows
            faults += listed.faults
        } catch {
            throw .database(path: store.path, error)
        }
        for segment in segments {
            let missing = (0..<columnCount).filter {
                chunks[segment.id]?[$0] == nil && !StoreFile.mayLackChunk(column: $0)
            }
            if let first = missing.first {
                faults.append(
                    "segment \(segment.id): no chunk for \(missing.count) column(s), first \(StoreFile.storedColumnNames[first])"
                )
            }
        }
        let totals = try store.readTotals()
        let found = StoreTotals(
            files: Int64(files.count), events: files.reduce(0) { $0 + $1.events }, segments: Int64(segments.count))
        let columnarEvents = segments.reduce(0) { $0 + $1.events }
        if faults.isEmpty {
            if found.files != totals.files {
                faults.append("\(found.files) files in the catalog, meta says \(totals.files)")
            }
            if found.segments != totals.segments {
                faults.append("\(found.segments) segments in the columnar store, meta says \(totals.segments)")
            }
            if found.events != totals.events {
                faults.append("\(found.events) events in the catalog, meta says \(totals.events)")
            }
            if columnarEvents != totals.events {
                faults.append("\(columnarEvents) events in the columnar store, meta says \(totals.events)")
            }
            let listedFiles = listedPartitions.reduce(0) { $0 + $1.files }
            let listedBytes = listedPartitions.reduce(0) { $0 + $1.bytes }
            if listedFiles != totals.listedFiles || listedBytes != totals.listedBytes {
                faults.append(
                    "\(listedFiles) listed files of \(listedBytes) bytes in the partition sums, meta says \(totals.listedFiles) of \(totals.listedBytes)"
                )
            }
        }
        return StoreContents(
            files: files, segments: segments, chunks: chunks, listedPartitions: listedPartitions, totals: totals,
            faults: faults)
    }
}

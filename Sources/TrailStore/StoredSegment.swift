import CloudTrail
import SQLite

/// A segment read back from the store with all its columns decoded, to merge new events into.
struct StoredSegment {
    let id: Int64
    let events: EventBatch
    let fileIDs: [Int64]
    let compressedBytes: Int64

    /// Loads the segment for `bucket`, or nil when the store has none.
    static func load(bucket: Int64, from store: StoreFile) throws(TrailStoreError) -> StoredSegment? {
        let connection = store.connection
        let segmentRow = try onStore(
            store.path,
            try connection.prepare("SELECT \(CatalogSegment.selectColumns) FROM segments WHERE bucket_start_ms = ?"))
        try onStore(store.path, try segmentRow.bind([.integer(bucket)]))
        guard try onStore(store.path, try segmentRow.step()) else { return nil }
        guard let segment = CatalogSegment.read(segmentRow) else {
            throw .damaged(path: store.path, detail: "segments row \(segmentRow.int64(at: 0)): checksum mismatch")
        }
        let id = segment.id
        let chunks = try onStore(
            store.path,
            try connection.prepare(
                "SELECT \(CatalogChunk.selectColumns), data FROM chunks WHERE segment_id = ? ORDER BY column_id"))
        try onStore(store.path, try chunks.bind([.integer(id)]))
        var columns = Array(repeating: ColumnValues(), count: StoreFile.fileIDColumn + 1)
        var found = Array(repeating: false, count: StoreFile.fileIDColumn + 1)
        var compressed: Int64 = 0
        while try onStore(store.path, try chunks.step()) {
            guard let chunk = CatalogChunk.read(chunks), chunk.segmentID == id, found.indices.contains(chunk.column)
            else {
                throw TrailStoreError.corruptChunk(
                    segment: id, column: "#\(chunks.int64(at: 1))", detail: "catalog row checksum mismatch")
            }
            // The blob accessors rethrow untyped, so the decode hands back a Result.
            let decoded = chunks.withBlob(at: 10) { blob in
                compressed += Int64(blob.count)
                return Result { () throws(ChunkEncoding.DecodeFailure) in
                    try chunk.decode(blob, segmentEvents: Int(segment.events))
                }
            }
            switch decoded {
            case .success(let values):
                columns[chunk.column] = values
                found[chunk.column] = true
            case .failure(let failure):
                throw .corruptChunk(segment: id, column: chunk.columnName, detail: failure.detail)
            }
        }
        if let missing = found.indices.first(where: { !found[$0] && !StoreFile.mayLackChunk(column: $0) }) {
            throw .corruptChunk(segment: id, column: StoreFile.storedColumnNames[missing], detail: "no chunk stored")
        }
        let ids = columns[StoreFile.fileIDColumn]
        for column in columns.indices where columns[column].count == 0 && StoreFile.mayLackChunk(column: column) {
            for _ in 0..<ids.count { columns[column].append(nil) }
        }
        let times = columns[EventSchema.eventTimeIndex]
        let eventTimeMs = (0..<times.count).map { row in
            times.isNull[row]
                ? EventTime.missing
                : times.bytes.withUnsafeBytes {
                    EventTime.milliseconds(UnsafeRawBufferPointer(rebasing: $0[times.range(row)]))
                } ?? EventTime.missing
        }
        let fileIDs = (0..<ids.count).map { Int64(ids.string($0) ?? "") ?? 0 }
        var events = EventBatch()
        events.recordBytes = try EventSizes.read(segment: id, events: eventTimeMs.count, from: store)
        events.columns = Array(columns[..<StoreFile.fileIDColumn])
        events.eventTimeMs = eventTimeMs
        return StoredSegment(id: id, events: events, fileIDs: fileIDs, compressedBytes: compressed)
    }
}

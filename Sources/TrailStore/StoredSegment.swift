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
        guard
            let id = try onStore(
                store.path,
                try connection.scalar("SELECT id FROM segments WHERE bucket_start_ms = ?", .integer(bucket))?.integer)
        else {
            return nil
        }
        let chunks = try onStore(
            store.path,
            try connection.prepare(
                "SELECT column_id, codec, encoded_bytes, data FROM chunks WHERE segment_id = ? ORDER BY column_id"))
        try onStore(store.path, try chunks.bind([.integer(id)]))
        var columns = Array(repeating: ColumnValues(), count: StoreFile.fileIDColumn + 1)
        var compressed: Int64 = 0
        while try onStore(store.path, try chunks.step()) {
            let column = Int(chunks.int64(at: 0))
            let columnName = StoreFile.storedColumnNames[column]
            guard let codec = chunks.text(at: 1).flatMap(ChunkCodec.init) else {
                throw TrailStoreError.corruptChunk(
                    segment: id, column: columnName, detail: "unknown codec \(chunks.text(at: 1) ?? "NULL")")
            }
            // The blob accessors rethrow untyped, so each decode step hands back a Result.
            let decoded = chunks.withBlob(at: 3) { blob in
                compressed += Int64(blob.count)
                return Result { () throws(ChunkEncoding.DecodeFailure) in
                    let encoded = try ChunkEncoding.decompress(
                        blob, encodedSize: Int(chunks.int64(at: 2)), codec: codec)
                    return try encoded.withUnsafeBytes { bytes in
                        Result { () throws(ChunkEncoding.DecodeFailure) in try ChunkEncoding.decode(bytes) }
                    }.get()
                }
            }
            switch decoded {
            case .success(let values): columns[column] = values
            case .failure(let failure):
                throw .corruptChunk(segment: id, column: columnName, detail: failure.detail)
            }
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
        events.recordBytes = try sizes(segment: id, events: eventTimeMs.count, from: store)
        events.columns = Array(columns[..<StoreFile.fileIDColumn])
        events.eventTimeMs = eventTimeMs
        return StoredSegment(id: id, events: events, fileIDs: fileIDs, compressedBytes: compressed)
    }

    /// The segment's per-event sizes; zeros (unknown) when the store kept none for it.
    private static func sizes(segment id: Int64, events: Int, from store: StoreFile) throws(TrailStoreError)
        -> [UInt32]
    {
        let query = try onStore(
            store.path, try store.connection.prepare("SELECT data FROM event_sizes WHERE segment_id = ?"))
        try onStore(store.path, try query.bind([.integer(id)]))
        guard try onStore(store.path, try query.step()) else { return Array(repeating: 0, count: events) }
        let sizes = query.withBlob(at: 0) { StoreFile.decodeEventSizes($0) }
        guard let sizes, sizes.count == events else {
            throw .corruptChunk(segment: id, column: "event_sizes", detail: "sizes do not match the segment's events")
        }
        return sizes
    }
}

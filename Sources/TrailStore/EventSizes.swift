import SQLite

/// The `event_sizes` table: each segment's per-event JSON sizes, the bytes CloudWatch Logs
/// ingests (the event-window meter's input, ARCHITECTURE §4). One row per segment, in the
/// segment's storage order: little-endian UInt32s. Kept apart from the chunks, so no chunk figure
/// changes. Each row carries a checksum over its segment id and bytes, checked whenever it is
/// read; every segment has a row (format 4), so a row that vanishes is damage too.
public enum EventSizes {
    static let schema =
        "CREATE TABLE event_sizes(segment_id INTEGER PRIMARY KEY REFERENCES segments(id), data BLOB NOT NULL, checksum INTEGER NOT NULL)"

    /// Encodes per-event sizes for `event_sizes.data`.
    static func encode(_ sizes: [UInt32]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: sizes.count * 4) { buffer, initialized in
            for (index, size) in sizes.enumerated() {
                UnsafeMutableRawPointer(buffer.baseAddress! + index * 4).storeBytes(
                    of: size.littleEndian, as: UInt32.self)
            }
            initialized = sizes.count * 4
        }
    }

    /// Decodes `event_sizes.data`; nil when its length is not a whole number of sizes.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt32]? {
        guard bytes.count % 4 == 0 else { return nil }
        return stride(from: 0, to: bytes.count, by: 4).map { offset in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
        }
    }

    /// The checksum of segment `segment`'s row holding `data`.
    static func checksum(segment: Int64, data: UnsafeRawBufferPointer) -> Int64 {
        var hasher = RowHasher("event_sizes")
        hasher.integer(segment)
        hasher.integer(StoreChecksum.of(data))
        return hasher.digest
    }

    /// Writes (or replaces) the row of `segment` with `put`, a statement made by ``prepareWrite(on:)``.
    /// Inside the commit that writes the segment.
    static func write(_ sizes: [UInt32], segment: Int64, with put: Statement) throws(SQLiteError) {
        let data = encode(sizes)
        let sum = data.withUnsafeBytes { checksum(segment: segment, data: $0) }
        try put.run(.integer(segment), .blob(data), .integer(sum))
    }

    /// The statement ``write(_:segment:with:)`` runs.
    static func prepareWrite(on connection: Connection) throws(SQLiteError) -> Statement {
        try connection.prepare("INSERT OR REPLACE INTO event_sizes(segment_id, data, checksum) VALUES (?, ?, ?)")
    }

    /// The sizes of segment `segment`, which holds `events` events, checked against the row's
    /// checksum and the segment's event count.
    public static func read(segment: Int64, events: Int, from store: StoreFile) throws(TrailStoreError) -> [UInt32] {
        let query = try onStore(
            store.path, try store.connection.prepare("SELECT data, checksum FROM event_sizes WHERE segment_id = ?"))
        try onStore(store.path, try query.bind([.integer(segment)]))
        guard try onStore(store.path, try query.step()) else {
            throw .damaged(path: store.path, detail: "event_sizes: no row for segment \(segment)")
        }
        switch checked(query, segment: segment, events: events) {
        case .success(let sizes): return sizes
        case .failure(let fault): throw .damaged(path: store.path, detail: fault.detail)
        }
    }

    /// The sizes of every segment in `segments`, each row checked; the first fault is thrown.
    public static func readAll(_ segments: [CatalogSegment], from store: StoreFile) throws(TrailStoreError)
        -> [Int64: [UInt32]]
    {
        let (sizes, faults) = try scan(segments, from: store)
        if let fault = faults.first { throw .damaged(path: store.path, detail: fault) }
        return sizes
    }

    /// Every row checked against its checksum and `segments`: the sizes of the sound rows and a
    /// line for each fault (a row that does not match, a segment without a row, a row without a segment).
    static func scan(_ segments: [CatalogSegment], from store: StoreFile) throws(TrailStoreError)
        -> (sizes: [Int64: [UInt32]], faults: [String])
    {
        let events = Dictionary(segments.map { ($0.id, Int($0.events)) }, uniquingKeysWith: { first, _ in first })
        let query = try onStore(
            store.path, try store.connection.prepare("SELECT data, checksum, segment_id FROM event_sizes"))
        var sizes: [Int64: [UInt32]] = [:]
        var faults: [String] = []
        var rowSegments = Set<Int64>()
        while try onStore(store.path, try query.step()) {
            let segment = query.int64(at: 2)
            rowSegments.insert(segment)
            guard let count = events[segment] else {
                faults.append("event_sizes: a row for segment \(segment), which is not in the catalog")
                continue
            }
            switch checked(query, segment: segment, events: count) {
            case .success(let found): sizes[segment] = found
            case .failure(let fault): faults.append(fault.detail)
            }
        }
        for segment in segments where !rowSegments.contains(segment.id) {
            faults.append("event_sizes: no row for segment \(segment.id)")
        }
        return (sizes, faults)
    }

    /// What is wrong with one row.
    struct Fault: Error {
        let detail: String
    }

    /// The sizes in the current row of `query` (data, checksum), checked.
    private static func checked(_ query: Statement, segment: Int64, events: Int) -> Result<[UInt32], Fault> {
        let expected = query.int64(at: 1)
        let sizes = query.withBlob(at: 0) { data in
            checksum(segment: segment, data: data) == expected ? decode(data) : nil
        }
        guard let sizes else {
            return .failure(Fault(detail: "event_sizes row of segment \(segment): checksum mismatch"))
        }
        guard sizes.count == events else {
            return .failure(
                Fault(
                    detail:
                        "event_sizes row of segment \(segment): \(sizes.count) sizes where the segment holds \(events) events"
                ))
        }
        return .success(sizes)
    }
}

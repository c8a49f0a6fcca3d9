import CloudTrail
import SQLite
import TrailStore

/// What the layouts need to know about a store before reading any data: the raw files with their
/// partition values, and the columnar segments with their chunks' sizes. Loaded once per store.
final class StoreCatalog {
    struct File {
        let id: Int64
        let path: String
        let compressedBytes: Int64
        let events: Int64
        /// Earliest and latest dated event (nil when the file has none).
        let firstEventMs: Int64?
        let lastEventMs: Int64?
        /// Values of `LayoutColumns.partitionNames` (timestamp, region, year, month, day, account).
        let partitionValues: [[UInt8]?]
        /// Known only from a bucket listing (size and key, no contents).
        let isListed: Bool
        /// `compressedBytes` is the estimated gzip size of a plain-JSON file.
        let isSizeEstimated: Bool
    }

    struct Chunk {
        let compressedBytes: Int64
        let encodedBytes: Int
        let codec: ChunkCodec
    }

    struct Segment {
        let id: Int64
        let bucketStartMs: Int64
        let events: Int
        /// eventTime bounds as each dialect presents them, for pruning (nil: undated segment).
        let athenaTimeRange: (min: [UInt8], max: [UInt8])?
        let lakeTimeRange: (min: [UInt8], max: [UInt8])?
        /// Chunks by stored column id (`EventSchema` index, then `StoreFile.fileIDColumn`).
        let chunks: [Chunk?]
    }

    /// Files whose events are in the store (ingested in full): what the raw layout can read.
    let files: [File]
    let fileIndexByID: [Int64: Int]
    /// Every catalog file, listed ones included, summed per (account, region, day): the raw plan
    /// runs over these, since every partition column is a function of those three keys.
    let partitionGroups: [PartitionGroup]
    /// Files, compressed bytes and events of the whole catalog.
    let totalFileCount: Int
    let totalFileBytes: Int64
    let totalFileEvents: Int64
    /// Files known only from a listing, and files whose size is an estimate.
    let listedFileCount: Int
    let estimatedFileCount: Int
    /// The store file's path, for messages.
    let path: String
    let segments: [Segment]
    /// Chunks holding event columns (the internal file-id column is billed by neither layout).
    let billableChunkCount: Int
    /// Event columns the store holds chunks of: CloudTrail's, and those of other event data
    /// stores that some stored event fills.
    let storedEventColumns: Set<Int>

    init(_ connection: Connection) throws(MeteringError) {
        path = connection.path
        do {
            var files: [File] = []
            let origin =
                try CatalogMigration.hasListingColumns(connection)
                ? "source = 'listed', size_estimated" : "0, 0"
            let ingestedOnly = origin == "0, 0" ? "" : "WHERE source = 'ingested'"
            let fileRows = try connection.prepare(
                """
                SELECT id, path, compressed_bytes, events, first_event_ms, last_event_ms, day, region, account, \(origin)
                FROM files \(ingestedOnly) ORDER BY id
                """)
            while try fileRows.step() {
                let partitions = PartitionGroup.partitionValues(
                    day: fileRows.text(at: 6), region: fileRows.text(at: 7), account: fileRows.text(at: 8))
                func optional(_ index: Int32) -> Int64? {
                    fileRows.value(at: index) == .null ? nil : fileRows.int64(at: index)
                }
                files.append(
                    File(
                        id: fileRows.int64(at: 0), path: fileRows.text(at: 1) ?? "",
                        compressedBytes: fileRows.int64(at: 2),
                        events: fileRows.int64(at: 3), firstEventMs: optional(4), lastEventMs: optional(5),
                        partitionValues: partitions, isListed: fileRows.int64(at: 9) != 0,
                        isSizeEstimated: fileRows.int64(at: 10) != 0))
            }
            self.files = files
            let groups = try PartitionGroup.load(connection, hasListingColumns: origin != "0, 0")
            partitionGroups = groups
            totalFileCount = groups.reduce(0) { $0 + $1.files }
            totalFileBytes = groups.reduce(0) { $0 + $1.bytes }
            totalFileEvents = groups.reduce(0) { $0 + $1.events }
            listedFileCount = groups.reduce(0) { $0 + $1.listed }
            estimatedFileCount = groups.reduce(0) { $0 + $1.estimated }
            fileIndexByID = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($0.element.id, $0.offset) })

            var chunksBySegment: [Int64: [Chunk?]] = [:]
            var timeText: [Int64: (String, String)] = [:]
            let chunkRows = try connection.prepare(
                "SELECT segment_id, column_id, compressed_bytes, encoded_bytes, codec, min_value, max_value FROM chunks"
            )
            var billable = 0
            var stored = Set(EventSchema.columns.indices.filter { !StoreFile.mayLackChunk(column: $0) })
            while try chunkRows.step() {
                let segment = chunkRows.int64(at: 0)
                let column = Int(chunkRows.int64(at: 1))
                guard column <= StoreFile.fileIDColumn else { continue }
                guard let codec = chunkRows.text(at: 4).flatMap(ChunkCodec.init) else {
                    throw MeteringError.corruptChunk(
                        segment: segment, column: StoreFile.storedColumnNames[column],
                        detail: "unknown codec \(chunkRows.text(at: 4) ?? "NULL")")
                }
                chunksBySegment[segment, default: Array(repeating: nil, count: StoreFile.fileIDColumn + 1)][column] =
                    Chunk(
                        compressedBytes: chunkRows.int64(at: 2), encodedBytes: Int(chunkRows.int64(at: 3)), codec: codec
                    )
                if column != StoreFile.fileIDColumn {
                    billable += 1
                    stored.insert(column)
                }
                if column == EventSchema.eventTimeIndex, let low = chunkRows.text(at: 5),
                    let high = chunkRows.text(at: 6)
                {
                    timeText[segment] = (low, high)
                }
            }
            billableChunkCount = billable
            storedEventColumns = stored
            var segments: [Segment] = []
            let segmentRows = try connection.prepare(
                "SELECT id, bucket_start_ms, events, min_event_ms, max_event_ms FROM segments ORDER BY bucket_start_ms")
            while try segmentRows.step() {
                let id = segmentRows.int64(at: 0)
                var lake: (min: [UInt8], max: [UInt8])?
                if segmentRows.value(at: 3) != .null, segmentRows.value(at: 4) != .null {
                    lake = (
                        Array(EventTime.lake(segmentRows.int64(at: 3)).utf8),
                        Array(EventTime.lake(segmentRows.int64(at: 4)).utf8)
                    )
                }
                let athena = timeText[id].map { (min: Array($0.0.utf8), max: Array($0.1.utf8)) }
                segments.append(
                    Segment(
                        id: id, bucketStartMs: segmentRows.int64(at: 1), events: Int(segmentRows.int64(at: 2)),
                        athenaTimeRange: athena, lakeTimeRange: lake,
                        chunks: chunksBySegment[id] ?? Array(repeating: nil, count: StoreFile.fileIDColumn + 1)))
            }
            self.segments = segments
        } catch let error as MeteringError {
            throw error
        } catch {
            throw .store("cannot read the catalog: \(error)")
        }
    }

    /// Indexes of the files the raw layout must open under `bounds` on the partition columns:
    /// a file is skipped only when its partition value cannot satisfy a bound.
    func filesKept(partitionBounds bounds: [Int: [PushedBound]]) -> [Int] {
        files.indices.filter { Self.admits(files[$0].partitionValues, bounds) }
    }

    /// Indexes of the partition groups whose files the raw layout must open under `bounds`.
    func groupsKept(partitionBounds bounds: [Int: [PushedBound]]) -> [Int] {
        partitionGroups.indices.filter { Self.admits(partitionGroups[$0].partitionValues, bounds) }
    }

    static func admits(_ values: [[UInt8]?], _ bounds: [Int: [PushedBound]]) -> Bool {
        bounds.allSatisfy { partition, list in
            guard let value = values[partition] else {
                // A file outside the S3 key layout has no partition value: NULL matches no comparison.
                return list.allSatisfy { $0.values == nil }
            }
            return value.withUnsafeBytes { bytes in list.allSatisfy { $0.admits(bytes) } }
        }
    }
}

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
        /// `compressedBytes` is the estimated gzip size of a plain-JSON file.
        let isSizeEstimated: Bool
        /// What its path says of where it was delivered: the organization trail, and the trail
        /// folder (`CloudTrail`, `CloudTrail-Insight`); nil when the path does not say.
        let organizationID: String?
        let folder: String?
        /// Its S3 key from `AWSLogs/` on (the file's name for a file outside the key layout),
        /// named as CloudTrail's gzip object when the file on disk is a gunzipped copy.
        let objectKey: String
    }

    struct Segment {
        let id: Int64
        let bucketStartMs: Int64
        let events: Int
        /// eventTime bounds as each dialect presents them, for pruning (nil: undated segment).
        let athenaTimeRange: (min: [UInt8], max: [UInt8])?
        let lakeTimeRange: (min: [UInt8], max: [UInt8])?
        /// Chunks by stored column id (`EventSchema` index, then `StoreFile.fileIDColumn`).
        let chunks: [CatalogChunk?]
    }

    /// Files whose events are in the store (ingested in full): what the raw layout can read.
    let files: [File]
    let fileIndexByID: [Int64: Int]
    /// Every catalog file, listed ones included, summed per `PartitionKey`: the raw plan and the
    /// Athena table's location run over these, since every partition column and everything a
    /// location restricts is a function of those keys.
    let partitionGroups: [PartitionGroup]
    /// The index in `partitionGroups` of each file's group.
    let fileGroup: [Int]
    /// The listed partitions, the first groups of `partitionGroups` in the same order.
    let listedPartitions: [ListedPartition]
    /// When each file reached the bucket (`Delivery.instant`), found the first time a view as of
    /// an instant asks: a query on the whole store never needs it.
    private(set) lazy var deliveredMs: [Int64?] = files.map { file in
        Delivery.instant(
            path: file.path, lastEventMs: file.lastEventMs,
            day: file.partitionValues[0].map { String(decoding: $0, as: UTF8.self) })
    }
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

    /// The key `File.objectKey` holds.
    static func objectKey(s3Key: String?, path: String, sizeEstimated: Bool) -> String {
        let key = s3Key ?? String(path.split(separator: "/").last ?? Substring(path))
        return sizeEstimated && key.hasSuffix(".json") ? key + ".gz" : key
    }

    /// Reads the catalog of `store`, every row checked against its checksum and the whole
    /// against the store's totals: damage is an error here, before any answer is given.
    convenience init(_ store: StoreFile) throws(MeteringError) {
        let contents: StoreContents
        do { contents = try StoreContents.read(store) } catch { throw .storeFile(error) }
        self.init(contents, path: store.path)
    }

    /// The catalog of checked `contents`.
    convenience init(_ contents: StoreContents, path: String) {
        let files = contents.files.map { file in
            File(
                id: file.id, path: file.path, compressedBytes: file.compressedBytes, events: file.events,
                firstEventMs: file.firstEventMs, lastEventMs: file.lastEventMs,
                partitionValues: PartitionGroup.partitionValues(
                    day: file.day, region: file.region, account: file.account),
                isSizeEstimated: file.sizeEstimated, organizationID: file.organizationID,
                folder: LogFileDiscovery.trailFolder(ofPath: file.s3Key ?? file.path),
                objectKey: Self.objectKey(s3Key: file.s3Key, path: file.path, sizeEstimated: file.sizeEstimated))
        }
        let (groups, fileGroup) = PartitionGroup.groups(files: contents.files, listed: contents.listedPartitions)
        let segments = contents.segments.map { segment in
            let chunks = contents.chunks[segment.id] ?? Array(repeating: nil, count: StoreFile.fileIDColumn + 1)
            var lake: (min: [UInt8], max: [UInt8])?
            if let low = segment.minEventMs, let high = segment.maxEventMs {
                lake = (Array(EventTime.lake(low).utf8), Array(EventTime.lake(high).utf8))
            }
            var athena: (min: [UInt8], max: [UInt8])?
            if let time = chunks[EventSchema.eventTimeIndex], let low = time.minValue, let high = time.maxValue {
                athena = (Array(low.utf8), Array(high.utf8))
            }
            return Segment(
                id: segment.id, bucketStartMs: segment.bucketStartMs, events: Int(segment.events),
                athenaTimeRange: athena, lakeTimeRange: lake, chunks: chunks)
        }
        self.init(
            path: path, files: files, fileGroup: fileGroup, partitionGroups: groups,
            listedPartitions: contents.listedPartitions, segments: segments)
    }

    init(
        path: String, files: [File], fileGroup: [Int], partitionGroups groups: [PartitionGroup],
        listedPartitions: [ListedPartition], segments: [Segment]
    ) {
        self.path = path
        self.files = files
        self.fileGroup = fileGroup
        self.listedPartitions = listedPartitions
        self.segments = segments
        partitionGroups = groups
        totalFileCount = groups.reduce(0) { $0 + $1.files }
        totalFileBytes = groups.reduce(0) { $0 + $1.bytes }
        totalFileEvents = groups.reduce(0) { $0 + $1.events }
        listedFileCount = groups.reduce(0) { $0 + $1.listed }
        estimatedFileCount = groups.reduce(0) { $0 + $1.estimated }
        fileIndexByID = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($0.element.id, $0.offset) })
        var billable = 0
        var stored = Set(EventSchema.columns.indices.filter { !StoreFile.mayLackChunk(column: $0) })
        for segment in segments {
            for case let chunk? in segment.chunks where chunk.column != StoreFile.fileIDColumn {
                billable += 1
                stored.insert(chunk.column)
            }
        }
        billableChunkCount = billable
        storedEventColumns = stored
    }

    /// Indexes of the files the raw layout must open under `bounds` on the partition columns,
    /// among those `table` reads (every file when nil): a file is skipped only when its
    /// partition value cannot satisfy a bound.
    func filesKept(partitionBounds bounds: [Int: [PushedBound]], in table: TableFiles?) -> [Int] {
        files.indices.filter { index in
            (table?.includes[index] ?? true) && Self.admits(files[index].partitionValues, bounds)
        }
    }

    /// Indexes of the partition groups whose files the raw layout must open under `bounds`,
    /// among those `table` reads (every group when nil).
    func groupsKept(partitionBounds bounds: [Int: [PushedBound]], in table: TableFiles?) -> [Int] {
        partitionGroups.indices.filter { index in
            (table?.groupIncludes[index] ?? true) && Self.admits(partitionGroups[index].partitionValues, bounds)
        }
    }

    /// True when file `index`'s `"$path"` (its key after `prefix`) meets every bound in `path`.
    func pathAdmits(_ index: Int, _ path: [PushedBound], prefix: String) -> Bool {
        guard !path.isEmpty else { return true }
        return Array((prefix + files[index].objectKey).utf8).withUnsafeBytes { text in
            path.allSatisfy { $0.admits(text) }
        }
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

extension StoreCatalog {
    /// The first event's time and the instant after the last, in milliseconds since 1970; nil
    /// when no file holds an event. CloudTrail times are whole seconds, so the end is one second
    /// past the last event's.
    var timeSpan: (start: Int64, end: Int64)? {
        let firsts = files.compactMap(\.firstEventMs)
        let lasts = files.compactMap(\.lastEventMs)
        guard let start = firsts.min(), let last = lasts.max() else { return nil }
        return (start, last + 1000)
    }
}

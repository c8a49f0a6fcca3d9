import CloudTrail
import SQLite

/// A log file's row in the raw-file catalog.
public struct CatalogFile: Sendable, Equatable {
    public var id: Int64
    public var identity: String
    public var path: String
    public var s3Key: String?
    public var organizationID: String?
    public var account: String?
    public var region: String?
    public var day: String?
    public var format: String
    public var compressedBytes: Int64
    public var uncompressedBytes: Int64
    public var events: Int64
    public var firstEventMs: Int64?
    public var lastEventMs: Int64?
    /// `compressedBytes` is not the file's size on disk but the size of its gzip (the file was
    /// plain JSON: see `BilledSize`).
    public var sizeEstimated = false

    private static let checkedColumns = """
        id, identity, path, s3_key, organization_id, account, region, day, format, compressed_bytes,
        uncompressed_bytes, events, first_event_ms, last_event_ms, checksum
        """
    static let selectColumns = checkedColumns + ", size_estimated"

    var checksum: Int64 {
        var hasher = RowHasher("files")
        hasher.integer(id)
        for value in [identity, path, s3Key, organizationID, account, region, day, format] { hasher.text(value) }
        for value in [compressedBytes, uncompressedBytes, events, firstEventMs, lastEventMs] { hasher.integer(value) }
        hasher.integer(sizeEstimated ? 1 : 0)
        return hasher.digest
    }

    /// Reads the row `selectColumns` produced; nil when its checksum does not match.
    static func read(_ row: Statement) -> CatalogFile? {
        let file = CatalogFile(
            id: row.int64(at: 0), identity: row.text(at: 1) ?? "", path: row.text(at: 2) ?? "", s3Key: row.text(at: 3),
            organizationID: row.text(at: 4), account: row.text(at: 5), region: row.text(at: 6), day: row.text(at: 7),
            format: row.text(at: 8) ?? "", compressedBytes: row.int64(at: 9), uncompressedBytes: row.int64(at: 10),
            events: row.int64(at: 11), firstEventMs: row.optionalInt64(at: 12), lastEventMs: row.optionalInt64(at: 13),
            sizeEstimated: row.int64(at: 15) != 0)
        return file.checksum == row.int64(at: 14) ? file : nil
    }
}

/// A columnar segment's row: its time bucket, event count and eventTime bounds.
public struct CatalogSegment: Sendable, Equatable {
    public var id: Int64
    public var bucketStartMs: Int64
    public var events: Int64
    public var minEventMs: Int64?
    public var maxEventMs: Int64?

    static let selectColumns = "id, bucket_start_ms, events, min_event_ms, max_event_ms, checksum"

    var checksum: Int64 {
        var hasher = RowHasher("segments")
        for value in [id, bucketStartMs, events, minEventMs, maxEventMs] { hasher.integer(value) }
        return hasher.digest
    }

    static func read(_ row: Statement) -> CatalogSegment? {
        let segment = CatalogSegment(
            id: row.int64(at: 0), bucketStartMs: row.int64(at: 1), events: row.int64(at: 2),
            minEventMs: row.optionalInt64(at: 3), maxEventMs: row.optionalInt64(at: 4))
        return segment.checksum == row.int64(at: 5) ? segment : nil
    }
}

/// A column chunk's row: everything about the chunk but its bytes, with the bytes' checksum.
public struct CatalogChunk: Sendable, Equatable {
    public var segmentID: Int64
    /// Stored column id: an `EventSchema` index, or `StoreFile.fileIDColumn`.
    public var column: Int
    public var codecName: String
    public var encodedBytes: Int64
    public var compressedBytes: Int64
    public var nullCount: Int64
    public var minValue: String?
    public var maxValue: String?
    /// XXH3-64 of the stored bytes.
    public var dataChecksum: Int64

    static let selectColumns = """
        segment_id, column_id, codec, encoded_bytes, compressed_bytes, null_count, min_value, max_value,
        data_checksum, row_checksum
        """

    /// The column's name, for messages.
    public var columnName: String {
        StoreFile.storedColumnNames.indices.contains(column) ? StoreFile.storedColumnNames[column] : "#\(column)"
    }

    var checksum: Int64 {
        var hasher = RowHasher("chunks")
        hasher.integer(segmentID)
        hasher.integer(Int64(column))
        hasher.text(codecName)
        for value in [encodedBytes, compressedBytes, nullCount] { hasher.integer(value) }
        hasher.text(minValue)
        hasher.text(maxValue)
        hasher.integer(dataChecksum)
        return hasher.digest
    }

    static func read(_ row: Statement) -> CatalogChunk? {
        let chunk = CatalogChunk(
            segmentID: row.int64(at: 0), column: Int(row.int64(at: 1)), codecName: row.text(at: 2) ?? "",
            encodedBytes: row.int64(at: 3), compressedBytes: row.int64(at: 4), nullCount: row.int64(at: 5),
            minValue: row.text(at: 6), maxValue: row.text(at: 7), dataChecksum: row.int64(at: 8))
        return chunk.checksum == row.int64(at: 9) ? chunk : nil
    }

    /// Checks `stored` (the chunk's bytes as read) against this row, then decompresses and
    /// decodes them, checking the value and NULL counts against the segment's: any mismatch is
    /// damage, never an answer.
    public func decode(_ stored: UnsafeRawBufferPointer, segmentEvents: Int) throws(ChunkEncoding.DecodeFailure)
        -> ColumnValues
    {
        guard stored.count == compressedBytes, StoreChecksum.of(stored) == dataChecksum else {
            throw ChunkEncoding.DecodeFailure(detail: "checksum mismatch: the chunk's bytes are not those written")
        }
        guard let codec = ChunkCodec(codecName) else {
            throw ChunkEncoding.DecodeFailure(detail: "unknown codec \(codecName)")
        }
        let encoded = try ChunkEncoding.decompress(stored, encodedSize: Int(encodedBytes), codec: codec)
        let values = try encoded.withUnsafeBytes { bytes in
            Result { () throws(ChunkEncoding.DecodeFailure) in try ChunkEncoding.decode(bytes) }
        }.get()
        guard values.count == segmentEvents else {
            throw ChunkEncoding.DecodeFailure(
                detail: "\(values.count) values where the segment holds \(segmentEvents) events")
        }
        let nulls = values.isNull.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard nulls == nullCount else {
            throw ChunkEncoding.DecodeFailure(detail: "\(nulls) NULLs where the catalog says \(nullCount)")
        }
        return values
    }
}

/// The store's totals, kept in `meta` and updated with each commit: rows that vanish or appear
/// twice through damage show up as a difference from them.
public struct StoreTotals: Sendable, Equatable {
    public var files: Int64 = 0
    public var events: Int64 = 0
    public var segments: Int64 = 0
    /// Objects known only from a bucket listing (`listed_files`), and their bytes.
    public var listedFiles: Int64 = 0
    public var listedBytes: Int64 = 0

    public init(
        files: Int64 = 0, events: Int64 = 0, segments: Int64 = 0, listedFiles: Int64 = 0, listedBytes: Int64 = 0
    ) {
        self.files = files
        self.events = events
        self.segments = segments
        self.listedFiles = listedFiles
        self.listedBytes = listedBytes
    }
}

extension Statement {
    /// The current row's integer in column `index`, nil for NULL.
    func optionalInt64(at index: Int32) -> Int64? {
        value(at: index) == .null ? nil : int64(at: index)
    }
}

import CloudTrail
import SQLite

/// A store's files and events as a sampled ingest's resampling sees them: each catalogued file's
/// sizes and sampling cell, what its events weigh in the columnar layout at the full trail's
/// density, and each event's time and JSON size.
///
/// Why full density: a chunk's compressed size per event falls as its segment fills (DEFLATE's
/// block header and Huffman tables are paid per chunk, and repeats are found only among the chunk's
/// own values), so a 5% sample's hourly chunks compress worse than the full trail's. The sample's
/// events are re-encoded in pools as large as a full-density segment (consecutive events in time
/// order, about `1 / share` of the sample's segments each), and each column's compressed bytes
/// there are spread over the events in proportion to their encoded bytes.
public struct SampleEventFigures: Sendable {
    /// One catalogued file: its (account, region, day) cell and its sizes.
    public struct File: Sendable, Equatable {
        /// `account|region|day` as the sample's cells record them (empty parts when unknown).
        public var cell: String
        public var gzipBytes: Int64
        public var jsonBytes: Int64
        public var events: Int64
    }

    /// A file's events in one segment: per column (sparse), their encoded bytes.
    struct Piece: Sendable {
        var file: Int32
        var bucket: Int64
        var columns: [UInt16]
        var encodedBytes: [UInt32]
    }

    /// The store's files in catalog order.
    public let files: [File]
    /// The segment length (the width of a bucket), in milliseconds.
    public let segmentSpanMs: Int64
    /// Events per re-encoding pool (a full-density segment's events, estimated).
    public let poolEvents: Int
    /// Segments the full trail holds between the sample's first and last segment, estimated
    /// (`filledBuckets`).
    public let fullSegments: Int
    /// The sample's segment starts, ascending (`StoreFile.undatedBucket` first when present).
    public let buckets: [Int64]
    /// Per stored column: compressed bytes at full density per encoded byte, or, for a column
    /// whose values are all NULL, compressed bytes per event.
    let perEncodedByte: [Double]
    let perEvent: [Double]
    /// Per pool, per stored column: compressed and encoded value bytes. The pools' spread of
    /// rates says how sure the full-density rates are (`rateSpread`).
    let poolCompressed: [[Double]]
    let poolAttributed: [[Double]]
    let pieces: [Piece]
    /// Each event's file (index into `files`), eventTime and JSON bytes.
    let eventFiles: [Int32]
    let eventTimes: [Int64]
    let eventSizes: [UInt32]

    /// `cell`'s key as `SampleCell` names it.
    public static func cellKey(account: String, region: String, day: String) -> String {
        "\(account)|\(region)|\(day)"
    }

    /// Reads `store`'s catalog and segments. `density` is how many full-trail events each sampled
    /// event stands for (population gzip bytes per sampled gzip byte; 1 for a full ingest).
    public static func load(_ store: StoreFile, density: Double) throws(TrailStoreError) -> SampleEventFigures {
        let path = store.path
        let fileRows = try onStore(
            path,
            try store.connection.prepare(
                "SELECT id, account, region, day, compressed_bytes, uncompressed_bytes, events FROM files ORDER BY id"))
        var files: [File] = []
        var fileIndex: [Int64: Int32] = [:]
        while try onStore(path, try fileRows.step()) {
            fileIndex[fileRows.int64(at: 0)] = Int32(files.count)
            files.append(
                File(
                    cell: cellKey(
                        account: fileRows.text(at: 1) ?? "", region: fileRows.text(at: 2) ?? "",
                        day: fileRows.text(at: 3) ?? ""),
                    gzipBytes: fileRows.int64(at: 4), jsonBytes: fileRows.int64(at: 5), events: fileRows.int64(at: 6)))
        }
        let segmentRows = try onStore(
            path, try store.connection.prepare("SELECT bucket_start_ms, events FROM segments ORDER BY bucket_start_ms"))
        var buckets: [Int64] = []
        var totalEvents = 0
        while try onStore(path, try segmentRows.step()) {
            buckets.append(segmentRows.int64(at: 0))
            totalEvents += Int(segmentRows.int64(at: 1))
        }
        let span = store.settings.segmentSpanMs
        let fullSegments = max(filledBuckets(buckets, span: span).count, 1)
        let poolEvents = max(1, Int((Double(totalEvents) * density / Double(fullSegments)).rounded()))
        var pools = PoolEncoder(
            codec: store.settings.codec, span: span, total: totalEvents,
            pools: max(1, Int((Double(totalEvents) / Double(poolEvents)).rounded())))
        var pieces: [Piece] = []
        var eventFiles: [Int32] = []
        var eventTimes: [Int64] = []
        var eventSizes: [UInt32] = []
        for bucket in buckets {
            guard let segment = try StoredSegment.load(bucket: bucket, from: store) else { continue }
            let columns = segment.events.columns + [fileIDValues(segment.fileIDs)]
            var byFile: [Int32: [UInt32]] = [:]
            for row in 0..<segment.events.count {
                let file = fileIndex[segment.fileIDs[row]] ?? -1
                eventFiles.append(file)
                eventTimes.append(segment.events.eventTimeMs[row])
                eventSizes.append(segment.events.recordBytes[row])
                var sizes = byFile[file] ?? [UInt32](repeating: 0, count: columns.count)
                for column in columns.indices {
                    let bytes = encodedBytes(columns[column], row)
                    sizes[column] += bytes
                    pools.attributed[column] += Double(bytes)
                }
                byFile[file] = sizes
            }
            for (file, sizes) in byFile.sorted(by: { $0.key < $1.key }) where file >= 0 {
                let used = sizes.indices.filter { sizes[$0] > 0 }
                pieces.append(
                    Piece(
                        file: file, bucket: bucket, columns: used.map(UInt16.init), encodedBytes: used.map { sizes[$0] }
                    ))
            }
            pools.add(columns, times: segment.events.eventTimeMs)
        }
        pools.flush()
        let perEncodedByte = pools.compressed.indices.map {
            pools.attributed[$0] > 0 ? pools.compressed[$0] / pools.attributed[$0] : 0
        }
        let perEvent = pools.compressed.indices.map {
            pools.attributed[$0] > 0 || totalEvents == 0 ? 0 : pools.compressed[$0] / Double(totalEvents)
        }
        return SampleEventFigures(
            files: files, segmentSpanMs: store.settings.segmentSpanMs, poolEvents: poolEvents,
            fullSegments: fullSegments, buckets: buckets,
            perEncodedByte: perEncodedByte, perEvent: perEvent, poolCompressed: pools.perPool.map(\.compressed),
            poolAttributed: pools.perPool.map(\.attributed), pieces: pieces, eventFiles: eventFiles,
            eventTimes: eventTimes, eventSizes: eventSizes)
    }

    /// Per file: the compressed bytes at full density of `columns` (every stored column when nil)
    /// in the segments whose bucket `keepsBucket` admits.
    public func columnarBytes(columns names: Set<String>?, keepsBucket: (Int64) -> Bool) -> [Double] {
        let wanted = StoreFile.storedColumnNames.map { names?.contains($0) ?? true }
        var bytes = [Double](repeating: 0, count: files.count)
        var eventsKept = [Double](repeating: 0, count: files.count)
        for piece in pieces where keepsBucket(piece.bucket) {
            for (column, encoded) in zip(piece.columns, piece.encodedBytes) where wanted[Int(column)] {
                bytes[Int(piece.file)] += Double(encoded) * perEncodedByte[Int(column)]
            }
        }
        // Columns that hold only NULLs still cost their chunks: spread per event.
        let perEventKept = perEvent.indices.reduce(0.0) { $0 + (wanted[$1] ? perEvent[$1] : 0) }
        if perEventKept > 0 {
            for (file, time) in zip(eventFiles, eventTimes) where file >= 0 && keepsBucket(bucket(of: time)) {
                eventsKept[Int(file)] += 1
            }
            for index in bytes.indices { bytes[index] += eventsKept[index] * perEventKept }
        }
        return bytes
    }

    /// How sure the full-density rates of `columns` (every stored column when nil) are: the
    /// relative standard error of their bytes, from the spread between pools (each pool's rates
    /// applied to the sample's encoded bytes of those columns, over the pooled rates' figure).
    /// 0 with fewer than two pools, where there is no spread to measure.
    public func rateSpread(columns names: Set<String>?) -> Double {
        guard poolCompressed.count >= 2 else { return 0 }
        let wanted = StoreFile.storedColumnNames.map { names?.contains($0) ?? true }
        let columns = perEncodedByte.indices.filter { wanted[$0] }
        let encoded = columns.map { column in poolAttributed.reduce(0.0) { $0 + $1[column] } }
        let pooled = zip(columns, encoded).reduce(0.0) { $0 + $1.1 * perEncodedByte[$1.0] }
        guard pooled > 0 else { return 0 }
        let ratios = poolCompressed.indices.map { pool in
            zip(columns, encoded).reduce(0.0) { sum, entry in
                let (column, bytes) = entry
                let attributed = poolAttributed[pool][column]
                let rate = attributed > 0 ? poolCompressed[pool][column] / attributed : perEncodedByte[column]
                return sum + bytes * rate
            } / pooled
        }
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        let variance = ratios.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ratios.count - 1)
        return (variance / Double(ratios.count)).squareRoot()
    }

    /// Per stored column: the compressed bytes at full density of every file's events, each file
    /// weighted by `weights` (how many full-trail files it stands for).
    public func columnarBytesPerColumn(weights: [Double]) -> [String: Double] {
        var bytes = [Double](repeating: 0, count: perEncodedByte.count)
        for piece in pieces {
            for (column, encoded) in zip(piece.columns, piece.encodedBytes) {
                bytes[Int(column)] += weights[Int(piece.file)] * Double(encoded) * perEncodedByte[Int(column)]
            }
        }
        let weightedEvents = eventFiles.reduce(0.0) { $0 + ($1 >= 0 ? weights[Int($1)] : 0) }
        for column in perEvent.indices { bytes[column] += weightedEvents * perEvent[column] }
        return Dictionary(uniqueKeysWithValues: zip(StoreFile.storedColumnNames, bytes))
    }

    /// Per file: the JSON bytes of its events whose eventTime `keepsEvent` admits.
    public func eventBytes(keepsEvent: (Int64) -> Bool) -> [Double] {
        var bytes = [Double](repeating: 0, count: files.count)
        for index in eventFiles.indices where eventFiles[index] >= 0 && keepsEvent(eventTimes[index]) {
            bytes[Int(eventFiles[index])] += Double(eventSizes[index])
        }
        return bytes
    }

    /// The bucket (segment start) an eventTime falls in, as the store assigns it.
    public func bucket(of eventMs: Int64) -> Int64 {
        eventMs == EventTime.missing ? StoreFile.undatedBucket : eventMs.dividedFloored(segmentSpanMs) * segmentSpanMs
    }

    /// The segment starts the full trail holds, estimated from the sample's (`filledBuckets`), and
    /// when `range` (eventTimes, epoch ms) reaches beyond the first or last sampled segment, every
    /// segment between: the full trail's edges the sample missed.
    public func fullTrailBuckets(spanning range: ClosedRange<Int64>?) -> [Int64] {
        var filled = Self.filledBuckets(buckets, span: segmentSpanMs)
        let dated = filled.filter { $0 != StoreFile.undatedBucket }
        guard let range, let first = dated.first, let last = dated.last else { return filled }
        let before = stride(from: bucket(of: range.lowerBound), to: first, by: Int(segmentSpanMs))
        let after = stride(from: last + segmentSpanMs, through: bucket(of: range.upperBound), by: Int(segmentSpanMs))
        filled.append(contentsOf: before)
        filled.append(contentsOf: after)
        return filled.sorted()
    }

    /// Each file's first and last eventTime among its events in the store; nil for a file
    /// without dated events.
    public func fileEventSpans() -> [ClosedRange<Int64>?] {
        var spans = [ClosedRange<Int64>?](repeating: nil, count: files.count)
        for (file, time) in zip(eventFiles, eventTimes) where file >= 0 && time != EventTime.missing {
            let index = Int(file)
            spans[index] = spans[index].map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
        }
        return spans
    }

    /// The segments the full trail holds between the sample's first and last, estimated from the
    /// sample's: a sample misses hours the full trail fills, so a gap shorter than a day between
    /// two sampled segments counts as filled.
    static func filledBuckets(_ buckets: [Int64], span: Int64) -> [Int64] {
        var filled = buckets.filter { $0 == StoreFile.undatedBucket }
        let dated = buckets.filter { $0 != StoreFile.undatedBucket }
        for (index, bucket) in dated.enumerated() {
            let gap = index == 0 ? 1 : Int((bucket - dated[index - 1]) / span)
            if gap > 1, gap <= 86_400_000 / span {
                filled.append(contentsOf: (1..<gap).map { dated[index - 1] + Int64($0) * span })
            }
            filled.append(bucket)
        }
        return filled
    }

    /// What one value adds to its chunk before compression: its length's varint and its bytes.
    fileprivate static func encodedBytes(_ values: ColumnValues, _ row: Int) -> UInt32 {
        guard !values.isNull[row] else { return 0 }
        let length = values.range(row).count
        var varint = 1
        var rest = length >> 7
        while rest > 0 {
            varint += 1
            rest >>= 7
        }
        return UInt32(length + varint)
    }

    private static func fileIDValues(_ ids: [Int64]) -> ColumnValues {
        var values = ColumnValues()
        for id in ids {
            var text = String(id)
            text.withUTF8 { values.append(UnsafeRawBufferPointer($0)) }
        }
        return values
    }
}

/// Re-encodes a stream of events (segments in time order) in pools of equal event counts, as
/// segments of the full trail's density, and sums each column's compressed bytes.
///
/// A pool gathers the sampled events of many segments, but stands for one, laid out as a full
/// segment is: each event moved to the same offset into one segment's span as it had into its
/// own (same text form), and the rows ordered by the moved times, so that the files delivered in
/// the same minutes interleave as they do in a full segment. Kept in time order across many
/// hours instead, a sampled file's events stayed together (few files are ever open at once in a
/// sample): low-cardinality columns (regions, accounts, identity types) then came out at half
/// their full-trail bytes, and a whole trail's columnar bytes 10% short, on a 60-day trail of four
/// delivery streams with 17 events a file, at 5%.
private struct PoolEncoder {
    let compressor: ChunkCompressor
    let span: Int64
    /// Where each pool ends, in events from the start.
    var ends: [Int]
    var pool: [ColumnValues] = []
    var times: [Int64] = []
    var taken = 0
    /// Each finished pool's compressed and encoded value bytes per column, and the current pool's.
    var perPool: [(compressed: [Double], attributed: [Double])] = []
    private var poolAttributed = [Double](repeating: 0, count: StoreFile.fileIDColumn + 1)
    var compressed = [Double](repeating: 0, count: StoreFile.fileIDColumn + 1)
    var attributed = [Double](repeating: 0, count: StoreFile.fileIDColumn + 1)

    init(codec: ChunkCodec, span: Int64, total: Int, pools: Int) {
        compressor = ChunkCompressor(codec)
        self.span = span
        ends = (1...pools).map { total * $0 / pools }
        pool = Array(repeating: ColumnValues(), count: StoreFile.fileIDColumn + 1)
    }

    mutating func add(_ columns: [ColumnValues], times segmentTimes: [Int64]) {
        for row in segmentTimes.indices {
            for column in columns.indices {
                pool[column].append(from: columns[column], row)
                poolAttributed[column] += Double(SampleEventFigures.encodedBytes(columns[column], row))
            }
            times.append(segmentTimes[row])
            taken += 1
            if let end = ends.first, taken >= end {
                flush()
                ends.removeFirst()
            }
        }
    }

    mutating func flush() {
        let count = times.count
        guard count > 0 else { return }
        let (values, moved) = oneSegmentTimes(pool[EventSchema.eventTimeIndex])
        pool[EventSchema.eventTimeIndex] = values
        // The order a segment keeps its rows in: by (moved) time, ties as they came.
        let rows = (0..<count).sorted { moved[$0] != moved[$1] ? moved[$0] < moved[$1] : $0 < $1 }
        var poolCompressed = [Double](repeating: 0, count: compressed.count)
        for column in pool.indices where StoreFile.isStored(column: column, values: pool[column], rows: rows) {
            poolCompressed[column] = Double(compressor.compress(ChunkEncoding.encode(pool[column], order: rows)).count)
            compressed[column] += poolCompressed[column]
        }
        perPool.append((poolCompressed, poolAttributed))
        poolAttributed = [Double](repeating: 0, count: compressed.count)
        pool = Array(repeating: ColumnValues(), count: pool.count)
        times.removeAll(keepingCapacity: true)
    }

    /// The pool's eventTime values, each moved to the same offset into the segment the pool's
    /// first event falls in as it had into its own, and the moved times (undated last); a value
    /// not in `EventTime.iso`'s form (or undated) is kept as it was.
    private func oneSegmentTimes(_ values: ColumnValues) -> (values: ColumnValues, times: [Int64]) {
        guard let first = times.lazy.filter({ $0 != EventTime.missing }).min() else {
            return (values, times.map { _ in .max })
        }
        let start = first.dividedFloored(span) * span
        var moved = ColumnValues()
        var movedTimes: [Int64] = []
        movedTimes.reserveCapacity(times.count)
        for (row, time) in times.enumerated() {
            guard time != EventTime.missing else {
                moved.append(from: values, row)
                movedTimes.append(.max)
                continue
            }
            let shifted = start + time.remainderFloored(span)
            movedTimes.append(shifted)
            guard values.string(row) == EventTime.iso(time) else {
                moved.append(from: values, row)
                continue
            }
            var text = EventTime.iso(shifted)
            text.withUTF8 { moved.append(UnsafeRawBufferPointer($0)) }
        }
        return (moved, movedTimes)
    }
}

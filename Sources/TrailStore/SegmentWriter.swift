import CloudTrail
import Foundation
import SQLite
import TrailMeterCore

/// One segment's rows, ready to encode: rows of the batch's combined events, in storage order.
struct PendingSegment {
    let bucket: Int64
    var existingID: Int64?
    var rows: [Int] = []
}

/// A compressed chunk and its statistics.
struct EncodedChunk {
    let column: Int
    let encodedBytes: Int
    let data: [UInt8]
    let nullCount: Int
    let minValue: String?
    let maxValue: String?
    /// `StoreChecksum.of(data)`, taken on the thread that compressed the chunk.
    let dataChecksum: Int64
}

/// A batch's files, read: their events in one combined batch, and each file's rows in it.
struct ReadBatch {
    var events = EventBatch()
    var files: [(file: Ingestor.LoadedFile, info: LogFileInfo)] = []

    /// Each column's bytes per byte of JSON read, times `slack`: the next batch's first sizes.
    func columnShares(slack: Double) -> [Double] {
        let json = Double(max(1, files.reduce(0) { $0 + $1.info.uncompressedBytes }))
        return events.columns.map { Double($0.bytes.count) / json * slack }
    }
}

extension Ingestor {
    /// Sorts a batch's events into segments (taking in what those segments already hold) and
    /// compresses them: everything ``CommitWriter`` then writes in one transaction. Reads the
    /// store, so no write may be in flight.
    func prepareCommit(_ batch: consuming ReadBatch, phases: inout [String: Double]) throws(TrailStoreError)
        -> PreparedCommit
    {
        let connection = store.connection
        var clock = PhaseClock()
        let firstFileID =
            try onStore(store.path, try connection.scalar("SELECT coalesce(max(id), 0) + 1 FROM files")?.integer) ?? 1
        // Moved out of the batch, so that taking in stored segments appends rather than copies.
        var combined = EventBatch()
        swap(&combined, &batch.events)
        var fileIDs = [Int64](repeating: 0, count: combined.count)
        var sequence = [Int32](repeating: 0, count: combined.count)
        for (offset, file) in batch.files.enumerated() {
            for row in file.info.events {
                fileIDs[row] = firstFileID + Int64(offset)
                sequence[row] = Int32(row - file.info.events.lowerBound)
            }
        }
        let newEvents = combined.count

        var segments: [Int64: PendingSegment] = [:]
        // A file's events run in time order, so rows come in long runs of one bucket: the
        // dictionary is visited once per run rather than once per row.
        var run = PendingSegment(bucket: Int64.min)
        var inRun = false
        for row in 0..<combined.count {
            let bucket = store.bucket(of: combined.eventTimeMs[row])
            if !inRun || bucket != run.bucket {
                if inRun { segments[run.bucket] = run }
                run = segments.removeValue(forKey: bucket) ?? PendingSegment(bucket: bucket)
                inRun = true
            }
            run.rows.append(row)
        }
        if inRun { segments[run.bucket] = run }
        var replacedBytes: Int64 = 0
        for bucket in segments.keys.sorted() {
            guard let existing = try StoredSegment.load(bucket: bucket, from: store) else { continue }
            segments[bucket]!.existingID = existing.id
            replacedBytes += existing.compressedBytes
            let base = combined.count
            combined.append(contentsOf: existing.events)
            fileIDs += existing.fileIDs
            sequence += (0..<Int32(existing.events.count))
            segments[bucket]!.rows += base..<combined.count
        }
        clock.lap("bucket", into: &phases)
        let (times, ids, positions) = (combined.eventTimeMs, fileIDs, sequence)
        let ordered = Parallel.map(segments.keys.sorted().map { segments[$0]! }, workers: options.workers) {
            segment -> PendingSegment in
            var segment = segment
            times.withUnsafeBufferPointer { times in
                ids.withUnsafeBufferPointer { ids in
                    positions.withUnsafeBufferPointer { order in
                        segment.rows.sort { a, b in
                            if times[a] != times[b] { return times[a] < times[b] }
                            if ids[a] != ids[b] { return ids[a] < ids[b] }
                            return order[a] < order[b]
                        }
                    }
                }
            }
            return segment
        }
        var fileIDColumn = ColumnValues()
        fileIDColumn.bytes.reserveCapacity(fileIDs.count * 8)
        fileIDColumn.ends.reserveCapacity(fileIDs.count)
        fileIDColumn.isNull.reserveCapacity(fileIDs.count)
        for id in fileIDs { fileIDColumn.appendDecimal(id) }
        clock.lap("sort", into: &phases)
        let codec = store.settings.codec
        let frozenFileIDs = fileIDColumn
        let columns = combined.columns
        let chunkColumns = StoreFile.fileIDColumn + 1
        // Every chunk's size and NULL count first, one pass over each column in row order: a
        // chunk all NULL is then left out without a look at its rows.
        var segmentOfRow = [Int32](repeating: -1, count: combined.count)
        for (index, segment) in ordered.enumerated() {
            for row in segment.rows { segmentOfRow[row] = Int32(index) }
        }
        let rowCounts = ordered.map(\.rows.count)
        let rowSegments = segmentOfRow
        let measures = Parallel.map(Array(0..<chunkColumns), workers: options.workers) { column in
            let values = column == StoreFile.fileIDColumn ? frozenFileIDs : columns[column]
            return ChunkEncoding.measureSegments(values, segmentOfRow: rowSegments, rowCounts: rowCounts)
        }
        let tasks = ordered.indices.flatMap { segment in
            (0..<chunkColumns).compactMap { column -> (Int, Int)? in
                let allNull = measures[column][segment].nulls == rowCounts[segment]
                return allNull && StoreFile.mayLackChunk(column: column) ? nil : (segment, column)
            }
        }
        // Largest chunks first: compressing is most of the commit, and the threads share it
        // best when the last chunks left are small.
        let cost = tasks.map { measures[$0.1][$0.0].encodedBytes }
        let chunks: [EncodedChunk] = Parallel.map(
            tasks, workers: options.workers, startOrder: tasks.indices.sorted { cost[$0] > cost[$1] },
            state: { ChunkCompressor(codec) },
            transform: { compressor, task in
                let (segment, column) = task
                let values = column == StoreFile.fileIDColumn ? frozenFileIDs : columns[column]
                return Self.encodeChunk(
                    values, rows: ordered[segment].rows, measure: measures[column][segment], column: column,
                    compressor: compressor)
            })
        var encoded = [[EncodedChunk]](repeating: [], count: ordered.count)
        for (task, chunk) in zip(tasks, chunks) { encoded[task.0].append(chunk) }
        clock.lap("encode+compress", into: &phases)

        var prepared = PreparedCommit(newEvents: newEvents, replacedBytes: replacedBytes)
        for (offset, (file, info)) in batch.files.enumerated() {
            let times = combined.eventTimeMs[info.events].filter { $0 != EventTime.missing }
            let location = file.location
            prepared.files.append(
                CatalogFile(
                    id: firstFileID + Int64(offset), identity: file.identity, path: location.path,
                    s3Key: location.s3Key, organizationID: location.organizationID, account: location.account,
                    region: location.region, day: location.day, format: info.format.rawValue,
                    compressedBytes: Int64(file.billedSize), uncompressedBytes: Int64(info.uncompressedBytes),
                    events: Int64(info.events.count), firstEventMs: times.min(), lastEventMs: times.max(),
                    sizeEstimated: file.sizeEstimated))
            prepared.locations.append(location)
            prepared.undatedEvents += info.events.count - times.count
        }
        prepared.segments = zip(ordered, encoded).map { segment, chunks in
            let dated = segment.rows.lazy.map { combined.eventTimeMs[$0] }.filter { $0 != EventTime.missing }
            return PreparedSegment(
                row: CatalogSegment(
                    id: segment.existingID ?? 0, bucketStartMs: segment.bucket, events: Int64(segment.rows.count),
                    minEventMs: dated.min(), maxEventMs: dated.max()),
                isNew: segment.existingID == nil, sizes: segment.rows.map { combined.recordBytes[$0] }, chunks: chunks)
        }
        var storage: [ColumnValues] = []
        swap(&storage, &combined.columns)
        recycler.give(storage)
        clock.lap("catalog rows", into: &phases)
        return prepared
    }

    /// Min/max are kept for scalar columns whose extremes are short enough to be useful for pruning.
    private static let statisticsLimit = 256

    static func encodeChunk(
        _ values: ColumnValues, rows: [Int], measure: ChunkEncoding.Measure? = nil, column: Int,
        compressor: ChunkCompressor
    ) -> EncodedChunk {
        let keepsStatistics = column == StoreFile.fileIDColumn || EventSchema.columns[column].kind != .json
        let (compressed, encodedBytes, nulls, extremes) = compressor.encodeAndCompress(
            values, order: rows, measure: measure, extremes: keepsStatistics)
        func statistic(_ row: Int?) -> String? {
            guard let row, values.range(row).count <= statisticsLimit else { return nil }
            return values.string(row)
        }
        return EncodedChunk(
            column: column, encodedBytes: encodedBytes, data: compressed, nullCount: nulls,
            minValue: statistic(extremes.minimum), maxValue: statistic(extremes.maximum),
            dataChecksum: compressed.withUnsafeBytes(StoreChecksum.of))
    }
}

/// Measures the phases of an ingest, for the benchmark's breakdown.
struct PhaseClock {
    private var last = ContinuousClock.now

    mutating func lap(_ phase: String, into report: inout IngestReport) {
        lap(phase, into: &report.phaseSeconds)
    }

    mutating func lap(_ phase: String, into phases: inout [String: Double]) {
        let now = ContinuousClock.now
        let elapsed = now - last
        phases[phase, default: 0] +=
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        last = now
    }
}

extension ColumnValues {
    /// Appends `value` as its decimal text (what `String(value)` spells), without making a String
    /// for each of a batch's events.
    fileprivate mutating func appendDecimal(_ value: Int64) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt64.max
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(scratch[index]) }
        }
        ends.append(UInt32(bytes.count))
        isNull.append(false)
    }
}

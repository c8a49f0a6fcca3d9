import CloudTrail
import SQLite
import TrailStore

/// The event-window meter (ARCHITECTURE §4), CloudWatch Logs Insights' way of billing: the
/// ingested bytes of every event whose eventTime lies in the query's time range, whatever the
/// query selects. No column pruning; time pruning only.
///
/// The bytes of an event are its JSON object as the log file held it (kept per event at ingest,
/// in `event_sizes`). Segments wholly inside the window add their sizes without reading their
/// events' times; a segment the window's edge cuts reads its eventTime chunk to decide event by event.
final class EventWindowMeter {
    private struct Segment {
        let id: Int64
        let minMs: Int64?
        let maxMs: Int64?
        let sizes: [UInt32]
    }

    private let connection: Connection
    private let segments: [Segment]
    private let totalEvents: Int64

    init(_ connection: Connection) throws(MeteringError) {
        self.connection = connection
        do {
            let hasSizes =
                try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'event_sizes'")?.integer == 1
            let rows = try connection.prepare(
                hasSizes
                    ? """
                    SELECT s.id, s.min_event_ms, s.max_event_ms, s.events, e.data
                    FROM segments s LEFT JOIN event_sizes e ON e.segment_id = s.id ORDER BY s.bucket_start_ms
                    """
                    : "SELECT id, min_event_ms, max_event_ms, events, NULL FROM segments ORDER BY bucket_start_ms")
            var segments: [Segment] = []
            var events: Int64 = 0
            while try rows.step() {
                let id = rows.int64(at: 0)
                let count = Int(rows.int64(at: 3))
                let sizes = rows.value(at: 4) == .null ? nil : rows.withBlob(at: 4) { StoreFile.decodeEventSizes($0) }
                guard let sizes, sizes.count == count, !sizes.contains(0) else {
                    throw MeteringError.store(
                        "segment \(id) holds no per-event sizes (ingested before TrailMeter kept them); "
                            + "the event-window meter needs them: ingest the logs into a new store")
                }
                func optional(_ index: Int32) -> Int64? { rows.value(at: index) == .null ? nil : rows.int64(at: index) }
                segments.append(Segment(id: id, minMs: optional(1), maxMs: optional(2), sizes: sizes))
                events += Int64(count)
            }
            self.segments = segments
            totalEvents = events
        } catch let error as MeteringError {
            throw error
        } catch {
            throw .store("cannot read the per-event sizes: \(error)")
        }
    }

    /// The bytes of the events inside `window` (every event when nil).
    /// With `edgesWhole` (a dry run), a segment the window's edge cuts counts whole, unread: an upper bound.
    func measure(_ window: TimeWindow?, edgesWhole: Bool = false) throws(MeteringError) -> ScanMeasurement {
        var measurement = ScanMeasurement(layout: .eventWindow, source: .planned)
        measurement.unitsTotal = Int(totalEvents)
        measurement.segmentsTotal = segments.count
        measurement.eventTimeWindow = window
        measurement.scans = 1
        let lower = window?.lowerMs ?? Int64.min
        let upper = window?.upperMs ?? Int64.max
        for segment in segments {
            var bytes: Int64 = 0
            var events = 0
            if window == nil {
                bytes = segment.sizes.reduce(0) { $0 + Int64($1) }
                events = segment.sizes.count
            } else {
                // Undated events lie in no time range; a segment outside the window is skipped unread.
                guard let minMs = segment.minMs, let maxMs = segment.maxMs, maxMs >= lower, minMs <= upper else {
                    continue
                }
                if minMs >= lower, maxMs <= upper || edgesWhole {
                    bytes = segment.sizes.reduce(0) { $0 + Int64($1) }
                    events = segment.sizes.count
                } else {
                    let times = try eventTimes(segment)
                    for (time, size) in zip(times, segment.sizes) where time.map({ $0 >= lower && $0 <= upper }) == true
                    {
                        bytes += Int64(size)
                        events += 1
                    }
                }
            }
            guard events > 0 else { continue }
            measurement.bytesScanned += bytes
            measurement.unitsRead += events
            measurement.segmentsRead += 1
            measurement.eventsScanned += Int64(events)
            measurement.eventsMatched += Int64(events)
        }
        measurement.pruning = [
            "time range only: \(measurement.unitsRead) of \(totalEvents) events in \(measurement.segmentsRead) of \(segments.count) segments"
        ]
        return measurement
    }

    /// Segments the edges of `window` cut, whose events `measure` decides one by one.
    func segmentsCut(by window: TimeWindow?) -> Int {
        guard let window else { return 0 }
        let lower = window.lowerMs ?? Int64.min
        let upper = window.upperMs ?? Int64.max
        return segments.filter { segment in
            guard let minMs = segment.minMs, let maxMs = segment.maxMs, maxMs >= lower, minMs <= upper else {
                return false
            }
            return minMs < lower || maxMs > upper
        }.count
    }

    /// Each event's time in storage order (nil when undated).
    private func eventTimes(_ segment: Segment) throws(MeteringError) -> [Int64?] {
        let name = StoreFile.storedColumnNames[EventSchema.eventTimeIndex]
        do {
            let query = try connection.prepare(
                "SELECT codec, encoded_bytes, data FROM chunks WHERE segment_id = ? AND column_id = ?")
            try query.bind([.integer(segment.id), .integer(Int64(EventSchema.eventTimeIndex))])
            guard try query.step(), let codec = query.text(at: 0).flatMap(ChunkCodec.init) else {
                throw MeteringError.corruptChunk(segment: segment.id, column: name, detail: "no chunk stored")
            }
            let values = try query.withBlob(at: 2) { blob in
                let encoded = try ChunkEncoding.decompress(blob, encodedSize: Int(query.int64(at: 1)), codec: codec)
                return try encoded.withUnsafeBytes { try ChunkEncoding.decode($0) }
            }
            return values.bytes.withUnsafeBytes { bytes in
                (0..<values.count).map { row in
                    values.isNull[row]
                        ? nil : EventTime.milliseconds(UnsafeRawBufferPointer(rebasing: bytes[values.range(row)]))
                }
            }
        } catch {
            throw .readingChunk(name, segment: segment.id, error)
        }
    }
}

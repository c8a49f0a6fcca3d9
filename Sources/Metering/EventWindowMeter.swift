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
        /// The eventTime chunk's catalog row, read when the window's edge cuts the segment.
        let eventTime: CatalogChunk?
    }

    private let store: StoreFile
    private let segments: [Segment]
    private let totalEvents: Int64

    /// Reads the catalog and every segment's sizes, each row checked against its checksum: damage
    /// is an error here, before any figure is given.
    init(_ store: StoreFile) throws(MeteringError) {
        self.store = store
        let contents: StoreContents
        let sizes: [Int64: [UInt32]]
        do {
            contents = try StoreContents.read(store)
            sizes = try EventSizes.readAll(contents.segments, from: store)
        } catch {
            throw .storeFile(error)
        }
        var segments: [Segment] = []
        for segment in contents.segments {
            let segmentSizes = sizes[segment.id] ?? []
            guard !segmentSizes.contains(0) else {
                throw MeteringError.store(
                    "segment \(segment.id) holds events of unknown size; "
                        + "the event-window meter needs every size: ingest the logs into a new store")
            }
            segments.append(
                Segment(
                    id: segment.id, minMs: segment.minEventMs, maxMs: segment.maxEventMs, sizes: segmentSizes,
                    eventTime: contents.chunks[segment.id]?[EventSchema.eventTimeIndex]))
        }
        self.segments = segments
        totalEvents = segments.reduce(0) { $0 + Int64($1.sizes.count) }
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

    /// Each event's time in storage order (nil when undated), from the eventTime chunk checked
    /// against its catalog row.
    private func eventTimes(_ segment: Segment) throws(MeteringError) -> [Int64?] {
        let name = StoreFile.storedColumnNames[EventSchema.eventTimeIndex]
        guard let chunk = segment.eventTime else {
            throw .corruptChunk(segment: segment.id, column: name, detail: "no chunk stored")
        }
        do {
            let query = try store.connection.prepare("SELECT data FROM chunks WHERE segment_id = ? AND column_id = ?")
            try query.bind([.integer(segment.id), .integer(Int64(EventSchema.eventTimeIndex))])
            guard try query.step() else {
                throw MeteringError.corruptChunk(segment: segment.id, column: name, detail: "no chunk stored")
            }
            let values = try query.withBlob(at: 0) { try chunk.decode($0, segmentEvents: segment.sizes.count) }
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

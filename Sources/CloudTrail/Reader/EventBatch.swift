/// The text of one column for a run of events: values back to back, with an end offset per event.
public struct ColumnValues: Sendable {
    /// The values' bytes (UTF-8 text), back to back.
    public var bytes: [UInt8] = []
    /// End offset in `bytes` of each event's value; the start is the previous end (or 0).
    public var ends: [UInt32] = []
    /// Whether each event's value is NULL (absent or JSON null).
    public var isNull: [Bool] = []

    public init() {}

    /// Number of values.
    public var count: Int { ends.count }

    /// The byte range of value `index`.
    @inline(__always) public func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// The value at `index` as a String, nil for NULL.
    public func string(_ index: Int) -> String? {
        isNull[index] ? nil : String(decoding: bytes[range(index)], as: UTF8.self)
    }

    @inline(__always) mutating func appendNull() {
        ends.append(UInt32(bytes.count))
        isNull.append(true)
    }

    @inline(__always) mutating func closeValue() {
        ends.append(UInt32(bytes.count))
        isNull.append(false)
    }

    /// Appends a copy of `other`'s value `index`.
    @inline(__always) public mutating func append(from other: ColumnValues, _ index: Int) {
        if other.isNull[index] {
            appendNull()
        } else {
            let range = other.range(index)
            other.bytes.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
            closeValue()
        }
    }

    /// Drops every value, keeping the arrays' storage for the next batch.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        isNull.removeAll(keepingCapacity: true)
    }

    /// Bytes of storage the arrays hold, used or not.
    public var capacityBytes: Int { bytes.capacity + ends.capacity * 4 + isNull.capacity }

    /// Keeps the first `count` values (all of them when there are fewer), and drops bytes
    /// written after the last value kept.
    mutating func truncate(to count: Int) {
        let kept = min(count, ends.count)
        let end = kept == 0 ? 0 : Int(ends[kept - 1])
        guard kept < ends.count || bytes.count > end else { return }
        bytes.removeLast(bytes.count - end)
        ends.removeLast(ends.count - kept)
        isNull.removeLast(isNull.count - kept)
    }

    /// Appends all of `other`'s values.
    public mutating func append(contentsOf other: ColumnValues) {
        let base = UInt32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        let first = ends.count
        ends.append(contentsOf: other.ends)
        if base > 0 {
            ends.withUnsafeMutableBufferPointer { ends in
                for index in first..<ends.count { ends[index] += base }
            }
        }
        isNull.append(contentsOf: other.isNull)
    }

    /// Appends a value given as bytes, or NULL.
    public mutating func append(_ value: UnsafeRawBufferPointer?) {
        guard let value else {
            appendNull()
            return
        }
        bytes.append(contentsOf: value)
        closeValue()
    }
}

/// Events in columnar form: one `ColumnValues` per `EventSchema` column, plus each event's
/// `eventTime` in milliseconds since 1970 (nil when absent or unparseable).
public struct EventBatch: Sendable {
    /// Columns in `EventSchema.columns` order.
    public var columns: [ColumnValues]
    /// `eventTime` of each event in epoch milliseconds; `EventTime.missing` when it has none.
    public var eventTimeMs: [Int64] = []
    /// Bytes of each record's JSON object as the log file holds it (what CloudWatch Logs ingests
    /// as the event's message); 0 when unknown (a segment stored before sizes were kept).
    public var recordBytes: [UInt32] = []

    public init() {
        columns = Array(repeating: ColumnValues(), count: EventSchema.columns.count)
    }

    /// Number of events.
    public var count: Int { eventTimeMs.count }

    /// Appends all of `other`'s events.
    public mutating func append(contentsOf other: EventBatch) {
        for column in columns.indices { columns[column].append(contentsOf: other.columns[column]) }
        eventTimeMs.append(contentsOf: other.eventTimeMs)
        recordBytes.append(contentsOf: other.recordBytes)
    }

    /// Appends event `index` of `other`.
    public mutating func append(from other: EventBatch, _ index: Int) {
        for column in columns.indices { columns[column].append(from: other.columns[column], index) }
        eventTimeMs.append(other.eventTimeMs[index])
        recordBytes.append(other.recordBytes[index])
    }
}

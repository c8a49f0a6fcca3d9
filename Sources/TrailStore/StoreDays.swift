import CloudTrail
import SQLite

/// One day of a store, for resampling a sample by days: what its files and segments hold.
public struct DayFigures: Sendable, Equatable {
    /// The day as Athena's projection spells it (`yyyy/MM/dd`).
    public var day: String
    /// Bytes of the day's log files as stored in S3 (gzip), and of their JSON.
    public var gzipBytes: Int64 = 0
    public var jsonBytes: Int64 = 0
    public var events: Int64 = 0
    /// Compressed columnar bytes of the day's segments, per column name.
    public var columnBytes: [String: Int64] = [:]

    public init(
        day: String, gzipBytes: Int64 = 0, jsonBytes: Int64 = 0, events: Int64 = 0, columnBytes: [String: Int64] = [:]
    ) {
        self.day = day
        self.gzipBytes = gzipBytes
        self.jsonBytes = jsonBytes
        self.events = events
        self.columnBytes = columnBytes
    }
}

/// One log file's figures, for resampling a sample by files.
public struct FileFigures: Sendable, Equatable {
    public var gzipBytes: Int64
    public var jsonBytes: Int64
    public var events: Int64
}

/// Per-day figures of a store: files by their S3 partition day, segments by their start.
public enum StoreDays {
    /// Every catalogued file's sizes and events, in catalog order.
    public static func files(of store: StoreFile) throws(TrailStoreError) -> [FileFigures] {
        let rows = try onStore(
            store.path,
            try store.connection.prepare("SELECT compressed_bytes, uncompressed_bytes, events FROM files ORDER BY id"))
        var files: [FileFigures] = []
        while try onStore(store.path, try rows.step()) {
            files.append(
                FileFigures(gzipBytes: rows.int64(at: 0), jsonBytes: rows.int64(at: 1), events: rows.int64(at: 2)))
        }
        return files
    }

    /// The days the store holds, in order. Files without a partition day and the undated segment
    /// are left out (they belong to no day a resample could draw).
    public static func of(_ store: StoreFile) throws(TrailStoreError) -> [DayFigures] {
        var days: [String: DayFigures] = [:]
        let files = try onStore(
            store.path,
            try store.connection.prepare(
                """
                SELECT day, sum(compressed_bytes), sum(uncompressed_bytes), sum(events)
                FROM files WHERE day IS NOT NULL GROUP BY day
                """))
        while try onStore(store.path, try files.step()) {
            let day = files.text(at: 0) ?? ""
            days[day] = DayFigures(
                day: day, gzipBytes: files.int64(at: 1), jsonBytes: files.int64(at: 2), events: files.int64(at: 3))
        }
        let chunks = try onStore(
            store.path,
            try store.connection.prepare(
                """
                SELECT s.bucket_start_ms, c.name, sum(k.compressed_bytes)
                FROM chunks k JOIN segments s ON s.id = k.segment_id JOIN columns c ON c.id = k.column_id
                WHERE s.bucket_start_ms <> \(StoreFile.undatedBucket)
                GROUP BY s.bucket_start_ms, c.name
                """))
        while try onStore(store.path, try chunks.step()) {
            let day = EventTime.partitionDay(chunks.int64(at: 0))
            let column = chunks.text(at: 1) ?? ""
            days[day, default: DayFigures(day: day)].columnBytes[column, default: 0] += chunks.int64(at: 2)
        }
        return days.values.sorted { $0.day < $1.day }
    }
}

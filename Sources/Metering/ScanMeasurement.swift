/// What one query read from one layout: the figures a bill is computed from, and what explains them.
public struct ScanMeasurement: Sendable, Equatable {
    /// The layouts TrailMeter meters.
    public enum Layout: String, Sendable {
        /// Athena-style: the gzip log files, read whole, pruned only by partition columns.
        case raw
        /// Lake-style: per-column compressed chunks in eventTime segments.
        case columnar
        /// CloudWatch Logs Insights-style: the ingested bytes of the events in the time range.
        case eventWindow = "event-window"
    }

    /// How the figures were obtained.
    public enum Source: String, Sendable {
        /// Counted while the layout produced the query's rows.
        case executed
        /// Planned from the catalog (the files partition pruning keeps) without reading them.
        case planned
    }

    public var layout: Layout
    public var source: Source
    /// Compressed bytes read: whole files (raw) or chunks of the referenced columns (columnar).
    public var bytesScanned: Int64 = 0
    /// Files (raw) or chunks (columnar) read, and how many the layout holds.
    public var unitsRead: Int = 0
    public var unitsTotal: Int = 0
    /// Raw: files of `unitsRead` known only from a bucket listing (planned from their listed
    /// sizes; their contents are not in the store).
    public var listedUnitsRead: Int = 0
    /// Raw: files of `unitsRead` whose bytes are the estimated gzip size of a plain-JSON file.
    public var estimatedUnitsRead: Int = 0
    /// Columnar: segments read and held. Raw: 0.
    public var segmentsRead: Int = 0
    public var segmentsTotal: Int = 0
    /// Events in what was read.
    public var eventsScanned: Int64 = 0
    /// Events in what was read that lie inside the eventTime bounds the layout was given (all
    /// scanned events when it was given none). CloudTrail Lake's EventsMatched counts events
    /// passing the whole WHERE clause; the layouts see only the bounds SQLite pushes to them.
    public var eventsMatched: Int64 = 0
    /// The columns of the layout the query used, in schema order (partition columns last).
    public var columns: [String] = []
    /// The eventTime bounds the layout was given, e.g. `>= '2022-01-22 00:00:30.000'`.
    public var eventTimeBounds: [String] = []
    /// The eventTime window those bounds admit over all scans; nil when some scan was unbounded.
    public var eventTimeWindow: TimeWindow?
    /// The partition bounds the layout was given, e.g. `timestamp = '2022/01/22'`.
    public var partitionBounds: [String] = []
    /// The days the `timestamp` partition bounds admit (each day whole, upper end inclusive of its
    /// last millisecond); nil when some scan had none or the table has no such partition.
    public var partitionDayWindow: TimeWindow?
    /// How many times the statement scanned the table (a self-join or correlated subquery scans
    /// it more than once, and each scan is read and billed again).
    public var scans: Int = 0
    /// Why units were skipped, one line per reason, for `--explain`.
    public var pruning: [String] = []

    public init(layout: Layout, source: Source) {
        self.layout = layout
        self.source = source
    }

    /// The unit the layout reads: "files" or "chunks".
    public var unitName: String {
        switch layout {
        case .raw: return "files"
        case .columnar: return "chunks"
        case .eventWindow: return "events"
        }
    }
}

import CloudTrail
import QueryEngine
import SQLite

/// Adds up what a layout reads over one statement (all its scans) into a `ScanMeasurement`.
final class ScanMeter {
    private(set) var measurement: ScanMeasurement
    private var columnsSeen: Set<Int> = []
    private var pruningSeen: Set<String> = []
    /// Scans of this statement that SQLite stopped before their end (a `LIMIT`, an `EXISTS`, a join
    /// that found its row): they read less than a plan that keeps every file.
    private(set) var scansStoppedEarly = 0

    init(layout: ScanMeasurement.Layout, source: ScanMeasurement.Source) {
        measurement = ScanMeasurement(layout: layout, source: source)
    }

    /// Starts a new statement.
    func reset(unitsTotal: Int, segmentsTotal: Int) {
        let layout = measurement.layout
        let source = measurement.source
        measurement = ScanMeasurement(layout: layout, source: source)
        measurement.unitsTotal = unitsTotal
        measurement.segmentsTotal = segmentsTotal
        columnsSeen = []
        pruningSeen = []
        scansStoppedEarly = 0
    }

    /// Records that a scan ended before it had read every unit it planned to.
    func scanStoppedEarly() { scansStoppedEarly += 1 }

    /// Records one scan's request: the layout columns it uses and the bounds it was given.
    func beginScan(columns: [Int], constraints: ScanConstraints, partitionsApply: Bool) {
        let firstScan = measurement.scans == 0
        measurement.scans += 1
        let window = TimeWindow.of(constraints.eventTime, parse: EventTime.milliseconds)
        measurement.eventTimeWindow = firstScan ? window : window.flatMap { measurement.eventTimeWindow?.union($0) }
        let timestamp = LayoutColumns.partitionNames.firstIndex(of: "timestamp")!
        var days =
            partitionsApply
            ? TimeWindow.of(constraints.partitions[timestamp] ?? [], parse: TimeWindow.partitionDayStart) : nil
        days?.upperMs? += 86_400_000 - 1
        measurement.partitionDayWindow = firstScan ? days : days.flatMap { measurement.partitionDayWindow?.union($0) }
        columnsSeen.formUnion(columns)
        measurement.columns = columnsSeen.sorted().map(Self.name)
        for bound in constraints.eventTime where !measurement.eventTimeBounds.contains(bound.description) {
            measurement.eventTimeBounds.append(bound.description)
        }
        guard partitionsApply else { return }
        for (partition, bounds) in constraints.partitions.sorted(by: { $0.key < $1.key }) {
            for bound in bounds {
                let text = "\(LayoutColumns.partitionNames[partition]) \(bound.description)"
                if !measurement.partitionBounds.contains(text) { measurement.partitionBounds.append(text) }
            }
        }
    }

    /// Records one reason units were skipped, once per statement.
    func explain(_ line: String) {
        if pruningSeen.insert(line).inserted { measurement.pruning.append(line) }
    }

    @inline(__always) func addUnit(bytes: Int64) {
        measurement.unitsRead += 1
        measurement.bytesScanned += bytes
    }

    /// Notes how many of the units read came from a listing or carry an estimated size.
    func addOrigins(listed: Int, estimated: Int) {
        measurement.listedUnitsRead += listed
        measurement.estimatedUnitsRead += estimated
    }

    /// `count` units of `bytes` in all.
    func addUnits(_ count: Int, bytes: Int64) {
        measurement.unitsRead += count
        measurement.bytesScanned += bytes
    }

    @inline(__always) func addSegment() { measurement.segmentsRead += 1 }

    @inline(__always) func addEvents(scanned: Int64, matched: Int64) {
        measurement.eventsScanned += scanned
        measurement.eventsMatched += matched
    }

    static func name(_ column: Int) -> String { LayoutColumns.name(ofColumn: column) }
}

/// The bytes the layouts' read paths actually fetched, counted where they are read and apart
/// from the meter, so tests can check that what is metered is what was read. Not Sendable: it
/// belongs to one store, used from one thread at a time.
public final class ReadLedger {
    /// Bytes of chunk blobs fetched from the store, and how many.
    public private(set) var chunkBytes: Int64 = 0
    public private(set) var chunks = 0
    /// Bytes of raw log files read from disk, and how many files.
    public private(set) var fileBytes: Int64 = 0
    public private(set) var files = 0
    /// Rows the columnar layout made available to SQLite: fewer than it decoded when pushed
    /// filters or a LIMIT ranking left rows out (its bytes are the same either way).
    public private(set) var columnarRowsOffered = 0

    init() {}

    func chunkRead(_ bytes: Int) {
        chunkBytes += Int64(bytes)
        chunks += 1
    }
    func fileRead(_ bytes: Int) {
        fileBytes += Int64(bytes)
        files += 1
    }
    func rowsOffered(_ count: Int) { columnarRowsOffered += count }
    func reset() {
        chunkBytes = 0
        chunks = 0
        fileBytes = 0
        files = 0
        columnarRowsOffered = 0
    }
}

/// What both layout tables share: the store's catalog, the dialect the current statement is
/// read in, the Athena table's partitions, the columns the statement references, and a meter.
class MeteredLayoutTable {
    /// Replaced when another connection's commit changed the store between two queries.
    var catalog: StoreCatalog
    let ledger: ReadLedger
    let meter: ScanMeter
    /// The dialect the current statement presents values in.
    var dialect: Dialect = .athena
    /// How the current statement has each event column presented (`Translation.presenters`).
    var presenters: [CellPresenter] = ValuePresentation.presenters(for: .athena)
    /// True when the statement sees `eventtime` as a timestamp (Lake; an Athena table declaring
    /// `eventtime timestamp`): its bounds are canonical timestamp text, compared with the
    /// segments' Lake time ranges.
    var eventTimeIsTimestamp: Bool { presenters[EventSchema.eventTimeIndex].form == .timestamp }
    /// Partition columns (indexes into `LayoutColumns.partitionNames`) of the Athena table in use.
    var partitions: Set<Int> = []
    /// The files the current statement's table reads, when not every file of the store: set for
    /// Athena statements whose table's location leaves files out (`TableFiles`).
    var tableFiles: TableFiles?
    /// Layout columns the statement references, as the authorizer reported them; nil when unknown.
    /// Refines `colUsed`, whose last bit stands for every column from 63 on.
    var referencedColumns: Set<Int>?
    /// Off to measure what metering itself costs.
    var isMetering = true

    init(catalog: StoreCatalog, ledger: ReadLedger, meter: ScanMeter) {
        self.catalog = catalog
        self.ledger = ledger
        self.meter = meter
    }

    var declaration: String { LayoutColumns.declaration }

    /// What `$path` puts before a file's key: the bucket and any prefix before `AWSLogs/` of
    /// the Athena table's location; `s3://<bucket>/` when no location names them.
    var objectPrefix = MeteredStore.unknownObjectPrefix
    /// Reads listed objects' keys for `"$path"` bounds; nil in a store without listings.
    var listedPaths: ListedPaths?

    /// Hands SQLite hidden layout column `index` (a partition or file column) for the rows of
    /// catalog file `file` (-1: none).
    func fileColumn(_ index: Int, file: Int, into result: FunctionResult) {
        guard file >= 0 else { return result.null() }
        let entry = catalog.files[file]
        switch index {
        case LayoutColumns.pathColumn: result.text(objectPrefix + entry.objectKey)
        case LayoutColumns.fileSizeColumn: result.int64(entry.compressedBytes)
        default:
            guard let value = entry.partitionValues[index - LayoutColumns.eventColumnCount] else {
                return result.null()
            }
            value.withUnsafeBytes { ValuePresentation.partition.result(result, $0) }
        }
    }

    func bestIndex(_ info: IndexInfo) {
        ScanPlanning.bestIndex(info, partitions: partitions)
    }

    /// Layout columns the scan must produce.
    func columnsUsed(_ constraints: ScanConstraints) -> [Int] {
        (0..<LayoutColumns.count).filter { column in
            guard constraints.uses(column) else { return false }
            if column >= 63, let referencedColumns { return referencedColumns.contains(column) }
            return true
        }
    }

    /// Event columns whose values the scan needs: the used ones, or all of them for `eventjson`,
    /// which is rebuilt from every column.
    func eventColumnsNeeded(_ used: [Int]) -> [Int] {
        if used.contains(EventSchema.eventJSONIndex) { return Array(0..<LayoutColumns.eventColumnCount) }
        return used.filter { $0 < LayoutColumns.eventColumnCount }
    }
}

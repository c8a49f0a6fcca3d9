import CloudTrail
import QueryEngine
import SQLite
import TrailStore

/// The Athena table a query is taken to run against, which decides what the raw layout can prune.
public enum AthenaTableKind: String, Sendable, CaseIterable {
    /// The table the CloudTrail console creates: no partitions, every query reads every file.
    case unpartitioned
    /// AWS's partition-projection table: `timestamp` (`yyyy/MM/dd`), with the older
    /// `region`/`year`/`month`/`day` set and `account` for organization trails.
    case projected

    /// Its partition columns.
    public var partitionColumns: [String] {
        self == .unpartitioned ? [] : DialectSchema.partitionColumns
    }
}

/// One query's rows and what each layout read to produce them.
public struct MeteredResult: Sendable {
    public let translation: Translation
    /// Result column names.
    public var columns: [String] { translation.columns }
    public let rows: [[SQLiteValue]]
    /// The columnar layout, counted while it produced the rows.
    public let columnar: ScanMeasurement
    /// The raw layout: planned from the catalog, or counted when verified.
    public let raw: ScanMeasurement
    /// Present when the raw layout was executed too.
    public let verification: Verification?
}

/// What `verify` found on executing the raw layout as well.
public struct Verification: Sendable {
    /// The raw layout as planned (from the columnar run) and as counted (while reading files).
    public let planned: ScanMeasurement
    public let executed: ScanMeasurement
    /// True when both layouts returned the same rows in the same order.
    public let rowsMatch: Bool
    /// True when the planned raw bytes equal the bytes read.
    public let bytesMatch: Bool
}

/// A store opened for metered queries: both layouts as virtual tables on one read-only connection.
public final class MeteredStore {
    /// The SQLite names of the layout tables (every table name a query uses resolves to one).
    public static let columnarTableName = "columnar_events"
    public static let rawTableName = "raw_events"

    public let store: StoreFile
    public let athenaTable: AthenaTableKind
    public let clock: QueryClock
    /// Bytes the read paths actually fetched, counted apart from the meters (reset per query).
    public let ledger = ReadLedger()
    private let columnar: ColumnarTable
    private let raw: RawTable

    /// Opens `path` read-only and sets up both layouts.
    public init(path: String, athenaTable: AthenaTableKind = .unpartitioned, clock: QueryClock = .system)
        throws(MeteringError)
    {
        do { store = try StoreFile.openForReading(path) } catch { throw .storeFile(error) }
        self.athenaTable = athenaTable
        self.clock = clock
        let connection = store.connection
        let catalog = try StoreCatalog(connection)
        columnar = try ColumnarTable(catalog: catalog, ledger: ledger, connection: connection)
        raw = RawTable(catalog: catalog, ledger: ledger)
        let partitions = Set(
            athenaTable.partitionColumns.compactMap { LayoutColumns.partitionNames.firstIndex(of: $0) })
        columnar.partitions = partitions
        raw.partitions = partitions
        do { try SQLFunctions.register(on: connection, clock: clock) } catch { throw .engine(detail: "\(error)") }
        try VirtualTableModule.install(
            columnar, moduleName: "trailmeter_columnar", tableName: Self.columnarTableName, on: connection)
        try VirtualTableModule.install(raw, moduleName: "trailmeter_raw", tableName: Self.rawTableName, on: connection)
    }

    /// Files in the raw layout and chunks in the columnar layout.
    public var fileCount: Int { columnar.catalog.totalFileCount }
    public var chunkCount: Int { columnar.catalog.billableChunkCount }

    /// Turns metering off (to measure what it costs) or on.
    public var isMetering: Bool {
        get { columnar.isMetering }
        set {
            columnar.isMetering = newValue
            raw.isMetering = newValue
        }
    }

    /// Translates `sql` for one layout table.
    public func translate(_ sql: String, dialect: Dialect?, layout: ScanMeasurement.Layout) throws(MeteringError)
        -> Translation
    {
        let translator = Translator(
            tableName: layout == .raw ? Self.rawTableName : Self.columnarTableName, dialect: dialect,
            clock: clock, athenaPartitions: athenaTable.partitionColumns)
        do { return try translator.translate(sql) } catch { throw .query(error) }
    }

    /// Runs `sql` on the columnar layout, metering it and planning the raw layout's reads; with
    /// `verify`, runs it on the raw layout too and compares.
    public func run(_ sql: String, dialect: Dialect? = nil, verify: Bool = false) throws(MeteringError) -> MeteredResult
    {
        let translation = try translate(sql, dialect: dialect, layout: .columnar)
        ledger.reset()
        columnar.resetMeters()
        let rows = try execute(translation, on: columnar)
        let columnarMeasurement = columnar.meter.measurement
        let planned = columnar.rawPlan.measurement
        guard verify else {
            return MeteredResult(
                translation: translation, rows: rows, columnar: columnarMeasurement, raw: planned, verification: nil)
        }
        let rawTranslation = try translate(sql, dialect: translation.dialect, layout: .raw)
        let (rawRows, executed) = try runRaw(rawTranslation)
        let verification = Verification(
            planned: planned, executed: executed, rowsMatch: rawRows == rows,
            bytesMatch: planned.bytesScanned == executed.bytesScanned && planned.unitsRead == executed.unitsRead)
        return MeteredResult(
            translation: translation, rows: rows, columnar: columnarMeasurement, raw: executed,
            verification: verification)
    }

    /// Runs a translation made for the raw table on the raw layout.
    public func runRaw(_ translation: Translation) throws(MeteringError) -> (
        rows: [[SQLiteValue]], measurement: ScanMeasurement
    ) {
        raw.resetMeter()
        let rows = try execute(translation, on: raw)
        return (rows, raw.meter.measurement)
    }

    private func execute(_ translation: Translation, on table: MeteredLayoutTable) throws(MeteringError)
        -> [[SQLiteValue]]
    {
        table.dialect = translation.dialect
        var referenced: Set<Int> = []
        let tableName = table === raw ? Self.rawTableName : Self.columnarTableName
        do {
            let query = try UserQuery.prepare(translation, on: store.connection) { read in
                guard read.table == tableName else { return }
                if let index = EventSchema.indexByName[read.column] {
                    referenced.insert(index)
                } else if let partition = LayoutColumns.partitionNames.firstIndex(of: read.column) {
                    referenced.insert(LayoutColumns.eventColumnCount + partition)
                }
            }
            table.referencedColumns = referenced
            defer { table.referencedColumns = nil }
            return try query.allRows()
        } catch {
            throw .query(error)
        }
    }
}

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

    /// The table shape a query written without a table definition assumes, in words, from the
    /// partition columns it uses (layout names): see `AssumedAthenaTable`.
    public static func assumedShape(partitionsUsed: [String]) -> String {
        AssumedAthenaTable(partitionsUsed: partitionsUsed).description
    }
}

/// One query's rows and what each layout read to produce them.
public struct MeteredResult: Sendable {
    public let translation: Translation
    /// Result column names.
    public var columns: [String] { translation.columns }
    /// The rows, when the query was `run`; empty when they were `stream`ed to a callback.
    public let rows: [[SQLiteValue]]
    /// How many rows the columnar layout returned.
    public let rowCount: Int
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
    /// How the two layouts' rows compared, by what the query promises about their order.
    public let rows: RowAgreement
    /// True unless the layouts' rows differ in a way the query does not leave open.
    public var rowsMatch: Bool { rows.agrees }
    /// True when the planned raw bytes equal the bytes read; when SQLite stopped a raw scan early
    /// (`stoppedEarly`), true when no more than the planned bytes were read.
    public let bytesMatch: Bool
    /// True when SQLite needed only some of the rows of a raw scan (a `LIMIT`, say), so the raw layout
    /// read fewer files than it planned. Athena may stop early too; the plan is what a full scan bills.
    public let stoppedEarly: Bool
}

/// A store opened for metered queries: both layouts as virtual tables on one read-only connection.
public final class MeteredStore {
    /// The SQLite names of the layout tables (every table name a query uses resolves to one).
    public static let columnarTableName = "columnar_events"
    public static let rawTableName = "raw_events"

    public let store: StoreFile
    public let athenaTable: AthenaTableKind
    /// The user's own Athena table (`--athena-ddl`), which replaces `athenaTable` when given.
    public let athenaDefinition: AthenaTableDefinition?
    public let clock: QueryClock
    /// Values for template placeholders (`--param name=value`).
    public var parameters: [String: String] = [:]
    /// Bytes the read paths actually fetched, counted apart from the meters (reset per query).
    public let ledger = ReadLedger()
    let columnar: ColumnarTable
    private let raw: RawTable
    /// Loaded the first time a query asks for the event-window meter.
    private var eventWindow: EventWindowMeter?
    /// `PRAGMA data_version` when the event-window meter was read.
    private var eventWindowVersion: Int64 = 0
    /// `PRAGMA data_version` when the catalog was read: it changes when another connection commits.
    private var catalogVersion: Int64
    /// The files the Athena table reads (its location's), for the current catalog.
    private var athenaFiles: TableFiles
    /// The instant the layouts see the store as of (`view(asOf:)`); nil for the whole store.
    public private(set) var asOf: Int64?
    /// The whole store's catalog, which a view as of an instant is cut from, and the listed
    /// objects of the days cut most recently.
    private var wholeCatalog: StoreCatalog
    private var listedDays: [String: ListedDeliveries] = [:]

    /// Opens `path` read-only and sets up both layouts.
    public init(
        path: String, athenaTable: AthenaTableKind = .unpartitioned,
        athenaDefinition: AthenaTableDefinition? = nil, clock: QueryClock = .system
    ) throws(MeteringError) {
        do { store = try StoreFile.openForReading(path) } catch { throw .storeFile(error) }
        self.athenaTable = athenaTable
        self.athenaDefinition = athenaDefinition
        self.clock = clock
        let connection = store.connection
        let opened = store
        let (catalog, version) = try Self.withSnapshot(opened) { () throws(MeteringError) in
            (try StoreCatalog(opened), try Self.dataVersion(opened))
        }
        catalogVersion = version
        wholeCatalog = catalog
        athenaFiles = TableFiles(catalog: catalog, location: athenaDefinition?.readLocation ?? .defaultTable)
        columnar = try ColumnarTable(catalog: catalog, ledger: ledger, connection: connection)
        raw = RawTable(catalog: catalog, ledger: ledger)
        // A store made before listings has no `listed_files`: nothing listed to read then.
        let listedPaths = try? ListedPaths(connection: connection)
        columnar.listedPaths = listedPaths
        raw.listedPaths = listedPaths
        let partitions = Set(
            athenaPartitions.compactMap { LayoutColumns.partitionNames.firstIndex(of: $0) })
        columnar.partitions = partitions
        raw.partitions = partitions
        do { try SQLFunctions.register(on: connection, clock: clock) } catch { throw .engine(detail: "\(error)") }
        try VirtualTableModule.install(
            columnar, moduleName: "trailmeter_columnar", tableName: Self.columnarTableName, on: connection)
        try VirtualTableModule.install(raw, moduleName: "trailmeter_raw", tableName: Self.rawTableName, on: connection)
    }

    /// What Athena's `"$path"` puts before a file's key from `AWSLogs/` on: from the Athena
    /// table's location (`--athena-ddl`), else `s3://<bucket>/`, since a store does not know its bucket.
    public var objectPrefix: String {
        let location = athenaDefinition.flatMap { $0.location.map(AthenaTableLocation.init) ?? $0.readLocation }
        return location?.objectPrefix ?? Self.unknownObjectPrefix
    }

    /// `objectPrefix` when no table location names the bucket.
    public static let unknownObjectPrefix = "s3://<bucket>/"

    /// What `$path` puts before each key for `translation`: the table location's prefix, else
    /// the one its own `s3://` strings name (`WHERE "$path" LIKE 's3://bucket/AWSLogs/...'`),
    /// else `unknownObjectPrefix`.
    public func objectPrefix(for translation: Translation) -> String {
        let prefix = objectPrefix
        guard prefix == Self.unknownObjectPrefix, let written = translation.objectPrefixWritten else { return prefix }
        return written
    }

    /// Where the bucket in `translation`'s `$path` values came from, when no table location
    /// gave it; nil for a statement without `$path` or with a location.
    public func objectPrefixNote(for translation: Translation) -> String? {
        guard translation.fileColumnsUsed.contains("$path"), objectPrefix == Self.unknownObjectPrefix else {
            return nil
        }
        if let written = translation.objectPrefixWritten {
            return
                "$path: each key is shown after \(written), taken from the query's own s3:// string (give --athena-ddl with the table's LOCATION to set it)"
        }
        return
            "$path: a store does not know its bucket: each key is shown after \(Self.unknownObjectPrefix) (give --athena-ddl with the table's LOCATION)"
    }

    /// The layout partitions the Athena table has: its DDL's, else the table kind's (every
    /// partition column while the table is assumed per query).
    public var athenaPartitions: [String] {
        if let athenaDefinition { return athenaDefinition.layoutPartitions }
        return assumesAthenaTable ? DialectSchema.partitionColumns : athenaTable.partitionColumns
    }

    /// True when no Athena table was given: each query is taken to run on the table shape its
    /// partition columns imply (`AthenaTableKind.assumedShape`), so the raw layout prunes on
    /// exactly the partition columns the query uses and reads everything when it uses none.
    public var assumesAthenaTable = false {
        didSet { usePartitions(athenaPartitions) }
    }

    func usePartitions(_ names: [String]) {
        let partitions = Set(names.compactMap { LayoutColumns.partitionNames.firstIndex(of: $0) })
        columnar.partitions = partitions
        raw.partitions = partitions
    }

    /// What the Athena table's location leaves out of the store, in words (for the query's
    /// header); nil when it reads every file a user would look for.
    public var athenaLocationNote: String? { athenaFiles.note }

    /// The store's time span (first event, and the instant after the last), the default for
    /// time placeholders; nil for an empty store.
    public var timeSpan: (start: Int64, end: Int64)? { columnar.catalog.timeSpan }

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
    public func translate(
        _ sql: String, dialect: Dialect?, layout: ScanMeasurement.Layout, dropsLimit: Bool = false
    ) throws(MeteringError) -> Translation {
        var translator = Translator(
            tableName: layout == .raw ? Self.rawTableName : Self.columnarTableName, dialect: dialect,
            clock: clock, athenaPartitions: athenaPartitions)
        translator.athenaDefinition = athenaDefinition
        translator.assumesAthenaTable = assumesAthenaTable
        translator.parameters = parameters
        translator.timeSpan = timeSpan
        translator.dropsLimit = dropsLimit
        do { return try translator.translate(sql) } catch {
            // Read in the other dialect than its table name suggests, a statement that fails
            // there too says what the suggested one failed on: that may be the user's mistake.
            if dialect == nil, let named = translator.namedDialectError(sql) {
                throw .queryInDetectedDialect(error, dialect: translator.detectDialect(sql), namedError: named)
            }
            throw .query(error)
        }
    }

    /// The event-window meter (CloudWatch Logs Insights): the ingested bytes of the events inside
    /// `window`, every event when nil. A query's window is its columnar measurement's `eventTimeWindow`.
    public func eventWindowBytes(_ window: TimeWindow?) throws(MeteringError) -> ScanMeasurement {
        try Self.withSnapshot(store) { () throws(MeteringError) in try eventWindowMeter().measure(window) }
    }

    /// The meter, read again when another connection has committed since it was read; its
    /// catalog and sizes come from one snapshot (the caller's, when it holds one).
    func eventWindowMeter() throws(MeteringError) -> EventWindowMeter {
        try Self.withSnapshot(store) { () throws(MeteringError) in
            let version = try Self.dataVersion(store)
            if let eventWindow, eventWindowVersion == version { return eventWindow }
            let meter = try EventWindowMeter(store)
            eventWindow = meter
            eventWindowVersion = version
            return meter
        }
    }

    /// Runs `sql` on the columnar layout, metering it and planning the raw layout's reads; with
    /// `verify`, runs it on the raw layout too and compares. Returns every row: for queries whose
    /// rows may be many, `stream` hands them over one at a time instead.
    public func run(_ sql: String, dialect: Dialect? = nil, verify: Bool = false, limits: QueryLimits = .unlimited)
        throws(MeteringError) -> MeteredResult
    {
        var rows: [[SQLiteValue]] = []
        let result = try stream(sql, dialect: dialect, verify: verify, limits: limits) { rows.append($0) }
        return MeteredResult(
            translation: result.translation, rows: rows, rowCount: result.rowCount, columnar: result.columnar,
            raw: result.raw, verification: result.verification)
    }

    /// Runs `sql` like `run`, handing each row to `onRow` as SQLite produces it, so memory does
    /// not grow with the result. The query runs under `limits`. With `verify`, the raw layout's
    /// rows are compared with the columnar layout's through a running hash of each stream (in
    /// order), so neither is buffered.
    public func stream(
        _ sql: String, dialect: Dialect? = nil, verify: Bool = false, limits: QueryLimits = .unlimited,
        onRow: ([SQLiteValue]) -> Void
    ) throws(MeteringError) -> MeteredResult {
        let translation = try translate(sql, dialect: dialect, layout: .columnar)
        // Each query reads one committed state: the catalog (read again if an ingest committed
        // since) and every chunk come from the same snapshot, held until the query ends.
        return try Self.withSnapshot(store) { () throws(MeteringError) in
            let version = try Self.dataVersion(store)
            if version != catalogVersion { try reload(version: version) }
            return try streamInSnapshot(translation, sql: sql, verify: verify, limits: limits, onRow: onRow)
        }
    }

    /// Makes every layout see the store as the bucket and the event data store stood at
    /// `instant` (milliseconds since 1970), or whole when nil: the files delivered by then (the
    /// stamp in a file's name, else its last event), listed objects by the stamps in their keys,
    /// and the segments begun before then. AWS could read nothing delivered later, so
    /// `calibrate` views the store as of each execution's submission. The event-window meter
    /// keeps reading the whole store.
    public func view(asOf instant: Int64?) throws(MeteringError) {
        guard instant != asOf else { return }
        let previous = asOf
        asOf = instant
        do {
            try Self.withSnapshot(store) { () throws(MeteringError) in
                let version = try Self.dataVersion(store)
                if version != catalogVersion {
                    try reload(version: version)
                } else {
                    install(try cut(wholeCatalog, asOf: instant))
                }
            }
        } catch {
            // The layouts still hold the view before: say so.
            asOf = previous
            throw error
        }
    }

    /// Reads the catalog again after another connection's commit, and cuts it as before.
    private func reload(version: Int64) throws(MeteringError) {
        wholeCatalog = try StoreCatalog(store)
        listedDays = [:]
        catalogVersion = version
        install(try cut(wholeCatalog, asOf: asOf))
    }

    /// `catalog` as of `instant` (whole when nil); a day's listed objects are read in the
    /// caller's snapshot the first time an instant of that day is asked for.
    private func cut(_ catalog: StoreCatalog, asOf instant: Int64?) throws(MeteringError) -> StoreCatalog {
        guard let instant else { return catalog }
        let day = Delivery.day(of: instant)
        let partitions = catalog.listedPartitions
        if listedDays[day] == nil, partitions.contains(where: { $0.key.day == day }) {
            // Executions come a few a day: the days last cut are the ones asked again.
            if listedDays.count >= 8 { listedDays.removeAll() }
            do { listedDays[day] = try ListedDeliveries.read(day: day, partitions: partitions, from: store) } catch {
                throw .storeFile(error)
            }
        }
        return catalog.asOf(
            instant, listed: ListedDeliveries.cut(partitions, asOf: instant, listed: listedDays[day]))
    }

    private func install(_ catalog: StoreCatalog) {
        columnar.catalog = catalog
        raw.catalog = catalog
        athenaFiles = TableFiles(catalog: catalog, location: athenaFiles.location)
    }

    private func streamInSnapshot(
        _ translation: Translation, sql: String, verify: Bool, limits: QueryLimits, onRow: ([SQLiteValue]) -> Void
    ) throws(MeteringError) -> MeteredResult {
        if assumesAthenaTable, athenaDefinition == nil { usePartitions(translation.partitionsUsed) }
        ledger.reset()
        columnar.resetMeters()
        let keepsRows = verify && translation.resultOrder.isLimited
        var columnarRows = RowDigest(keepsRows: keepsRows)
        try execute(translation, on: columnar, limits: limits) { row in
            columnarRows.add(row)
            onRow(row)
        }
        let columnarMeasurement = columnar.meter.measurement
        let planned = columnar.rawPlan.measurement
        guard verify else {
            return MeteredResult(
                translation: translation, rows: [], rowCount: columnarRows.count, columnar: columnarMeasurement,
                raw: planned, verification: nil)
        }
        let rawTranslation = try translate(sql, dialect: translation.dialect, layout: .raw)
        var rawRows = RowDigest(keepsRows: keepsRows)
        raw.resetMeter()
        try execute(rawTranslation, on: raw, limits: limits) { rawRows.add($0) }
        let executed = raw.meter.measurement
        let stoppedEarly = raw.meter.scansStoppedEarly > 0
        let bytesMatch =
            stoppedEarly
            ? executed.bytesScanned <= planned.bytesScanned && executed.unitsRead <= planned.unitsRead
            : executed.bytesScanned == planned.bytesScanned && executed.unitsRead == planned.unitsRead
        var rows = RowAgreement.judge(columnarRows, rawRows)
        if !translation.nondeterministicFunctions.isEmpty {
            rows = .notCompared(randomFunctions: translation.nondeterministicFunctions)
        } else if rows == .differ, translation.resultOrder.isLimited, columnarRows.count == rawRows.count {
            rows = try compareWholeResults(sql, translation.dialect, columnarRows, rawRows, limits: limits)
        }
        let verification = Verification(
            planned: planned, executed: executed, rows: rows, bytesMatch: bytesMatch, stoppedEarly: stoppedEarly)
        return MeteredResult(
            translation: translation, rows: [], rowCount: columnarRows.count, columnar: columnarMeasurement,
            raw: executed, verification: verification)
    }

    /// Runs the query without its LIMIT on both layouts (after both meters were read) and finds
    /// each layout's limited rows in its whole result: a LIMIT that no ORDER BY decides may keep
    /// other rows on each, and both are right when the whole results agree.
    private func compareWholeResults(
        _ sql: String, _ dialect: Dialect, _ columnarRows: RowDigest, _ rawRows: RowDigest, limits: QueryLimits
    ) throws(MeteringError) -> RowAgreement {
        var columnarWhole = WholeResultCheck(drawn: columnarRows)
        var rawWhole = WholeResultCheck(drawn: rawRows)
        do {
            let columnarSQL = try translate(sql, dialect: dialect, layout: .columnar, dropsLimit: true)
            try execute(columnarSQL, on: columnar, limits: limits) { columnarWhole.add($0) }
            let rawSQL = try translate(sql, dialect: dialect, layout: .raw, dropsLimit: true)
            try execute(rawSQL, on: raw, limits: limits) { rawWhole.add($0) }
        } catch .limitExceeded(let detail) {
            throw .limitExceeded(
                "verify runs the query without its LIMIT to compare the rows each layout kept, and that run stopped: \(detail)"
            )
        }
        return RowAgreement.wholeResults(columnar: columnarWhole, raw: rawWhole, drawn: columnarRows.count)
    }

    /// Runs `body` inside a read transaction on the store (or the one already open).
    private static func withSnapshot<T>(_ store: StoreFile, _ body: () throws(MeteringError) -> T)
        throws(MeteringError) -> T
    {
        let connection = store.connection
        guard !connection.isInTransaction else { return try body() }
        do { try connection.beginSnapshot() } catch { throw .storeFile(.database(path: store.path, error)) }
        defer { connection.endSnapshot() }
        return try body()
    }

    private static func dataVersion(_ store: StoreFile) throws(MeteringError) -> Int64 {
        do { return try store.connection.scalar("PRAGMA data_version")?.integer ?? 0 } catch {
            throw .storeFile(.database(path: store.path, error))
        }
    }

    /// Runs a translation made for the raw table on the raw layout.
    public func runRaw(_ translation: Translation) throws(MeteringError) -> (
        rows: [[SQLiteValue]], measurement: ScanMeasurement
    ) {
        try Self.withSnapshot(store) { () throws(MeteringError) in
            raw.resetMeter()
            var rows: [[SQLiteValue]] = []
            try execute(translation, on: raw, limits: .unlimited) { rows.append($0) }
            return (rows, raw.meter.measurement)
        }
    }

    func execute(
        _ translation: Translation, on table: MeteredLayoutTable, limits: QueryLimits,
        onRow: ([SQLiteValue]) -> Void
    ) throws(MeteringError) {
        table.dialect = translation.dialect
        table.presenters = translation.presenters
        table.tableFiles = translation.dialect == .athena && !athenaFiles.isWholeStore ? athenaFiles : nil
        table.objectPrefix = objectPrefix(for: translation)
        var referenced: Set<Int> = []
        let tableName = table === raw ? Self.rawTableName : Self.columnarTableName
        do {
            let query = try UserQuery.prepare(translation, on: store.connection) { read in
                guard read.table == tableName else { return }
                if let index = EventSchema.indexByName[read.column] {
                    referenced.insert(index)
                } else if let hidden = LayoutColumns.hiddenColumn(named: read.column) {
                    referenced.insert(hidden)
                }
            }
            table.referencedColumns = referenced
            defer { table.referencedColumns = nil }
            let statement = query.statement
            let (_, stop) = try store.connection.withLimits(limits.execution()) { () throws(SQLiteError) in
                while try statement.step() { onRow(statement.row()) }
            }
            if let stop { throw MeteringError.limitExceeded(limits.explain(stop)) }
        } catch let error as MeteringError {
            throw error
        } catch let error as QueryError {
            throw .query(error)
        } catch let error as SQLiteError {
            throw .query(.engine(message: error.message, at: nil))
        } catch {
            throw .engine(detail: "\(error)")
        }
    }
}

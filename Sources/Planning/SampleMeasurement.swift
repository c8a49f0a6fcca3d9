import Foundation
import Metering
import QueryEngine
import TrailStore

/// The sample's size figures every projected quantity is scaled from.
public struct SampleProfile: Sendable, Equatable {
    /// Where the figures were measured (a store path, or the embedded sample).
    public var source: String
    /// The first and last eventTime in the sample (epoch ms) and the span between them in days.
    public var firstEventMs: Int64
    public var lastEventMs: Int64
    public var days: Decimal
    public var events: Int64
    public var files: Int64
    /// Bytes of the gzip log files, of their JSON once decompressed, and of the columnar chunks.
    public var gzipBytes: Int64
    public var jsonBytes: Int64
    public var columnarBytes: Int64
    /// Compressed columnar bytes per column.
    public var columnBytes: [String: Int64]
    /// Columnar segments (hourly partitions: the objects a date-partitioned copy writes).
    public var segments: Int64
    /// Bytes of the events' JSON as the log files hold them (the store's per-event sizes): what
    /// CloudWatch Logs ingests. nil when not measured; the files' uncompressed bytes stand in.
    public var eventBytes: Int64?
    /// The catalog's figures when a listing names objects the store holds no contents of: the
    /// raw layouts' reads are planned over them (`overCatalog`). nil without a listing.
    public var catalog: CatalogProfile?

    public init(
        source: String, firstEventMs: Int64, lastEventMs: Int64, events: Int64, files: Int64, gzipBytes: Int64,
        jsonBytes: Int64, columnarBytes: Int64, columnBytes: [String: Int64], segments: Int64,
        eventBytes: Int64? = nil
    ) {
        self.eventBytes = eventBytes
        self.source = source
        self.firstEventMs = firstEventMs
        self.lastEventMs = lastEventMs
        self.days = max(Decimal(lastEventMs - firstEventMs + 1), 3_600_000) / 86_400_000
        self.events = events
        self.files = files
        self.gzipBytes = gzipBytes
        self.jsonBytes = jsonBytes
        self.columnarBytes = columnarBytes
        self.columnBytes = columnBytes
        self.segments = segments
    }

    /// Reads the profile of the store at `path`.
    public static func of(storeAt path: String) throws(PlanningError) -> SampleProfile {
        do {
            let store = try StoreFile.openForReading(path)
            let summary = try StoreSummary.of(store)
            // The sample is what was ingested in full: files known only from a listing have no events.
            let origins = try CatalogOrigins.of(store)
            guard let first = summary.firstEventMs, let last = summary.lastEventMs, origins.ingestedBytes > 0
            else {
                guard origins.ingestedFiles == 0, origins.listedFiles > 0 else {
                    throw PlanningError.emptySample(path: path, problem: "holds no dated events")
                }
                throw PlanningError.emptySample(
                    path: path,
                    problem:
                        "holds only a bucket listing (\(origins.listedFiles) objects, sizes without contents): queries are measured on log contents, so ingest some of the files beside it first (`trailmeter ingest PATH --sample 5% --store \(path)`)"
                )
            }
            var profile = SampleProfile(
                source: path, firstEventMs: first, lastEventMs: last, events: summary.catalogEvents,
                files: origins.ingestedFiles, gzipBytes: origins.ingestedBytes, jsonBytes: summary.rawUncompressedBytes,
                columnarBytes: summary.columnarCompressedBytes,
                columnBytes: Dictionary(uniqueKeysWithValues: summary.columns.map { ($0.name, $0.compressedBytes) }),
                segments: summary.segments, eventBytes: try MeteredStore(path: path).eventWindowBytes(nil).bytesScanned)
            if origins.listedFiles > 0 { profile.catalog = CatalogProfile.of(try CatalogCells.of(store)) }
            return profile
        } catch let error as PlanningError {
            throw error
        } catch let error as TrailStoreError {
            throw .sampleStore(path: path, cause: .storeFile(error))
        } catch let error as MeteringError {
            throw .sampleStore(path: path, cause: error)
        } catch {
            throw .sample("\(path): \(error)")
        }
    }

    /// Event JSON bytes (what CloudWatch Logs ingests) per gzip byte of log files.
    public var eventBytesPerGzip: Decimal { Decimal(eventBytes ?? jsonBytes) / Decimal(gzipBytes) }
    /// Compressed bytes per uncompressed byte: the sample's gzip ratio.
    public var gzipPerJSON: Decimal { Decimal(gzipBytes) / Decimal(jsonBytes) }

    /// Gzip bytes the sample holds per day.
    public var gzipBytesPerDay: Decimal { Decimal(gzipBytes) / days }

    /// Days of the sample a window covers (the whole span when unbounded).
    public func coveredDays(_ window: TimeWindow?, now: Int64) -> Decimal {
        guard let window else { return days }
        let lower = max(window.lowerMs ?? firstEventMs, firstEventMs)
        let upper = min(window.upperMs ?? now, lastEventMs)
        return upper < lower ? 0 : Decimal(upper - lower + 1) / 86_400_000
    }
}

/// What one workload query read on the sample under each measured layout.
public struct QueryMeasurement: Sendable {
    public var query: WorkloadQuery
    public var dialect: Dialect
    public var rows: Int
    /// The columnar layout (Lake and the self-managed lake), and the raw layout read through
    /// each Athena table.
    public var columnar: ScanMeasurement
    public var rawUnpartitioned: ScanMeasurement
    public var rawProjected: ScanMeasurement
    /// The event-window meter over the columnar run's eventTime window (CloudWatch Logs Insights).
    public var eventWindow: ScanMeasurement
}

/// A workload measured on the sample store: each query's reads, and what the user's Athena
/// table's location leaves out of the store (`MeteredStore.athenaLocationNote`), said once.
public struct MeasuredWorkload: Sendable {
    public var queries: [QueryMeasurement]
    /// The files the user's table (`athena.ddl`) reads, and those its location leaves out, in
    /// words; nil without a table, or when it leaves out nothing a user would look for.
    public var athenaLocationNote: String?
}

/// Runs the workload on the sample store and keeps what each layout read.
public enum WorkloadMeasurer {
    /// Measures every query; the first that fails stops the comparison with its origin and reason.
    ///
    /// Each query runs once per Athena table kind. A query written for the projected table that
    /// names a partition column fails on the console's table; that table reads every file for
    /// any query, so the whole-trail read stands in for it. Every run is under `limits`, and a
    /// query they stop fails with its name, whichever table it was run for. Rows are counted as
    /// they stream, never held.
    public static func measure(
        _ workload: [WorkloadQuery], storeAt path: String, scenarioTable: AthenaTableKind,
        definition: AthenaTableDefinition? = nil, clock: QueryClock, limits: QueryLimits
    ) throws(PlanningError) -> MeasuredWorkload {
        var stores: [AthenaTableKind: MeteredStore]
        do {
            stores = [
                .unpartitioned: try MeteredStore(path: path, athenaTable: .unpartitioned, clock: clock),
                .projected: try MeteredStore(path: path, athenaTable: .projected, clock: clock),
            ]
            // The user's own table stands in for the kind its partitions make it.
            if let definition {
                stores[scenarioTable] = try MeteredStore(
                    path: path, athenaTable: scenarioTable, athenaDefinition: definition, clock: clock)
            }
        } catch {
            throw .sampleStore(path: path, cause: error)
        }
        var measurements: [QueryMeasurement] = []
        for query in workload {
            let written: MeteredResult
            do {
                written = try stores[scenarioTable]!.stream(query.sql, dialect: query.dialect, limits: limits) { _ in }
            } catch {
                throw .queryFailed(origin: query.origin, query: query.name, cause: error)
            }
            let otherTable: AthenaTableKind = scenarioTable == .projected ? .unpartitioned : .projected
            let otherRaw: ScanMeasurement
            let other = Result { () throws(MeteringError) in
                try stores[otherTable]!.stream(query.sql, dialect: query.dialect, limits: limits) { _ in }
            }
            if case .failure(let error) = other, case .limitExceeded = error {
                throw .queryFailed(origin: query.origin, query: query.name, cause: error)
            }
            if case .success(let other) = other {
                otherRaw = other.raw
            } else {
                do {
                    otherRaw = try stores[otherTable]!.stream(
                        "SELECT eventtime FROM cloudtrail_logs", dialect: .athena, limits: limits
                    ) { _ in }.raw
                } catch {
                    throw .sampleStore(path: path, cause: error)
                }
            }
            // Logs Insights is given a time range with the query: the eventTime bounds, or else the
            // days a `timestamp` partition predicate names (both say which events the query is about).
            let projected = scenarioTable == .projected ? written.raw : otherRaw
            let range = written.columnar.eventTimeWindow ?? projected.partitionDayWindow
            let eventWindow: ScanMeasurement
            do { eventWindow = try stores[scenarioTable]!.eventWindowBytes(range) } catch {
                throw .sampleStore(path: path, cause: error)
            }
            measurements.append(
                QueryMeasurement(
                    query: query, dialect: written.translation.dialect, rows: written.rowCount,
                    columnar: written.columnar,
                    rawUnpartitioned: scenarioTable == .unpartitioned ? written.raw : otherRaw,
                    rawProjected: scenarioTable == .projected ? written.raw : otherRaw, eventWindow: eventWindow))
        }
        let note = definition == nil ? nil : stores[scenarioTable]!.athenaLocationNote
        return MeasuredWorkload(queries: measurements, athenaLocationNote: note)
    }
}

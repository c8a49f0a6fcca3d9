import CloudTrail
import Foundation
import Metering
import QueryEngine

/// The layouts AWS reports scans for, each compared with the TrailMeter layout that stands for it.
public enum CalibratedLayout: String, Sendable, CaseIterable {
    /// Athena over the raw gzip logs (`DataScannedInBytes`) against the raw layout's plan.
    case athenaRaw = "athena-raw"
    /// CloudTrail Lake (`BytesScanned`) against the columnar layout.
    case lakeColumnar = "lake-columnar"

    /// The comparison layouts a factor measured on this layout applies to. The self-managed lake
    /// (Athena over a columnar copy) and CloudWatch Logs are neither service's measurement, so no factor reaches them.
    public var costLayouts: [CostLayout] {
        self == .athenaRaw ? [.athenaUnpartitioned, .athenaProjected] : [.lakeOneYear, .lakeSevenYear]
    }

    static func of(_ service: HistoryService) -> CalibratedLayout { service == .athena ? .athenaRaw : .lakeColumnar }
}

/// The Athena table an execution is planned on: the user's own (`calibrate --athena-ddl`), the
/// table the SQL names when the user defined it, else the console's table or (when the SQL names
/// partition columns) the projected one.
public enum CalibratedAthenaTable: Sendable, Equatable {
    case builtIn(AthenaTableKind)
    case defined(name: String)

    /// How the report labels it beside the layout; empty for the console's table.
    var label: String {
        switch self {
        case .builtIn(.projected): " (projected)"
        case .builtIn: ""
        case .defined(let name): " (table \(name))"
        }
    }
}

/// One execution: what TrailMeter plans for it beside what AWS reported.
public struct CalibrationEntry: Sendable {
    public var execution: QueryExecution
    public var layout: CalibratedLayout
    /// Bytes TrailMeter's layout reads for the query with `now()` at the submission time (on a
    /// sampled store, the full trail's estimate: `plannedInterval` holds its 95% interval).
    public var plannedBytes: Int64
    public var plannedInterval: ClosedRange<Int64>?
    public var reportedBytes: Int64
    /// The Athena table the SQL ran on (the user's, or `projected` when it names partition
    /// columns); nil for Lake.
    public var athenaTable: CalibratedAthenaTable?
    /// Why the figures may differ, when they do (or when the execution lies outside the store).
    public var explanation: String?

    /// An entry whose planned bytes are `planned`'s estimate, with its interval when it has width.
    init(
        execution: QueryExecution, layout: CalibratedLayout, planned: RatioEstimate, reportedBytes: Int64,
        athenaTable: CalibratedAthenaTable?
    ) {
        self.execution = execution
        self.layout = layout
        self.plannedBytes = Int64(planned.value.rounded())
        let (low, high) = (Int64(planned.low.rounded()), Int64(planned.high.rounded()))
        self.plannedInterval = low < high ? low...high : nil
        self.reportedBytes = reportedBytes
        self.athenaTable = athenaTable
    }

    /// AWS's bytes per TrailMeter byte; nil when TrailMeter plans nothing.
    public var ratio: Decimal? { plannedBytes > 0 ? Decimal(reportedBytes) / Decimal(plannedBytes) : nil }

    /// How far the ratio is from 1, for ranking misses (nothing planned ranks first).
    var miss: Double {
        guard plannedBytes > 0, reportedBytes > 0 else { return plannedBytes == reportedBytes ? 0 : .infinity }
        return abs(log(Double(reportedBytes) / Double(plannedBytes)))
    }
}

/// The ratios of one layout summarised: the median is the factor `compare --calibration` applies.
public struct CalibrationSummary: Sendable, Equatable {
    public var layout: CalibratedLayout
    public var executions: Int
    public var median: Decimal
    public var minimum: Decimal
    public var maximum: Decimal
    /// The first and third quartiles (nearest rank).
    public var lowerQuartile: Decimal
    public var upperQuartile: Decimal

    /// The summary of `ratios` (not empty).
    static func of(_ ratios: [Decimal], layout: CalibratedLayout) -> CalibrationSummary {
        let sorted = ratios.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        func rank(_ fraction: Double) -> Decimal {
            sorted[max(0, min(sorted.count - 1, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return CalibrationSummary(
            layout: layout, executions: sorted.count, median: median, minimum: sorted.first!, maximum: sorted.last!,
            lowerQuartile: rank(0.25), upperQuartile: rank(0.75))
    }
}

/// What `trailmeter calibrate` found: every execution compared, the per-layout summaries, and
/// the executions it could not compare with the reason.
public struct Calibration: Sendable {
    public var entries: [CalibrationEntry]
    public var summaries: [CalibrationSummary]
    public var skipped: [(execution: QueryExecution, reason: String)]
    /// The store compared against, and the span of its events.
    public var store: String
    public var storeFirstEventMs: Int64
    public var storeLastEventMs: Int64
    /// For a sampled store, the share of the trail's gzip bytes it holds: TrailMeter's bytes are
    /// then the full trail's estimates. nil for a full ingest.
    public var sampleShare: Double?
    /// What the history's executions read (`HistoryTables.censusLines`): Athena tables and event
    /// data stores, with their counts.
    public var sourceCensus: [String] = []

    /// Entries whose ratio is furthest from 1 (beyond 5%), largest first.
    public func largestMisses(_ limit: Int = 5) -> [CalibrationEntry] {
        Array(entries.filter { $0.miss > log(1.05) }.sorted { $0.miss > $1.miss }.prefix(limit))
    }
}

/// Compares imported executions with TrailMeter's plan for the same SQL on a store.
public enum Calibrator {
    /// Runs each succeeded execution that reports its bytes on the store at `path` as it stood at
    /// its submission (`MeteredStore.view(asOf:)`), with `now()` then: Athena SQL on the raw layout
    /// (the table of `athenaTables` the SQL names, else the console's table, or the projected
    /// table when the SQL names its partition columns), Lake SQL on the columnar layout.
    ///
    /// Every run is under `limits` (as `query` and `compare` run theirs) and its rows are counted
    /// as they stream, never held; an execution the limits stop fails the calibration naming it
    /// (a query that cannot run at all is skipped with its reason instead).
    public static func calibrate(
        _ executions: [QueryExecution], storeAt path: String, limits: QueryLimits,
        athenaTables: [AthenaTableDefinition] = [], tables: HistoryTables = HistoryTables()
    ) throws(PlanningError) -> Calibration {
        let profile = try SampleProfile.of(storeAt: path)
        let confidence = try SampleConfidence.of(storeAt: path)
        let stores = try CalibrationStores(path: path, definitions: athenaTables)
        var entries: [CalibrationEntry] = []
        var skipped: [(QueryExecution, String)] = []
        for execution in executions {
            guard execution.outcome == .succeeded else {
                skipped.append((execution, "\(execution.outcome.rawValue): AWS's figure is not a full run"))
                continue
            }
            if execution.reusedResult {
                skipped.append((execution, "Athena reused a previous result: it scanned nothing"))
                continue
            }
            guard let reported = execution.reportedBytes else {
                skipped.append((execution, "the history reports no bytes scanned"))
                continue
            }
            if let type = execution.statementType, type != "DML" {
                skipped.append((execution, "a \(type) statement: it reads no CloudTrail events"))
                continue
            }
            if let otherTable = tables.reasonToLeaveOut(execution) {
                skipped.append((execution, otherTable))
                continue
            }
            var entry: CalibrationEntry
            do throws(MeteringError) {
                switch execution.service {
                case .lake:
                    let result = try stores.lake(execution.meteredSQL, at: execution.submittedMs, limits: limits)
                    entry = CalibrationEntry(
                        execution: execution, layout: .lakeColumnar,
                        planned: confidence.fullTrailBytes(result.columnar),
                        reportedBytes: reported, athenaTable: nil)
                case .athena:
                    let (table, result) = try stores.athena(
                        execution.meteredSQL, at: execution.submittedMs, limits: limits)
                    entry = CalibrationEntry(
                        execution: execution, layout: .athenaRaw, planned: confidence.fullTrailBytes(result.raw),
                        reportedBytes: reported, athenaTable: table)
                }
            } catch {
                switch error {
                case .limitExceeded:
                    throw .historyQueryStopped(origin: execution.origin, id: execution.id, cause: error)
                case .storeFile: throw .sampleStore(path: path, cause: error)
                default:
                    skipped.append((execution, "TrailMeter cannot run it: \(error)"))
                    continue
                }
            }
            entry.explanation = explanation(entry, profile: profile)
            entries.append(entry)
        }
        let summaries = CalibratedLayout.allCases.compactMap { layout -> CalibrationSummary? in
            let ratios = entries.filter { $0.layout == layout }.compactMap(\.ratio)
            return ratios.isEmpty ? nil : .of(ratios, layout: layout)
        }
        return Calibration(
            entries: entries, summaries: summaries, skipped: skipped, store: path,
            storeFirstEventMs: profile.firstEventMs, storeLastEventMs: profile.lastEventMs,
            sampleShare: confidence.isSampled ? confidence.share : nil,
            sourceCensus: tables.censusLines(executions))
    }

    /// Why an execution's figures differ, from what the store and the history say.
    static func explanation(_ entry: CalibrationEntry, profile: SampleProfile) -> String? {
        let submitted = entry.execution.submittedMs
        // CloudTrail delivers a file about every 5 minutes; an hour's grace covers late deliveries.
        if submitted > profile.lastEventMs + 3_600_000 {
            return
                "ran \(EventTime.iso(submitted)), after the store's last event (\(EventTime.iso(profile.lastEventMs))): AWS also read what was delivered after the listing or ingest"
        }
        if submitted < profile.firstEventMs {
            return
                "ran \(EventTime.iso(submitted)), before the store's first event (\(EventTime.iso(profile.firstEventMs))): the store holds nothing delivered by then"
        }
        if entry.plannedBytes == 0 {
            return entry.reportedBytes == 0
                ? nil : "TrailMeter plans no bytes: the store holds no data in the query's window or partitions"
        }
        guard entry.miss > log(1.05) else { return nil }
        let more = entry.reportedBytes > entry.plannedBytes
        switch entry.layout {
        case .athenaRaw:
            return more
                ? "AWS read more than the store holds for these partitions: files missing from the store (a partial listing or a sample) or other objects under the table's location"
                : "AWS read less than TrailMeter plans: the store holds files the table's location did not, or Athena pruned files TrailMeter reads"
        case .lakeColumnar:
            return more
                ? "Lake read more than TrailMeter's columnar chunks: Lake's storage of these columns is larger, or the event data store holds events the store does not"
                : "Lake read less than TrailMeter's columnar chunks: Lake stores these columns more compactly, or holds fewer events"
        }
    }
}

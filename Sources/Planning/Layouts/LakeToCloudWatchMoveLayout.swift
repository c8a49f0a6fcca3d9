import Foundation
import Metering
import Pricing
import TrailMeterCore

/// An existing CloudTrail Lake customer who moves to CloudWatch Logs (scenario key
/// `lake.move_to_cloudwatch`), priced to set beside staying on Lake under the same option.
///
/// - Before the move month: exactly the Lake layout's lines (ingest, retention, scans).
/// - The move month: a one-time export of what the event data store still holds, from
///   2023-01-01 on (AWS: data before 2023 cannot be moved), into CloudWatch Logs Infrequent
///   Access, billed as IA ingest of the events' bytes (docs/RATES-NOTES.md "Lake → CloudWatch
///   export": no source read names a further charge).
/// - From the move month on: CloudWatch Logs in the scenario's class, whose log group holds the
///   exported events and the new ones (its storage), and Logs Insights scans of the events in
///   each query's time range. The first month's Lake lines stop: Lake ingestion ends at the move.
///
/// Its queries are measured with the Logs Insights meter (the bytes of the events in each query's
/// window, counted from the store); the months before the move use the Lake option's measurement
/// (`MonthBuilder.otherScalings`).
struct LakeToCloudWatchMoveLayout: PricedLayout {
    var id: CostLayout { .lakeToCloudWatch }
    var title: String { "CloudTrail Lake, then moved to CloudWatch Logs (existing Lake customers)" }
    var scanServiceName: String { "Amazon CloudWatch" }
    // Lake ingests without a trail; the trail that delivers to CloudWatch afterwards records the
    // same free first copy of management events, so no trail charges are added here.
    var needsTrail: Bool { false }
    var isOpenToNewCustomers: Bool { false }

    /// The day the export cannot reach before.
    static let earliestExportable = CalendarDay(year: 2023, month: 1, day: 1)!

    func isCompared(in scenario: Scenario) -> Bool { scenario.lakeMove != nil }
    func retention(_ month: MonthBuilder) -> Int? { lake(month).retention(month) }
    func dataStart(_ month: MonthBuilder) -> Decimal { lake(month).dataStart(month) }

    private func move(_ month: MonthBuilder) -> LakeMove {
        month.scenario.lakeMove
            ?? LakeMove(month: month.timeline.months[0].first, logClass: .infrequentAccess, from: .oneYearExtendable)
    }
    private func lake(_ month: MonthBuilder) -> CloudTrailLakeLayout { CloudTrailLakeLayout(option: move(month).from) }
    private func cloudWatch(_ month: MonthBuilder) -> CloudWatchLogsLayout {
        CloudWatchLogsLayout(logClass: move(month).logClass)
    }

    /// Index of the move month in the horizon.
    private func moveIndex(_ month: MonthBuilder) throws(PlanningError) -> Int {
        let day = move(month).month
        guard let index = month.timeline.months.firstIndex(where: { $0.first == day }) else {
            throw .invalidOption(
                option: "lake.move_to_cloudwatch.month",
                problem:
                    "\(day) is not a month of the horizon (\(month.timeline.months.first!.first) to \(month.timeline.months.last!.first))"
            )
        }
        return index
    }

    /// Where the exported data starts on the timeline: the latest of Lake's data start, 2023-01-01
    /// and what Lake's retention still holds at the move.
    private func exportedStart(_ month: MonthBuilder, moveIndex: Int) -> Decimal {
        let timeline = month.timeline
        let historyStart = timeline.months[0].first.daysSinceEpoch - timeline.historyDays
        let cutoff = Decimal(Self.earliestExportable.daysSinceEpoch - historyStart)
        var start = max(dataStart(month), cutoff)
        if let kept = retention(month) { start = max(start, timeline.monthStart(moveIndex) - Decimal(kept)) }
        return start
    }

    func monthLines(_ month: MonthBuilder, index: Int) throws(PlanningError) -> [CostLine] {
        let moved = try moveIndex(month)
        guard index >= moved else { return try lake(month).monthLines(month, index: index).map(relabelled) }
        let start = exportedStart(month, moveIndex: moved)
        var lines = try cloudWatch(month).monthLines(month, index: index, billedAs: id, dataStart: start)
        if index == moved {
            let timeline = month.timeline
            let gzip = timeline.window(
                endingAt: timeline.monthStart(moved), days: nil, retention: nil, dataStart: start)
            var export = try month.pricer.line(
                .bytes(gzip * month.sample.eventBytesPerGzip), item: .logsIngestInfrequentAccess,
                month.context(id, index, .ingest),
                description: "Export of the Lake event data store into CloudWatch Logs Infrequent Access (one time)",
                derivation:
                    "\(Figure.bytes(gzip)) gzip of events held at the move, from 2023-01-01 on x \(Figure.ratio(month.sample.eventBytesPerGzip)) event JSON bytes per gzip byte (sample), as IA ingest"
            )
            export.isOneTime = true
            lines.insert(export, at: 0)
        }
        return lines
    }

    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, _ month: MonthBuilder, index: Int)
        throws(PlanningError) -> [CostLine]
    {
        let moved = try moveIndex(month)
        guard index >= moved else {
            let left = lake(month)
            guard let lakeScaling = month.otherScalings[left.id]?[query.name] else {
                throw .invalidOption(option: "lake.move_to_cloudwatch", problem: "no Lake measurement of \(query.name)")
            }
            return try left.queryLines(query, scaling: lakeScaling, month, index: index).map(relabelled)
        }
        let timeline = month.timeline
        let runs = query.frequency.runs(inMonthOf: timeline.months[index].dayCount)
        let gzip = timeline.window(
            endingAt: timeline.monthMiddle(index), days: scaling.windowDays,
            retention: cloudWatch(month).retention(month), dataStart: exportedStart(month, moveIndex: moved))
        let perRun = scaling.bytesPerGzipByte * gzip
        return [
            try month.pricer.line(
                .bytes(perRun * runs), item: .logsInsightsScan, month.context(id, index, .scans, query: query.name),
                description:
                    "Logs Insights scans: \(query.name), \(Figure.count(runs)) runs of \(Figure.bytes(perRun))",
                derivation: month.scanDerivation(query, scaling: scaling) + "; every event in the time range is scanned"
            )
        ]
    }

    // Queries are measured as Logs Insights reads them (the CloudWatch layout's answers).
    func measuredScan(_ measurement: QueryMeasurement) -> (scan: ScanMeasurement, window: TimeWindow?) {
        CloudWatchLogsLayout(logClass: .infrequentAccess).measuredScan(measurement)
    }
    func honoursDeclaredWindow(measured: TimeWindow?) -> Bool { true }
    func objectsRead(_ scan: ScanMeasurement) -> Int { 0 }
    func objectsPerDay(_ scan: ScanMeasurement, sample: SampleProfile) -> Decimal { 0 }
    func fallbackRatio(_ scan: ScanMeasurement, sample: SampleProfile) -> (bytesPerGzipByte: Decimal, basis: String) {
        CloudWatchLogsLayout(logClass: .infrequentAccess).fallbackRatio(scan, sample: sample)
    }
    func adviceChanges(_ measurement: QueryMeasurement, scaling: QueryScaling, finder: AdviceFinder)
        -> [(change: String, scaling: QueryScaling)]
    {
        CloudWatchLogsLayout(logClass: .infrequentAccess).adviceChanges(measurement, scaling: scaling, finder: finder)
    }

    /// A Lake line billed under this layout.
    private func relabelled(_ line: CostLine) -> CostLine {
        var line = line
        line.layout = id
        return line
    }
}

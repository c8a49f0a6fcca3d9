import Foundation
import Metering
import Pricing

/// The CloudWatch Logs log classes a trail can deliver to.
public enum LogClass: String, CaseIterable, Sendable {
    case standard
    case infrequentAccess = "infrequent-access"
}

/// CloudWatch Logs in one log class, queried with Logs Insights: the trail delivers every event
/// to a log group (one event = one log event, its JSON as the message).
///
/// - Ingest: the events' JSON bytes, counted per event at ingest into the store (CloudWatch's
///   `IncomingBytes` is "the volume of log events in uncompressed bytes"). The 26 bytes per event
///   that `PutLogEvents` adds to a batch's size for its quota are not billed here: no AWS pricing
///   page read says ingestion counts them (docs/RATES-NOTES.md).
/// - Storage: "Stored Data" is archived, compressed bytes; the compression ratio is the
///   sample's own (gzip bytes of its log files per uncompressed byte).
/// - Scans: the event-window meter, the bytes of the events in each query's time range.
///
/// History already in S3 is not in the log group: its data starts with the horizon.
struct CloudWatchLogsLayout: PricedLayout {
    let logClass: LogClass

    var id: CostLayout { logClass == .standard ? .cloudWatchStandard : .cloudWatchInfrequentAccess }
    var title: String {
        logClass == .standard
            ? "CloudWatch Logs Standard, Logs Insights" : "CloudWatch Logs Infrequent Access, Logs Insights"
    }
    var scanServiceName: String { "Amazon CloudWatch" }
    var needsTrail: Bool { true }
    var isOpenToNewCustomers: Bool { true }
    var ingestItem: PriceItem { logClass == .standard ? .logsIngestStandard : .logsIngestInfrequentAccess }
    private var className: String { logClass == .standard ? "Standard" : "Infrequent Access" }

    func isCompared(in scenario: Scenario) -> Bool { scenario.cloudWatchClasses.contains(logClass) }
    func retention(_ month: MonthBuilder) -> Int? { month.scenario.cloudWatchRetentionDays }
    func dataStart(_ month: MonthBuilder) -> Decimal { Decimal(month.timeline.historyDays) }

    func monthLines(_ month: MonthBuilder, index: Int) throws(PlanningError) -> [CostLine] {
        try monthLines(month, index: index, billedAs: id, dataStart: dataStart(month))
    }

    /// The month's ingest and storage for a log group holding events delivered since `dataStart`,
    /// billed under `layout` (this layout, or a move to CloudWatch from `month` on).
    func monthLines(_ month: MonthBuilder, index: Int, billedAs layout: CostLayout, dataStart: Decimal)
        throws(PlanningError) -> [CostLine]
    {
        let id = layout
        let sample = month.sample
        let delivered = month.timeline.deliveredIn(month: index)
        let ingested = delivered * sample.eventBytesPerGzip
        let held =
            month.timeline.averageHeld(month: index, retention: retention(month), dataStart: dataStart)
            * sample.eventBytesPerGzip * sample.gzipPerJSON
        let kept = retention(month).map { "kept \($0) days" } ?? "never expiring"
        return [
            try month.pricer.line(
                .bytes(ingested), item: ingestItem, month.context(id, index, .ingest),
                description: "CloudWatch Logs ingest (\(className) class) of the trail's events",
                derivation:
                    "\(Figure.bytes(delivered)) gzip x \(Figure.ratio(sample.eventBytesPerGzip)) event JSON bytes per gzip byte (sample; message bytes only, no 26-byte per-event overhead)"
            ),
            try month.pricer.line(
                .byteMonths(held), item: .logsStorage, month.context(id, index, .storage),
                description: "CloudWatch Logs storage (archived, compressed)",
                derivation:
                    "\(Figure.bytes(held)) compressed held on average (\(Figure.ratio(sample.gzipPerJSON)) compressed per uncompressed byte: the sample's gzip ratio; \(kept))"
            ),
        ]
    }

    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, _ month: MonthBuilder, index: Int)
        throws(PlanningError) -> [CostLine]
    {
        [
            try month.scanLine(
                query, scaling: scaling, layout: id, month: index, item: .logsInsightsScan,
                label: "Logs Insights scans",
                note: "; every event in the time range is scanned")
        ]
    }

    func measuredScan(_ measurement: QueryMeasurement) -> (scan: ScanMeasurement, window: TimeWindow?) {
        (measurement.eventWindow, measurement.eventWindow.eventTimeWindow)
    }
    /// A Logs Insights query's time range is given with the query, so a declared window holds.
    func honoursDeclaredWindow(measured: TimeWindow?) -> Bool { true }
    func objectsRead(_ scan: ScanMeasurement) -> Int { 0 }
    func objectsPerDay(_ scan: ScanMeasurement, sample: SampleProfile) -> Decimal { 0 }
    func fallbackRatio(_ scan: ScanMeasurement, sample: SampleProfile) -> (bytesPerGzipByte: Decimal, basis: String) {
        (
            sample.eventBytesPerGzip,
            "window outside the sample: every event's bytes, \(Figure.ratio(sample.eventBytesPerGzip)) per gzip byte"
        )
    }

    func adviceChanges(_ measurement: QueryMeasurement, scaling: QueryScaling, finder: AdviceFinder)
        -> [(change: String, scaling: QueryScaling)]
    {
        guard scaling.windowDays == nil else { return [] }
        var bounded = scaling
        bounded.windowDays = 7
        return [("give the Logs Insights query a 7-day time range", bounded)]
    }
}

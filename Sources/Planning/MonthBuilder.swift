import Foundation
import Pricing

/// What every layout prices a month from: the scenario, the sample's ratios, the volume timeline,
/// the rates and billing rules. The layouts (`PricedLayout`) build their lines with it.
struct MonthBuilder {
    let scenario: Scenario
    let sample: SampleProfile
    let timeline: VolumeTimeline
    let pricer: LinePricer
    let convention: ByteConvention
    let athenaBilling: AthenaScanBilling
    let rules: BillingRules
    /// Each workload query's scaling on another layout than the one being priced, by layout and
    /// query name: a layout that changes over the horizon (a move off Lake) prices its earlier
    /// months with the layout it leaves.
    var otherScalings: [CostLayout: [String: QueryScaling]] = [:]

    /// Uncompressed JSON and columnar bytes per gzip byte, measured on the sample.
    var jsonPerGzip: Decimal { Decimal(sample.jsonBytes) / Decimal(sample.gzipBytes) }
    var columnarPerGzip: Decimal { Decimal(sample.columnarBytes) / Decimal(sample.gzipBytes) }
    var filesPerDay: Decimal { Decimal(sample.files) / sample.days }
    var objectsPerDay: Decimal { Decimal(sample.segments) / sample.days }

    /// Where a layout's data starts: the raw logs include history; the columnar copies only when imported.
    func dataStart(_ layout: CostLayout) -> Decimal { layout.priced.dataStart(self) }

    func retention(_ layout: CostLayout) -> Int? { layout.priced.retention(self) }

    func context(_ layout: CostLayout, _ month: Int, _ category: CostCategory, query: String? = nil)
        -> LinePricer.Context
    {
        LinePricer.Context(
            period: timeline.months[month], monthIndex: month, layout: layout, category: category, query: query)
    }

    /// "kept 400 days" or "kept forever", for the S3 layouts' storage lines.
    var s3RetentionText: String { scenario.s3RetentionDays.map { "kept \($0) days" } ?? "kept forever" }

    func sharedLines(layout: CostLayout, month: Int) throws(PlanningError) -> [CostLine] {
        let priced = layout.priced
        return try priced.monthLines(self, index: month)
            + (priced.needsTrail ? try trailLines(layout: layout, month: month) : [])
    }

    /// Bytes one run of a query scans in month `month` (at the month's middle).
    func bytesPerRun(_ scaling: QueryScaling, layout: CostLayout, month: Int) -> Decimal {
        scaling.bytesPerGzipByte
            * timeline.window(
                endingAt: timeline.monthMiddle(month), days: scaling.windowDays,
                retention: retention(layout), dataStart: dataStart(layout))
    }

    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, layout: CostLayout, month: Int) throws(PlanningError)
        -> [CostLine]
    {
        try layout.priced.queryLines(query, scaling: scaling, self, index: month)
    }

    /// The derivation every scan line starts with: the measured ratio, the window and the frequency.
    func scanDerivation(_ query: WorkloadQuery, scaling: QueryScaling) -> String {
        let window = scaling.windowDays.map { "the last \(Figure.number($0)) days" } ?? "all data retained"
        return
            "\(Figure.ratio(scaling.bytesPerGzipByte)) bytes per gzip byte of logs in \(window) (sample: \(scaling.basis)); \(query.frequency)"
    }

    /// The one scan line of a layout billed per byte scanned without rounding or minimum (Lake,
    /// Logs Insights): `label` starts its description, `note` ends its derivation.
    func scanLine(
        _ query: WorkloadQuery, scaling: QueryScaling, layout: CostLayout, month: Int, item: PriceItem, label: String,
        note: String = ""
    ) throws(PlanningError) -> CostLine {
        let runs = query.frequency.runs(inMonthOf: timeline.months[month].dayCount)
        let perRun = bytesPerRun(scaling, layout: layout, month: month)
        return try pricer.line(
            .bytes(perRun * runs), item: item, context(layout, month, .scans, query: query.name),
            description: "\(label): \(query.name), \(Figure.count(runs)) runs of \(Figure.bytes(perRun))",
            derivation: scanDerivation(query, scaling: scaling) + note)
    }

    /// Athena's scan line (each run rounded up and raised to the minimum) and the S3 GET requests
    /// of its reads, for the layouts Athena queries; `unit` names the objects read.
    func athenaQueryLines(_ query: WorkloadQuery, scaling: QueryScaling, layout: CostLayout, month: Int, unit: String)
        throws(PlanningError) -> [CostLine]
    {
        let runs = query.frequency.runs(inMonthOf: timeline.months[month].dayCount)
        let perRun = bytesPerRun(scaling, layout: layout, month: month)
        let billed = athenaBilling.bill(scannedBytes: perRun, convention: convention).billedBytes
        let carried = scenario.athenaReservation != nil
        let objects =
            scaling.objectsPerDay
            * timeline.windowDays(
                endingAt: timeline.monthMiddle(month), days: scaling.windowDays,
                retention: retention(layout), dataStart: dataStart(layout))
        // On a reservation the query's scans are not billed per TB: only its requests remain.
        return
            (carried
            ? []
            : [
                try pricer.line(
                    .bytes(billed * runs), item: .athenaSQLScan, context(layout, month, .scans, query: query.name),
                    description:
                        "Athena query scans: \(query.name), \(Figure.count(runs)) runs of \(Figure.bytes(perRun)) (\(Figure.bytes(billed)) billed each)",
                    derivation: scanDerivation(query, scaling: scaling)
                        + "; each run rounded up and raised to the minimum")
            ]) + [
                try pricer.line(
                    .requests(objects * runs), item: .s3GetRequests,
                    context(layout, month, .requests, query: query.name),
                    description:
                        "S3 GET requests: \(query.name), \(Figure.number(objects, decimals: 0)) \(unit) per run",
                    derivation:
                        "\(Figure.number(scaling.objectsPerDay)) \(unit) read per day of data in the window (sample) x \(Figure.count(runs)) runs"
                )
            ]
    }

    /// S3 Standard storage of the raw gzip logs (the Athena layouts' bucket).
    func rawLogStorageLine(layout: CostLayout, month: Int) throws(PlanningError) -> CostLine {
        let dailyNow = timeline.deliveredIn(month: month) / Decimal(timeline.months[month].dayCount)
        let held = timeline.averageHeld(month: month, retention: retention(layout), dataStart: 0)
        return try pricer.line(
            .byteMonths(held), item: .s3StandardStorage, context(layout, month, .storage),
            description: "S3 Standard storage of the gzip trail logs",
            derivation:
                "\(Figure.bytes(held)) held on average (\(Figure.bytes(dailyNow)) delivered a day, \(s3RetentionText))")
    }
}

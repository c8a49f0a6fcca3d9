import Foundation
import Pricing

/// Builds one month's cost lines for one layout: the lines every layout month has (ingest,
/// storage, conversion) and each query's scans and requests.
struct MonthBuilder {
    let scenario: Scenario
    let sample: SampleProfile
    let timeline: VolumeTimeline
    let pricer: LinePricer
    let convention: ByteConvention
    let athenaBilling: AthenaScanBilling
    let rules: BillingRules

    /// Uncompressed JSON and columnar bytes per gzip byte, measured on the sample.
    var jsonPerGzip: Decimal { Decimal(sample.jsonBytes) / Decimal(sample.gzipBytes) }
    var columnarPerGzip: Decimal { Decimal(sample.columnarBytes) / Decimal(sample.gzipBytes) }
    var filesPerDay: Decimal { Decimal(sample.files) / sample.days }
    var objectsPerDay: Decimal { Decimal(sample.segments) / sample.days }

    /// Where a layout's data starts: the raw logs include history; the columnar copies only when imported.
    func dataStart(_ layout: CostLayout) -> Decimal {
        switch layout {
        case .athenaUnpartitioned, .athenaProjected: return 0
        case .lakeOneYear, .lakeSevenYear, .selfManagedLake:
            return scenario.lakeBackfill ? 0 : Decimal(timeline.historyDays)
        }
    }

    func retention(_ layout: CostLayout) -> Int? {
        switch layout {
        case .athenaUnpartitioned, .athenaProjected, .selfManagedLake: return scenario.s3RetentionDays
        case .lakeOneYear: return scenario.lakeRetention(.oneYearExtendable, rules: rules)
        case .lakeSevenYear: return scenario.lakeRetention(.sevenYear, rules: rules)
        }
    }

    private func context(_ layout: CostLayout, _ month: Int, _ category: CostCategory, query: String? = nil)
        -> LinePricer.Context
    {
        LinePricer.Context(
            period: timeline.months[month], monthIndex: month, layout: layout, category: category, query: query)
    }

    private var retentionText: String { scenario.s3RetentionDays.map { "kept \($0) days" } ?? "kept forever" }

    func sharedLines(layout: CostLayout, month: Int) throws(PlanningError) -> [CostLine] {
        let delivered = timeline.deliveredIn(month: month)
        let dailyNow = delivered / Decimal(timeline.months[month].dayCount)
        var lines: [CostLine] = []
        switch layout {
        case .athenaUnpartitioned, .athenaProjected, .selfManagedLake:
            let held = timeline.averageHeld(month: month, retention: retention(layout), dataStart: 0)
            lines.append(
                try pricer.line(
                    .byteMonths(held), item: .s3StandardStorage, context(layout, month, .storage),
                    description: "S3 Standard storage of the gzip trail logs",
                    derivation:
                        "\(Figure.bytes(held)) held on average (\(Figure.bytes(dailyNow)) delivered a day, \(retentionText))"
                ))
        case .lakeOneYear, .lakeSevenYear:
            break
        }
        switch layout {
        case .athenaUnpartitioned, .athenaProjected:
            break
        case .lakeOneYear, .lakeSevenYear:
            let option: LakePricingOption = layout == .lakeOneYear ? .oneYearExtendable : .sevenYear
            var gzip = delivered
            var history: Decimal = 0
            if month == 0, scenario.lakeBackfill, timeline.historyDays > 0 {
                history = timeline.window(
                    endingAt: timeline.monthStart(0), days: nil, retention: retention(layout), dataStart: 0)
            }
            // The seven-year option prices imports like new events, and its tiers count both:
            // one line, so the month's tiers are counted over everything ingested.
            if option.ingestItem(otherSources: true) == option.ingestItem(), history > 0 {
                gzip += history
                history = 0
            }
            let imported = gzip == delivered ? "" : " and the one-time import of past logs from S3"
            lines.append(
                try pricer.line(
                    .bytes(gzip * jsonPerGzip), item: option.ingestItem(), context(layout, month, .ingest),
                    description: "CloudTrail Lake ingest of CloudTrail events (uncompressed)\(imported)",
                    derivation:
                        "\(Figure.bytes(gzip)) gzip\(imported.isEmpty ? "" : " (\(Figure.bytes(gzip - delivered)) of history within retention)") x \(Figure.ratio(jsonPerGzip)) uncompressed bytes per gzip byte (sample)"
                ))
            if history > 0 {
                lines.append(
                    try pricer.line(
                        .bytes(history * jsonPerGzip), item: option.ingestItem(otherSources: true),
                        context(layout, month, .ingest),
                        description: "CloudTrail Lake import of past logs from S3 (one time)",
                        derivation:
                            "\(Figure.bytes(history)) gzip of history within retention x \(Figure.ratio(jsonPerGzip)) uncompressed per gzip byte"
                    ))
            }
            let included = rules.retention(for: option).includedDays
            if let item = option.extendedRetentionItem, let kept = retention(layout), kept > included {
                let held =
                    timeline.averageHeld(
                        month: month, retention: kept, dataStart: dataStart(layout), olderThan: included)
                    * columnarPerGzip
                lines.append(
                    try pricer.line(
                        .byteMonths(held), item: item, context(layout, month, .storage),
                        description: "CloudTrail Lake retention past the included \(included) days",
                        derivation:
                            "\(Figure.bytes(held)) compressed held on average older than \(included) days (\(Figure.ratio(columnarPerGzip)) columnar bytes per gzip byte, kept \(kept) days)"
                    ))
            }
        case .selfManagedLake:
            let held =
                timeline.averageHeld(month: month, retention: retention(layout), dataStart: dataStart(layout))
                * columnarPerGzip
            lines.append(
                try pricer.line(
                    .byteMonths(held), item: .s3StandardStorage, context(layout, month, .storage),
                    description: "S3 Standard storage of the columnar copy",
                    derivation:
                        "\(Figure.bytes(held)) held on average (\(Figure.ratio(columnarPerGzip)) columnar bytes per gzip byte, \(retentionText))"
                ))
            var days = Decimal(timeline.months[month].dayCount)
            var gzip = delivered
            var what = "daily conversion of the new logs, one day's partition each through the projected table"
            if month == 0, scenario.lakeBackfill, timeline.historyDays > 0 {
                let history = timeline.window(
                    endingAt: timeline.monthStart(0), days: nil, retention: retention(layout), dataStart: 0)
                let historyDays = timeline.windowDays(
                    endingAt: timeline.monthStart(0), days: nil, retention: retention(layout), dataStart: 0)
                days += historyDays
                gzip += history
                what += " and a one-time conversion of \(Figure.number(historyDays, decimals: 0)) days of past logs"
            }
            let billed = athenaBilling.bill(scannedBytes: gzip / days, convention: convention).billedBytes * days
            lines.append(
                try pricer.line(
                    .bytes(billed), item: .athenaSQLScan, context(layout, month, .ingest),
                    description: "Athena INSERT converting logs to the columnar copy: \(what)",
                    derivation:
                        "\(Figure.number(days, decimals: 0)) daily runs each reading \(Figure.bytes(gzip / days)) of gzip logs, billed per run by Athena's rounding and minimum"
                ))
            lines.append(
                try pricer.line(
                    .requests(filesPerDay * days), item: .s3GetRequests, context(layout, month, .requests),
                    description: "S3 GET requests of the conversion's reads",
                    derivation:
                        "\(Figure.number(filesPerDay)) log files a day (sample) x \(Figure.number(days, decimals: 0)) days"
                ))
            lines.append(
                try pricer.line(
                    .requests(objectsPerDay * days), item: .s3PutListRequests, context(layout, month, .requests),
                    description: "S3 PUT requests writing the columnar copy",
                    derivation:
                        "\(Figure.number(objectsPerDay)) hourly partition objects a day (sample segments) x \(Figure.number(days, decimals: 0)) days"
                ))
        }
        return lines
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
        let runs = query.frequency.runs(inMonthOf: timeline.months[month].dayCount)
        let perRun = bytesPerRun(scaling, layout: layout, month: month)
        let window = scaling.windowDays.map { "the last \(Figure.number($0)) days" } ?? "all data retained"
        let scaled =
            "\(Figure.ratio(scaling.bytesPerGzipByte)) bytes per gzip byte of logs in \(window) (sample: \(scaling.basis)); \(query.frequency)"
        if layout.isCloudTrailLake {
            return [
                try pricer.line(
                    .bytes(perRun * runs), item: .lakeScan, context(layout, month, .scans, query: query.name),
                    description:
                        "CloudTrail Lake query scans: \(query.name), \(Figure.count(runs)) runs of \(Figure.bytes(perRun))",
                    derivation: scaled)
            ]
        }
        let billed = athenaBilling.bill(scannedBytes: perRun, convention: convention).billedBytes
        let objects =
            scaling.objectsPerDay
            * timeline.windowDays(
                endingAt: timeline.monthMiddle(month), days: scaling.windowDays,
                retention: retention(layout), dataStart: dataStart(layout))
        let unit = layout == .selfManagedLake ? "partition objects" : "log files"
        return [
            try pricer.line(
                .bytes(billed * runs), item: .athenaSQLScan, context(layout, month, .scans, query: query.name),
                description:
                    "Athena query scans: \(query.name), \(Figure.count(runs)) runs of \(Figure.bytes(perRun)) (\(Figure.bytes(billed)) billed each)",
                derivation: scaled + "; each run rounded up and raised to the minimum"),
            try pricer.line(
                .requests(objects * runs), item: .s3GetRequests, context(layout, month, .requests, query: query.name),
                description: "S3 GET requests: \(query.name), \(Figure.number(objects, decimals: 0)) \(unit) per run",
                derivation:
                    "\(Figure.number(scaling.objectsPerDay)) \(unit) read per day of data in the window (sample) x \(Figure.count(runs)) runs"
            ),
        ]
    }
}

import Foundation
import Metering
import Pricing

/// CloudTrail Lake under one of its pricing options: ingest of the uncompressed events (and a
/// one-time import of the logs in S3 when the scenario backfills), retention past what the
/// option includes, and scans of the columns a query reads. Closed to new customers since
/// 2026-05-31.
struct CloudTrailLakeLayout: ColumnarLayout {
    let option: LakePricingOption

    var id: CostLayout { option == .oneYearExtendable ? .lakeOneYear : .lakeSevenYear }
    var title: String {
        // AWS closed Lake to new customers on 2026-05-31: the title says whom the row is for.
        (option == .oneYearExtendable ? "CloudTrail Lake, 1-year extendable" : "CloudTrail Lake, 7-year")
            + " (open to existing customers only)"
    }
    var scanServiceName: String { "AWS CloudTrail" }
    var needsTrail: Bool { false }
    var isOpenToNewCustomers: Bool { false }

    /// Compared when the scenario names the option, or moves off it (staying is the other side).
    func isCompared(in scenario: Scenario) -> Bool {
        scenario.lakeOptions.contains(option) || scenario.lakeMove?.from == option
    }
    func retention(_ month: MonthBuilder) -> Int? { month.scenario.lakeRetention(option, rules: month.rules) }
    /// The event data store holds the history only when it imports it.
    func dataStart(_ month: MonthBuilder) -> Decimal {
        month.scenario.lakeBackfill ? 0 : Decimal(month.timeline.historyDays)
    }

    func monthLines(_ month: MonthBuilder, index: Int) throws(PlanningError) -> [CostLine] {
        let timeline = month.timeline
        let delivered = timeline.deliveredIn(month: index)
        var lines: [CostLine] = []
        var gzip = delivered
        var history: Decimal = 0
        if index == 0, month.scenario.lakeBackfill, timeline.historyDays > 0 {
            history = timeline.window(
                endingAt: timeline.monthStart(0), days: nil, retention: retention(month), dataStart: 0)
        }
        // The seven-year option prices imports like new events, and its tiers count both:
        // one line, so the month's tiers are counted over everything ingested.
        if option.ingestItem(otherSources: true) == option.ingestItem(), history > 0 {
            gzip += history
            history = 0
        }
        let jsonPerGzip = month.jsonPerGzip
        let imported = gzip == delivered ? "" : " and the one-time import of past logs from S3"
        lines.append(
            try month.pricer.line(
                .bytes(gzip * jsonPerGzip), item: option.ingestItem(), month.context(id, index, .ingest),
                description: "CloudTrail Lake ingest of CloudTrail events (uncompressed)\(imported)",
                derivation:
                    "\(Figure.bytes(gzip)) gzip\(imported.isEmpty ? "" : " (\(Figure.bytes(gzip - delivered)) of history within retention)") x \(Figure.ratio(jsonPerGzip)) uncompressed bytes per gzip byte (sample)"
            ))
        if history > 0 {
            lines.append(
                try month.pricer.line(
                    .bytes(history * jsonPerGzip), item: option.ingestItem(otherSources: true),
                    month.context(id, index, .ingest),
                    description: "CloudTrail Lake import of past logs from S3 (one time)",
                    derivation:
                        "\(Figure.bytes(history)) gzip of history within retention x \(Figure.ratio(jsonPerGzip)) uncompressed per gzip byte"
                ))
        }
        let included = month.rules.retention(for: option).includedDays
        if let item = option.extendedRetentionItem, let kept = retention(month), kept > included {
            let held =
                timeline.averageHeld(month: index, retention: kept, dataStart: dataStart(month), olderThan: included)
                * month.columnarPerGzip
            lines.append(
                try month.pricer.line(
                    .byteMonths(held), item: item, month.context(id, index, .storage),
                    description: "CloudTrail Lake retention past the included \(included) days",
                    derivation:
                        "\(Figure.bytes(held)) compressed held on average older than \(included) days (\(Figure.ratio(month.columnarPerGzip)) columnar bytes per gzip byte, kept \(kept) days)"
                ))
        }
        return lines
    }

    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, _ month: MonthBuilder, index: Int)
        throws(PlanningError) -> [CostLine]
    {
        [
            try month.scanLine(
                query, scaling: scaling, layout: id, month: index, item: .lakeScan, label: "CloudTrail Lake query scans"
            )
        ]
    }
}

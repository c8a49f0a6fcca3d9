import Foundation
import Metering

/// Athena over a columnar (ORC/Parquet) copy partitioned by date, converted daily by an Athena
/// INSERT and kept in S3 beside the raw logs.
struct SelfManagedLakeLayout: ColumnarLayout {
    var id: CostLayout { .selfManagedLake }
    var title: String { "Self-managed columnar lake" }
    var scanServiceName: String { "Amazon Athena" }
    var needsTrail: Bool { true }
    var isOpenToNewCustomers: Bool { true }

    func isCompared(in scenario: Scenario) -> Bool { true }
    func retention(_ month: MonthBuilder) -> Int? { month.scenario.s3RetentionDays }
    /// The columnar copy holds the history only when it is imported.
    func dataStart(_ month: MonthBuilder) -> Decimal {
        month.scenario.lakeBackfill ? 0 : Decimal(month.timeline.historyDays)
    }

    func monthLines(_ month: MonthBuilder, index: Int) throws(PlanningError) -> [CostLine] {
        let timeline = month.timeline
        var lines = [try month.rawLogStorageLine(layout: id, month: index)]
        let held =
            timeline.averageHeld(month: index, retention: retention(month), dataStart: dataStart(month))
            * month.columnarPerGzip
        lines.append(
            try month.pricer.line(
                .byteMonths(held), item: .s3StandardStorage, month.context(id, index, .storage),
                description: "S3 Standard storage of the columnar copy",
                derivation:
                    "\(Figure.bytes(held)) held on average (\(Figure.ratio(month.columnarPerGzip)) columnar bytes per gzip byte, \(month.s3RetentionText))"
            ))
        var days = Decimal(timeline.months[index].dayCount)
        var gzip = timeline.deliveredIn(month: index)
        var what = "daily conversion of the new logs, one day's partition each through the projected table"
        if index == 0, month.scenario.lakeBackfill, timeline.historyDays > 0 {
            let history = timeline.window(
                endingAt: timeline.monthStart(0), days: nil, retention: retention(month), dataStart: 0)
            let historyDays = timeline.windowDays(
                endingAt: timeline.monthStart(0), days: nil, retention: retention(month), dataStart: 0)
            days += historyDays
            gzip += history
            what += " and a one-time conversion of \(Figure.number(historyDays, decimals: 0)) days of past logs"
        }
        let billed =
            month.athenaBilling.bill(scannedBytes: gzip / days, convention: month.convention).billedBytes * days
        lines.append(
            try month.pricer.line(
                .bytes(billed), item: .athenaSQLScan, month.context(id, index, .ingest),
                description: "Athena INSERT converting logs to the columnar copy: \(what)",
                derivation:
                    "\(Figure.number(days, decimals: 0)) daily runs each reading \(Figure.bytes(gzip / days)) of gzip logs, billed per run by Athena's rounding and minimum"
            ))
        lines.append(
            try month.pricer.line(
                .requests(month.filesPerDay * days), item: .s3GetRequests, month.context(id, index, .requests),
                description: "S3 GET requests of the conversion's reads",
                derivation:
                    "\(Figure.number(month.filesPerDay)) log files a day (sample) x \(Figure.number(days, decimals: 0)) days"
            ))
        lines.append(
            try month.pricer.line(
                .requests(month.objectsPerDay * days), item: .s3PutListRequests, month.context(id, index, .requests),
                description: "S3 PUT requests writing the columnar copy",
                derivation:
                    "\(Figure.number(month.objectsPerDay)) hourly partition objects a day (sample segments) x \(Figure.number(days, decimals: 0)) days"
            ))
        return lines + (try month.athenaReservationLines(layout: id, month: index))
    }

    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, _ month: MonthBuilder, index: Int)
        throws(PlanningError) -> [CostLine]
    {
        try month.athenaQueryLines(query, scaling: scaling, layout: id, month: index, unit: "partition objects")
    }
}

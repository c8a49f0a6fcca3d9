import Foundation
import Metering

/// Athena over the raw gzip logs in S3, through the console's unpartitioned table or AWS's
/// partition-projection table: S3 storage of the logs, and per-query scans of whole files.
struct AthenaRawLayout: PricedLayout {
    let table: AthenaTableKind

    var id: CostLayout { table == .unpartitioned ? .athenaUnpartitioned : .athenaProjected }
    var title: String { table == .unpartitioned ? "Athena, unpartitioned table" : "Athena, partition projection" }
    var scanServiceName: String { "Amazon Athena" }
    var needsTrail: Bool { true }
    var isOpenToNewCustomers: Bool { true }
    var readsCatalog: Bool { true }

    func isCompared(in scenario: Scenario) -> Bool { true }
    func retention(_ month: MonthBuilder) -> Int? { month.scenario.s3RetentionDays }
    /// The raw logs include the history already in the bucket.
    func dataStart(_ month: MonthBuilder) -> Decimal { 0 }

    func monthLines(_ month: MonthBuilder, index: Int) throws(PlanningError) -> [CostLine] {
        [try month.rawLogStorageLine(layout: id, month: index)]
            + (try month.athenaReservationLines(layout: id, month: index))
    }

    func queryLines(_ query: WorkloadQuery, scaling: QueryScaling, _ month: MonthBuilder, index: Int)
        throws(PlanningError) -> [CostLine]
    {
        try month.athenaQueryLines(query, scaling: scaling, layout: id, month: index, unit: "log files")
    }

    func measuredScan(_ measurement: QueryMeasurement) -> (scan: ScanMeasurement, window: TimeWindow?) {
        table == .unpartitioned
            ? (measurement.rawUnpartitioned, nil)
            : (measurement.rawProjected, measurement.rawProjected.partitionDayWindow)
    }

    /// The console's table reads every file whatever the query says; the projected table prunes
    /// only when the query bounds its partitions.
    func honoursDeclaredWindow(measured: TimeWindow?) -> Bool { table == .projected && measured != nil }

    func objectsRead(_ scan: ScanMeasurement) -> Int { scan.unitsRead }
    func objectsPerDay(_ scan: ScanMeasurement, sample: SampleProfile) -> Decimal {
        Decimal(sample.files) / sample.days
    }
    func fallbackRatio(_ scan: ScanMeasurement, sample: SampleProfile) -> (bytesPerGzipByte: Decimal, basis: String) {
        (1, "window outside the sample: whole files, 1 byte read per gzip byte")
    }

    func adviceChanges(_ measurement: QueryMeasurement, scaling: QueryScaling, finder: AdviceFinder)
        -> [(change: String, scaling: QueryScaling)]
    {
        guard scaling.windowDays == nil else { return [] }
        let partitionDays = measurement.rawProjected.partitionDayWindow.flatMap {
            QueryScaling.length($0, now: finder.now)
        }
        var bounded = scaling
        if table == .unpartitioned, let partitionDays {
            bounded.windowDays = partitionDays
            return [
                (
                    "use the partition-projection table, where its `timestamp` predicate reads \(Figure.number(partitionDays)) days",
                    bounded
                )
            ]
        }
        let eventTimeDays = finder.eventTimeDays(measurement)
        bounded.windowDays = eventTimeDays ?? 7
        let action = table == .unpartitioned ? "use the partition-projection table and add" : "add"
        let what =
            eventTimeDays.map { "matching its \(Figure.number($0)) day eventTime window" } ?? "for the last 7 days"
        return [("\(action) a `timestamp` partition predicate \(what)", bounded)]
    }
}

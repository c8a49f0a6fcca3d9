import Foundation

/// Finds changes to the costliest queries that cut their cost, each priced by projecting the
/// changed query through the same months and rates.
struct AdviceFinder {
    let builder: MonthBuilder
    let measurements: [QueryMeasurement]
    let scalings: [Projector.Key: QueryScaling]
    let lines: [CostLine]
    let months: Int
    let sample: SampleProfile
    /// The clock's now, closing open-ended eventTime windows.
    let now: Int64

    /// Columns a narrow query keeps, for "select 4 columns, not `*`".
    static let narrowColumns = ["eventtime", "eventsource", "eventname", "awsregion"]
    /// Advice below this saving is not worth printing.
    static let minimumSaving: Decimal = 0.1

    func advice() throws(PlanningError) -> [Advice] {
        var found: [Advice] = []
        for measurement in measurements {
            let query = measurement.query
            for layout in builder.scenario.layouts {
                let scaling = scalings[Projector.Key(query: query.name, layout: layout)]!
                let before = lines.reduce(Decimal(0)) {
                    $0 + ($1.layout == layout && $1.query == query.name ? $1.billedCost : 0)
                }
                guard before > 0 else { continue }
                for (change, changed) in changes(measurement, layout: layout, scaling: scaling) {
                    let after = try cost(query, scaling: changed, layout: layout)
                    let saving = (before - after) / before
                    if saving >= Self.minimumSaving {
                        found.append(
                            Advice(
                                query: query.name, layout: layout, change: change, saving: saving, costBefore: before,
                                costAfter: after))
                    }
                }
            }
        }
        return found.sorted { ($0.costBefore - $0.costAfter, $1.query) > ($1.costBefore - $1.costAfter, $0.query) }
    }

    private func changes(_ measurement: QueryMeasurement, layout: CostLayout, scaling: QueryScaling) -> [(
        String, QueryScaling
    )] {
        var result: [(String, QueryScaling)] = []
        let eventTimeDays = measurement.columnar.eventTimeWindow.flatMap { QueryScaling.length($0, now: now) }
        switch layout {
        case .athenaUnpartitioned, .athenaProjected:
            guard scaling.windowDays == nil else { break }
            let partitionDays = measurement.rawProjected.partitionDayWindow.flatMap {
                QueryScaling.length($0, now: now)
            }
            var bounded = scaling
            if layout == .athenaUnpartitioned, let partitionDays {
                bounded.windowDays = partitionDays
                result.append(
                    (
                        "use the partition-projection table, where its `timestamp` predicate reads \(Figure.number(partitionDays)) days",
                        bounded
                    ))
                break
            }
            bounded.windowDays = eventTimeDays ?? 7
            let table = layout == .athenaUnpartitioned ? "use the partition-projection table and add" : "add"
            let what =
                eventTimeDays.map { "matching its \(Figure.number($0)) day eventTime window" } ?? "for the last 7 days"
            result.append(("\(table) a `timestamp` partition predicate \(what)", bounded))
        case .lakeOneYear, .lakeSevenYear, .selfManagedLake:
            if scaling.windowDays == nil {
                var bounded = scaling
                bounded.windowDays = 7
                result.append(("bound eventTime to 7 days", bounded))
            }
            let used = measurement.columnar.columns
            if used.count > Self.narrowColumns.count * 2 {
                let usedBytes = used.reduce(Int64(0)) { $0 + (sample.columnBytes[$1] ?? 0) }
                let narrowBytes = Self.narrowColumns.reduce(Int64(0)) { $0 + (sample.columnBytes[$1] ?? 0) }
                if usedBytes > 0 {
                    var narrow = scaling
                    narrow.bytesPerGzipByte = scaling.bytesPerGzipByte * Decimal(narrowBytes) / Decimal(usedBytes)
                    result.append(
                        ("select \(Self.narrowColumns.count) columns, not `*` (\(used.count) columns read)", narrow))
                }
            }
        }
        return result
    }

    private func cost(_ query: WorkloadQuery, scaling: QueryScaling, layout: CostLayout) throws(PlanningError)
        -> Decimal
    {
        var total: Decimal = 0
        for month in 0..<months {
            for line in try builder.queryLines(query, scaling: scaling, layout: layout, month: month) {
                total += line.billedCost
            }
        }
        return total
    }
}

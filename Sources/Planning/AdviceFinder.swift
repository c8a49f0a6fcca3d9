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
                for (change, changed) in layout.priced.adviceChanges(measurement, scaling: scaling, finder: self) {
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

    /// Days the query's eventTime bounds cover on the columnar layout; nil when unbounded.
    func eventTimeDays(_ measurement: QueryMeasurement) -> Decimal? {
        measurement.columnar.eventTimeWindow.flatMap { QueryScaling.length($0, now: now) }
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

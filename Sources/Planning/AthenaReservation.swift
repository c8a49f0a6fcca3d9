import Foundation
import Pricing

/// Athena provisioned capacity, an option of the Athena layouts: a reservation of DPUs held for
/// some hours a day or a month, billed per DPU-hour (with the minimums of `rules.csv`) in place of
/// per-TB billing for the workload's queries, which all run on it. The self-managed lake's daily
/// conversion stays billed per TB (a scheduled job outside the reservation's hours).
public struct AthenaReservation: Sendable, Equatable {
    /// DPUs reserved (raised to the minimum and a whole step when billed).
    public var dpus: Int
    /// Hours the reservation is active each `period` (one activation per period).
    public var hours: Decimal
    /// `.day` or `.month`.
    public var period: Frequency.Period

    public init(dpus: Int, hours: Decimal, per period: Frequency.Period) {
        self.dpus = dpus
        self.hours = hours
        self.period = period
    }
}

extension MonthBuilder {
    /// The reservation's line for month `index` on an Athena layout, saying the monthly volume
    /// above which it is cheaper than per-TB billing; none without a reservation.
    func athenaReservationLines(layout: CostLayout, month index: Int) throws(PlanningError) -> [CostLine] {
        guard let reservation = scenario.athenaReservation else { return [] }
        let days = timeline.months[index].dayCount
        let activations = reservation.period == .day ? Decimal(days) : 1
        let perActivation = rules.athenaProvisionedCapacity.billedDPUHours(
            dpus: reservation.dpus, minutes: reservation.hours * 60)
        let dpuHours = perActivation * activations
        var line = try pricer.line(
            .dpuHours(dpuHours), item: .athenaProvisionedCapacity, context(layout, index, .scans),
            description:
                "Athena provisioned capacity: \(reservation.dpus) DPU for \(Figure.number(reservation.hours)) hours a \(reservation.period.rawValue), carrying the workload's queries",
            derivation:
                "\(Figure.number(perActivation)) DPU-hours billed per activation (minimums from rules.csv) x \(Figure.count(activations)) activations"
        )
        // The break-even: the reservation's cost over the per-TB price of an on-demand scan.
        let onDemand = try pricer.line(
            .bytes(convention.bytes(per: .terabyte)), item: .athenaSQLScan, context(layout, index, .scans),
            description: "", derivation: "")
        if line.isPriced, onDemand.isPriced, onDemand.exactCost > 0 {
            let breakEven = line.exactCost / onDemand.exactCost
            line.derivation +=
                "; cheaper than per-TB billing above \(Figure.number(breakEven)) \(convention.symbol(.terabyte)) scanned a month (\(Figure.number(line.exactCost)) / \(Figure.number(onDemand.exactCost)) per \(convention.symbol(.terabyte)))"
        }
        return [line]
    }
}

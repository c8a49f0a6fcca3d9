import Foundation

/// The minimums Athena applies to a capacity reservation (provisioned capacity), from `rules.csv`.
///
/// A reservation is billed per DPU-hour while it is active, whatever the queries on it scan; it
/// holds a whole number of steps of DPUs, at least the minimum, and is billed for at least the
/// minimum duration.
public struct AthenaProvisionedCapacityRules: Hashable, Sendable {
    /// `athena.provisioned.minimum_dpus`: the smallest reservation.
    public var minimumDPUs: Int
    /// `athena.provisioned.dpu_step`: reservations grow in steps of this many DPUs.
    public var dpuStep: Int
    /// `athena.provisioned.minimum_minutes`: the shortest duration billed.
    public var minimumMinutes: Int

    public init(minimumDPUs: Int, dpuStep: Int, minimumMinutes: Int) {
        self.minimumDPUs = minimumDPUs
        self.dpuStep = dpuStep
        self.minimumMinutes = minimumMinutes
    }

    /// DPU-hours billed for holding `dpus` for `minutes`: the DPUs raised to the minimum and to a
    /// whole step, the minutes raised to the minimum and to a whole minute (billing is per minute).
    public func billedDPUHours(dpus: Int, minutes: Decimal) -> Decimal {
        let atLeastMinimum = max(dpus, minimumDPUs)
        let steps = (atLeastMinimum + dpuStep - 1) / dpuStep
        var exact = max(minutes, Decimal(minimumMinutes))
        var wholeMinutes = Decimal()
        NSDecimalRound(&wholeMinutes, &exact, 0, .up)
        return Decimal(steps * dpuStep) * wholeMinutes / 60
    }
}

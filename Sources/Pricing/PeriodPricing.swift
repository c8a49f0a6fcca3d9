import Foundation

/// The part of a period priced at one rate.
public struct PeriodSegment: Hashable, Sendable {
    /// The days this rate was in effect within the period.
    public let days: DayRange
    /// `days` as a fraction of the whole period.
    public let share: Decimal
    /// The whole period's usage priced at this segment's rate (tiers count over the whole period).
    public let fullPeriodCharge: Charge

    /// This segment's exact USD amount: the full-period charge times its share of the days.
    public var amount: Decimal { fullPeriodCharge.amount * share }
}

/// A period's usage priced day by day, so a mid-period price change applies only to its own days.
public struct PeriodCharge: Hashable, Sendable {
    /// The days priced.
    public let period: DayRange
    /// One part per rate in effect during the period, in date order.
    public let segments: [PeriodSegment]

    /// Exact USD amount; round with a ``RoundingRule`` when printing.
    public var amount: Decimal { segments.reduce(0) { $0 + $1.amount } }
}

extension PricingTables {
    /// Prices `usage` for a whole period (normally one month, the tier period) in which the rate
    /// may change.
    ///
    /// Each rate applies to its own days: the period's usage is priced under each rate (tiers
    /// counted over the whole period) and weighted by that rate's share of the days. This equals
    /// splitting both the usage and the tier bounds by days, and is exact for flat rates.
    public func charge(
        _ usage: Usage, for item: PriceItem, region: String, over period: DayRange,
        convention: ByteConvention? = nil
    ) throws -> PeriodCharge {
        let units = convention ?? rules.defaultByteConvention
        let totalDays = Decimal(period.dayCount)
        var segments: [PeriodSegment] = []
        var day = period.first
        while day <= period.last {
            let rate = try rate(for: item, region: region, on: day)
            let end = min(rate.effectiveTo ?? period.last, period.last)
            let days = DayRange(first: day, last: end)!
            segments.append(
                PeriodSegment(
                    days: days, share: Decimal(days.dayCount) / totalDays,
                    fullPeriodCharge: try rate.charge(usage, convention: units)))
            day = end.adding(days: 1)
        }
        return PeriodCharge(period: period, segments: segments)
    }

    /// Prices `usage` on a single day's rate (for usage that is not spread over a period).
    public func charge(
        _ usage: Usage, for item: PriceItem, region: String, on day: CalendarDay,
        convention: ByteConvention? = nil
    ) throws -> Charge {
        try rate(for: item, region: region, on: day).charge(
            usage, convention: convention ?? rules.defaultByteConvention)
    }
}

import Foundation
import TrailMeterCore

/// The rate for one item in one region over one effective range: its tiers, lowest first.
public struct Rate: Hashable, Sendable {
    public let item: PriceItem
    public let region: String
    public let unit: BillingUnit
    /// The rows of the rate, one per tier, ordered by `tierFrom`. A flat rate has one.
    public let tiers: [RateRow]

    init(tiers rows: [RateRow]) {
        let ordered = rows.sorted {
            ($0.tierFrom?.amount(in: $0.unit, convention: .decimal) ?? 0)
                < ($1.tierFrom?.amount(in: $1.unit, convention: .decimal) ?? 0)
        }
        item = ordered[0].item
        region = ordered[0].region
        unit = ordered[0].unit
        tiers = ordered
    }

    public var effectiveFrom: CalendarDay? { tiers[0].effectiveFrom }
    public var effectiveTo: CalendarDay? { tiers[0].effectiveTo }
    public var source: String { tiers[0].source }
    public var location: SourceLocation { tiers[0].location }
    /// True when any tier is marked unpublished.
    public var isUnpublished: Bool { tiers.contains { $0.price == .unpublished } }

    /// Prices `usage` progressively: each unit at the price of the tier it falls in.
    ///
    /// Tier bounds count over the tier period (a month): pass one month's usage. The result is
    /// exact; round it with a ``RoundingRule`` when printing.
    public func charge(_ usage: Usage, convention: ByteConvention) throws -> Charge {
        guard let quantity = unit.amount(of: usage, convention: convention) else {
            throw PricingError.usageDoesNotMatchUnit(item: item, unit: unit, usage: usage.description)
        }
        var lines: [TierCharge] = []
        for tier in tiers {
            let start = tier.tierFrom?.amount(in: unit, convention: convention) ?? 0
            let end = tier.tierTo?.amount(in: unit, convention: convention)
            guard quantity > start else { break }
            let inTier = min(quantity, end ?? quantity) - start
            guard let price = tier.price.usd else {
                throw PricingError.unpublishedRate(item: item, region: region, location: tier.location)
            }
            lines.append(TierCharge(row: tier, start: start, end: end, quantity: inTier, amount: inTier * price))
        }
        return Charge(rate: self, usage: usage, quantity: quantity, convention: convention, tiers: lines)
    }
}

/// The part of a charge that falls in one tier.
public struct TierCharge: Hashable, Sendable {
    public let row: RateRow
    /// Tier bounds in the rate's unit under the charge's convention.
    public let start: Decimal
    public let end: Decimal?
    /// Units charged at this tier's price.
    public let quantity: Decimal
    /// Exact amount in USD.
    public let amount: Decimal
}

/// A priced quantity: how much of it fell in each tier and what that costs, unrounded.
public struct Charge: Hashable, Sendable {
    public let rate: Rate
    public let usage: Usage
    /// The usage in the rate's unit.
    public let quantity: Decimal
    /// The byte convention used to turn bytes into the unit (printed with the figures).
    public let convention: ByteConvention
    public let tiers: [TierCharge]

    /// Exact USD amount; round with a ``RoundingRule`` when printing.
    public var amount: Decimal { tiers.reduce(0) { $0 + $1.amount } }
}

extension Charge: CustomStringConvertible {
    /// e.g. `$35,000.00 (half-up to cents) for 30,000 GB at AWSCloudTrail/lake-ingest-seven-year in us-east-1
    /// (decimal units, 1 MB = 1,000,000 bytes)`; the convention is named only for byte units.
    public func description(_ rule: RoundingRule) -> String {
        let units = rate.unit.bytesPerUnit(convention) == nil ? "" : " (\(convention.label))"
        return
            "\(MoneyText.usd(amount, rule)) (\(rule.name)) for \(quantity) \(rate.unit) at \(rate.item) in \(rate.region)\(units)"
    }

    public var description: String { description(.halfUpToCents) }
}

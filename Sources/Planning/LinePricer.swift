import Foundation
import Pricing
import TrailMeterCore

/// Prices one month's usage of one item into a `CostLine`, rounding once with the projection's rule.
struct LinePricer {
    let tables: PricingTables
    let region: String
    let convention: ByteConvention
    let rounding: RoundingRule

    /// What a line needs besides its usage.
    struct Context {
        var period: DayRange
        var monthIndex: Int
        var layout: CostLayout
        var category: CostCategory
        var query: String?
    }

    func line(_ usage: Usage, item: PriceItem, _ context: Context, description: String, derivation: String)
        throws(PlanningError) -> CostLine
    {
        let rate: Rate
        do { rate = try tables.rate(for: item, region: region, on: context.period.first) } catch {
            throw .pricing(context: "\(item) in \(region) on \(context.period.first)", cause: error)
        }
        let unit = rate.unit
        let quantity = unit.amount(of: usage, convention: convention) ?? 0
        let unitName = unitLabel(unit)
        do {
            let charge = try tables.charge(
                usage, for: item, region: region, over: context.period, convention: convention)
            let tiersUsed = charge.segments.flatMap { $0.fullPeriodCharge.tiers }
            let prices = Set(tiersUsed.compactMap { $0.row.price.usd })
            let exact = charge.amount
            let terms = charge.segments.flatMap { segment in
                segment.fullPeriodCharge.tiers.compactMap { tier in
                    tier.row.price.usd.map {
                        PricedTerm(quantity: tier.quantity, unitPrice: $0, share: segment.share)
                    }
                }
            }
            return CostLine(
                period: context.period, monthIndex: context.monthIndex, layout: context.layout,
                category: context.category,
                item: item, query: context.query, description: description, quantity: quantity, unit: unitName,
                unitPrice: prices.count == 1 ? prices.first : (prices.isEmpty ? rate.tiers.first?.price.usd : nil),
                exactCost: exact, billedCost: rounding.apply(exact), derivation: derivation,
                rateSource: charge.segments.map { $0.fullPeriodCharge.rate.location.description }.joined(
                    separator: "; "), terms: terms)
        } catch {
            return CostLine(
                period: context.period, monthIndex: context.monthIndex, layout: context.layout,
                category: context.category,
                item: item, query: context.query, description: description, quantity: quantity, unit: unitName,
                unitPrice: nil, exactCost: 0, billedCost: 0, derivation: derivation,
                rateSource: "no published rate (\(rate.location))", isPriced: false)
        }
    }

    /// The unit as FOCUS `PricingUnit` prints it, with the byte convention's symbols (`GiB` when binary).
    private func unitLabel(_ unit: BillingUnit) -> String {
        switch unit {
        case .terabytes: return convention.symbol(.terabyte)
        case .gigabytes: return convention.symbol(.gigabyte)
        case .gigabyteMonths: return convention.symbol(.gigabyte) + "-Mo"
        case .events(let per): return "\(per) events"
        case .requests(let per): return "\(per) requests"
        case .dpuHours: return "DPU-Hours"
        }
    }
}

/// Plain text for figures in descriptions and derivations.
enum Figure {
    /// `1.23 GB`, `456.7 MB`: decimal units, 3 significant-ish digits.
    static func bytes(_ value: Decimal) -> String {
        guard let magnitude = ByteText.decimalMagnitude(for: value) else {
            return "\(MoneyText.grouped(value, decimals: 0)) B"
        }
        return "\(MoneyText.grouped(value / magnitude.bytes(), decimals: 2)) \(magnitude.symbol(.upper))"
    }

    static func number(_ value: Decimal, decimals: Int = 2) -> String { MoneyText.grouped(value, decimals: decimals) }

    /// A count that is usually whole (runs, requests): no decimals unless it has a fraction.
    static func count(_ value: Decimal) -> String { MoneyText.grouped(value, decimals: value == value.floored ? 0 : 2) }

    /// A ratio with 4 significant decimals.
    static func ratio(_ value: Decimal) -> String { MoneyText.grouped(value, decimals: 4) }
}

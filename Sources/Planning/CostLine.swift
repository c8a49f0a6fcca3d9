import Foundation
import Pricing

/// One priced line of a month's bill for one layout: what was used, at what rate, and how the
/// usage was derived from the sample and the scenario.
public struct CostLine: Sendable, Equatable {
    /// The calendar month billed (FOCUS `BillingPeriodStart`/`End`), and its 0-based index in the horizon.
    public var period: DayRange
    public var monthIndex: Int
    public var layout: CostLayout
    public var category: CostCategory
    /// The pricing-table item the line is priced with.
    public var item: PriceItem
    /// Which workload query the line belongs to (scans and their requests); nil for shared lines.
    public var query: String?
    /// FOCUS `ChargeDescription`, e.g. "Athena scans of `Q2 RunInstances`: 720 runs".
    public var description: String
    /// Usage in the rate's unit (FOCUS `PricingQuantity`, `PricingUnit`), e.g. 0.9125 "TB".
    public var quantity: Decimal
    public var unit: String
    /// The list price per unit; nil when the quantity spans several tiers or rates.
    public var unitPrice: Decimal?
    /// The exact amount before rounding, and the amount billed (rounded once by the projection's rule).
    public var exactCost: Decimal
    public var billedCost: Decimal
    /// How the quantity was derived: the measured ratio, the scenario input and the rate, in words.
    public var derivation: String
    /// Where the rate came from (`PricingTables/rates/AmazonAthena.csv:4`), or why there is none.
    public var rateSource: String
    /// False when the tables hold no published price for this item in the region: the line
    /// carries the usage but no cost.
    public var isPriced: Bool
    /// The terms whose sum is `exactCost`: one per tier used and per rate in force during the
    /// month (one term for a line at a single rate); empty when unpriced.
    public var terms: [PricedTerm]
    /// True for a charge billed once (the Lake-to-CloudWatch export), not per month of use
    /// (FOCUS `ChargeFrequency` "One-Time").
    public var isOneTime = false
    /// The billed amount with every sample ratio at the low and the high end of its 95% interval
    /// (`SampleConfidence`); nil when the ratios are exact (a full ingest): then `billedCost`.
    public var billedLow: Decimal?
    public var billedHigh: Decimal?
    /// The billed amount's 95% interval: zero width when the sample was the whole trail.
    public var billedInterval: ClosedRange<Decimal> { (billedLow ?? billedCost)...(billedHigh ?? billedCost) }

    public init(
        period: DayRange, monthIndex: Int, layout: CostLayout, category: CostCategory, item: PriceItem,
        query: String? = nil, description: String, quantity: Decimal, unit: String, unitPrice: Decimal?,
        exactCost: Decimal, billedCost: Decimal, derivation: String, rateSource: String, isPriced: Bool = true,
        terms: [PricedTerm] = []
    ) {
        self.period = period
        self.monthIndex = monthIndex
        self.layout = layout
        self.category = category
        self.item = item
        self.query = query
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.exactCost = exactCost
        self.billedCost = billedCost
        self.derivation = derivation
        self.rateSource = rateSource
        self.isPriced = isPriced
        self.terms = terms
    }
}

/// One term of a line's cost: `quantity` units at `unitPrice`, for the `share` of the month a
/// rate was in force (1 unless the rate changed during the month). Its amount is
/// `share × quantity × unitPrice`, unrounded.
public struct PricedTerm: Sendable, Equatable {
    public var quantity: Decimal
    public var unitPrice: Decimal
    public var share: Decimal

    public init(quantity: Decimal, unitPrice: Decimal, share: Decimal = 1) {
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.share = share
    }

    public var amount: Decimal { share * quantity * unitPrice }
}

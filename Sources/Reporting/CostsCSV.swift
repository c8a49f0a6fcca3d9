import Foundation
import Planning
import Pricing
import TrailMeterCore

/// `costs.csv` for finance: a FinOps FOCUS 1.2 cost-and-usage dataset, one record per cost line,
/// so the file loads into tools that read AWS's own FOCUS export. TrailMeter's own columns
/// follow, prefixed `x_` as FOCUS asks of custom columns.
///
/// Every line is a projection, not a charge AWS has billed: `x_ChargeOrigin` is `projected` on
/// each line (a word rather than `true`, which spreadsheets turn into a boolean). FOCUS's
/// `ChargeClass` cannot say it (it is reserved for corrections of invoiced periods), and no line
/// has an `InvoiceId`. The specification's column table the file is checked against is
/// `Tests/ReportingTests/Fixtures/focus-1.2-columns.csv`.
public enum CostsCSV {
    /// The header, in order: the FOCUS columns, then the `x_` columns.
    public static let columns = [
        "BillingPeriodStart", "BillingPeriodEnd", "ServiceName", "ChargeDescription",
        "PricingQuantity", "PricingUnit", "ListUnitPrice", "BilledCost", "BillingCurrency", "RegionId",
        "RegionName", "ChargeCategory", "ChargeClass", "ChargeFrequency", "ChargePeriodStart", "ChargePeriodEnd",
        "ListCost", "ContractedCost", "EffectiveCost", "PricingCategory", "ServiceCategory", "ProviderName",
        "PublisherName", "InvoiceIssuerName", "BillingAccountId", "BillingAccountName", "CapacityReservationId",
        "CapacityReservationStatus",
        "x_Layout", "x_Scenario", "x_CostCategory", "x_Query", "x_Derivation", "x_RateSource", "x_ChargeOrigin",
        "x_PricingTerms", "x_BilledCostLow", "x_BilledCostHigh",
    ]

    /// The file's text: RFC 4180 with CRLF line ends, the lines in the projection's order.
    ///
    /// - Billing and charge periods follow FOCUS: UTC date-times `YYYY-MM-DDTHH:mm:ssZ`, the start
    ///   inclusive and the end *exclusive* (January is `2027-01-01T00:00:00Z` to
    ///   `2027-02-01T00:00:00Z`), so periods tile without gaps and no "23:59:59" is guessed at.
    ///   Each line covers its whole billing month, so its charge period is the billing period.
    /// - `BilledCost` is the line's billed (already rounded) amount with exactly the report's
    ///   decimals, so the column sums to the printed totals to the cent. TrailMeter prices at
    ///   published list rates with no discounts, so `ListCost`, `ContractedCost` and
    ///   `EffectiveCost` are the same amount. A line with no published rate leaves the four costs
    ///   and `ListUnitPrice` empty (unknown, not zero) and says why in `x_RateSource`: FOCUS wants
    ///   no nulls in them, but a zero would understate the bill.
    /// - `x_BilledCostLow` and `x_BilledCostHigh` bound `BilledCost` with the sample's 95%
    ///   interval (every sample ratio at its low or high end); each sums, per layout, to the ends
    ///   of the horizon total's interval. A full ingest's are equal to `BilledCost`; an unpriced
    ///   line leaves them empty, as its cost.
    /// - `x_PricingTerms` spells out the sum each cost is (quantity × price per tier and rate),
    ///   so a reader can recompute every `BilledCost`: the sum, rounded once.
    /// - Quantities and unit prices are plain decimals without exponent or grouping, at most ten
    ///   decimals, trailing zeros trimmed (FOCUS numeric format).
    /// - The projection names no AWS account, so the billing account is the scenario:
    ///   `BillingAccountId` `scenario:<name>`, `BillingAccountName` the scenario's name.
    public static func render(_ projection: Projection) -> String {
        let amounts = AmountFormat(projection.rounding)
        let records = projection.lines.map { line in
            let charge = FOCUSCharge(line)
            let start = timestamp(line.period.first)
            let end = timestamp(line.period.last.adding(days: 1))
            let cost = line.isPriced ? amounts.plain(line.billedCost) : ""
            return [
                start, end, charge.serviceName, line.description,
                DecimalText.plain(line.quantity), line.unit, listUnitPrice(line).map { DecimalText.plain($0) } ?? "",
                cost, "USD", projection.region,
                FOCUSRegion.name(projection.region), charge.chargeCategory.rawValue, "",
                charge.chargeFrequency.rawValue, start, end,
                cost, cost, cost, charge.pricingCategory, charge.serviceCategory, FOCUSCharge.provider,
                FOCUSCharge.provider, FOCUSCharge.provider, "scenario:\(projection.scenarioName)",
                projection.scenarioName, charge.capacityReservationId ?? "", charge.capacityReservationStatus ?? "",
                line.layout.rawValue, projection.scenarioName, line.category.rawValue, line.query ?? "",
                line.derivation, line.rateSource, "projected", terms(line),
                line.isPriced ? amounts.plain(line.billedInterval.lowerBound) : "",
                line.isPriced ? amounts.plain(line.billedInterval.upperBound) : "",
            ]
        }
        return CSVWriter.text([columns] + records, lineEnd: .crlf)
    }

    /// The line's list price per unit: its rate, or for a line priced over several tiers or rates
    /// the blended price (exact cost ÷ quantity), so that `ListCost` = `ListUnitPrice` ×
    /// `PricingQuantity` as FOCUS asks; `x_PricingTerms` shows the tiers. Nil when unpriced.
    static func listUnitPrice(_ line: CostLine) -> Decimal? {
        guard line.isPriced else { return nil }
        if let price = line.unitPrice { return price }
        return line.quantity > 0 ? line.exactCost / line.quantity : nil
    }

    /// `x_PricingTerms`: the sum the line's cost is, before its one rounding: `60000 x 0.023` for
    /// one rate, `50000 x 0.023 + 10000 x 0.022` over two tiers, a leading share such as
    /// `0.4838709677 x ...` when a rate was in force for part of the month.
    static func terms(_ line: CostLine) -> String {
        line.terms.map { term in
            let product = "\(DecimalText.plain(term.quantity)) x \(DecimalText.plain(term.unitPrice))"
            return term.share == 1 ? product : "\(DecimalText.plain(term.share)) x \(product)"
        }.joined(separator: " + ")
    }

    /// `2027-01-01T00:00:00Z`: midnight UTC at the start of `day`.
    static func timestamp(_ day: CalendarDay) -> String { "\(day)T00:00:00Z" }

    /// The service's name as AWS bills it (FOCUS `ServiceName`), from its Price List offer code.
    public static func serviceName(_ offerCode: String) -> String { FOCUSService.named(offerCode).name }
}

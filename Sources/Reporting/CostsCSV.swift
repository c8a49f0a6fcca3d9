import Foundation
import Planning
import Pricing
import TrailMeterCore

/// `costs.csv` for finance: one record per cost line, columns named after the FinOps FOCUS
/// specification where one fits, then `x_` custom columns (FOCUS's prefix for them).
public enum CostsCSV {
    /// The header, in order.
    public static let columns = [
        "BillingPeriodStart", "BillingPeriodEnd", "ServiceName", "ChargeDescription",
        "PricingQuantity", "PricingUnit", "ListUnitPrice", "BilledCost", "BillingCurrency", "RegionId",
        "x_Layout", "x_Scenario", "x_CostCategory", "x_Query", "x_Derivation", "x_RateSource",
    ]

    /// The file's text: RFC 4180 with CRLF line ends, the lines in the projection's order.
    ///
    /// - Billing periods follow FOCUS 1.x: UTC date-times `YYYY-MM-DDTHH:mm:ssZ`, the start
    ///   inclusive and the end *exclusive* (January is `2027-01-01T00:00:00Z` to
    ///   `2027-02-01T00:00:00Z`), so periods tile without gaps and no "23:59:59" is guessed at.
    /// - `BilledCost` is the line's billed (already rounded) amount with exactly the report's
    ///   decimals, so the column sums to the printed totals to the cent. A line with no published
    ///   rate leaves `BilledCost` and `ListUnitPrice` empty (unknown, not zero) and says why in
    ///   `x_RateSource`; FOCUS wants no nulls in `BilledCost`, but a zero would understate the bill.
    /// - Quantities and unit prices are plain decimals without exponent or grouping, at most ten
    ///   decimals, trailing zeros trimmed (FOCUS numeric format).
    public static func render(_ projection: Projection) -> String {
        let amounts = AmountFormat(projection.rounding)
        let records = projection.lines.map { line in
            [
                timestamp(line.period.first),
                timestamp(line.period.last.adding(days: 1)),
                serviceName(line.item.service),
                line.description,
                DecimalText.plain(line.quantity),
                line.unit,
                line.unitPrice.map { DecimalText.plain($0) } ?? "",
                line.isPriced ? amounts.plain(line.billedCost) : "",
                "USD",
                projection.region,
                line.layout.rawValue,
                projection.scenarioName,
                line.category.rawValue,
                line.query ?? "",
                line.derivation,
                line.rateSource,
            ]
        }
        return CSVWriter.text([columns] + records, lineEnd: .crlf)
    }

    /// `2027-01-01T00:00:00Z`: midnight UTC at the start of `day`.
    static func timestamp(_ day: CalendarDay) -> String { "\(day)T00:00:00Z" }

    /// The service's name as AWS bills it (FOCUS `ServiceName`), from its Price List offer code.
    public static func serviceName(_ offerCode: String) -> String {
        switch offerCode {
        case "AmazonAthena": return "Amazon Athena"
        case "AWSCloudTrail": return "AWS CloudTrail"
        case "AmazonS3": return "Amazon Simple Storage Service"
        case "AmazonCloudWatch": return "Amazon CloudWatch"
        default: return offerCode
        }
    }
}

import Foundation
import TrailMeterCore

/// One exchange rate: how many units of a currency one US dollar bought on a date.
public struct FXRate: Hashable, Sendable {
    /// ISO 4217 code, e.g. `JPY`.
    public let currency: String
    /// Units of the currency per US dollar.
    public let unitsPerUSD: Decimal
    let unitsPerUSDText: String
    /// The day the rate was taken; printed beside every figure converted with it.
    public let rateDate: CalendarDay
    /// Digits after the point when amounts in this currency are printed (JPY 0, EUR 2).
    public let decimals: Int
    /// Where the rate was read (a URL).
    public let source: String
    /// The row of `fx.csv` it came from.
    public let location: SourceLocation
}

/// A figure converted from USD, carrying the rate and its date so they can be printed beside it.
public struct ConvertedAmount: Hashable, Sendable, CustomStringConvertible {
    /// The exact USD amount converted.
    public let usd: Decimal
    /// The exact converted amount, unrounded.
    public let amount: Decimal
    /// The rate used, with its date.
    public let rate: FXRate

    /// e.g. `JPY 1,500 (at 150.00 JPY per USD, rate of 2026-11-02)`, rounded half-up to the
    /// currency's decimals.
    public var description: String {
        let rule = RoundingRule(name: "half-up to \(rate.decimals) decimals", scale: rate.decimals, mode: .plain)
        return "\(rate.currency) \(MoneyText.grouped(rule.apply(amount), decimals: rate.decimals))"
            + " (at \(rate.unitsPerUSDText) \(rate.currency) per USD, rate of \(rate.rateDate))"
    }
}

/// The optional, hand-edited `fx.csv`: USD to other currencies, each rate with its date.
public struct FXTable: Hashable, Sendable {
    /// The rates in file order.
    public let rates: [FXRate]
    var rows: [[String]]

    /// The columns of `fx.csv`.
    public static let columns = ["currency", "units_per_usd", "rate_date", "decimals", "source"]

    /// Converts a USD amount (unrounded) into `currency`.
    public func convert(_ usd: Decimal, to currency: String) throws -> ConvertedAmount {
        guard let rate = rates.first(where: { $0.currency == currency }) else {
            throw PricingError.unknownCurrency(currency)
        }
        return ConvertedAmount(usd: usd, amount: usd * rate.unitsPerUSD, rate: rate)
    }

    static func parse(text: String, file: String) throws -> FXTable {
        let table = try CSVTable(text: text, file: file, required: columns)
        var rates: [FXRate] = []
        var issues: [TableIssue] = []
        var seen: [String: Int] = [:]
        for record in table.rows {
            let location = table.location(of: record)
            let currency = table.value("currency", in: record)
            let rateText = table.value("units_per_usd", in: record)
            let dateText = table.value("rate_date", in: record)
            let decimalsText = table.value("decimals", in: record)
            let source = table.value("source", in: record)
            let before = issues.count
            if currency.count != 3 || !currency.allSatisfy({ $0.isUppercase && $0.isASCII }) {
                issues.append(
                    TableIssue(
                        location, field: "currency",
                        .invalidRuleValue(rule: "currency", expected: "an ISO 4217 code like JPY", found: currency)))
            } else if let first = seen[currency] {
                issues.append(TableIssue(location, field: "currency", .duplicateRow(firstLine: first)))
            }
            seen[currency] = seen[currency] ?? record.line
            let rate = DecimalText.parse(rateText)
            if rate == nil || rate == 0 {
                issues.append(TableIssue(location, field: "units_per_usd", .unparseableNumber(rateText)))
            }
            let date = CalendarDay(dateText)
            if date == nil { issues.append(TableIssue(location, field: "rate_date", .unparseableDate(dateText))) }
            let decimals = Int(decimalsText).flatMap { (0...4).contains($0) ? $0 : nil }
            if decimals == nil {
                issues.append(
                    TableIssue(
                        location, field: "decimals",
                        .invalidRuleValue(rule: "decimals", expected: "a whole number from 0 to 4", found: decimalsText)
                    ))
            }
            if !(source.hasPrefix("https://") || source.hasPrefix("http://")) {
                issues.append(
                    TableIssue(location, field: "source", source.isEmpty ? .emptyRequiredField : .notAURL(source)))
            }
            if issues.count == before, let rate, let date, let decimals {
                rates.append(
                    FXRate(
                        currency: currency, unitsPerUSD: rate, unitsPerUSDText: rateText, rateDate: date,
                        decimals: decimals, source: source, location: location))
            }
        }
        if !issues.isEmpty { throw PricingError.invalidTables(issues) }
        return FXTable(rates: rates, rows: [columns] + table.rows.map(\.fields))
    }
}

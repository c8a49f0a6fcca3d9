import Foundation
import Pricing

/// Decimal values written as text for machines (CSV) and people (tables), never through `Double`.
///
/// Reports must not show binary-float artefacts such as `0.30000000000000004`, nor exponents that
/// spreadsheets misread; these functions work on `Decimal` digits only.
enum DecimalText {
    /// `value` with at most `maxFraction` decimals, trailing zeros trimmed, no exponent, no grouping:
    /// `0.9125`, `720`, `-3.5`. A value that came from a `Double` (0.1 → 0.1000000000000000055…)
    /// is trimmed back to what the author meant.
    /// At most 15 significant digits are written: what a spreadsheet's binary double keeps, so a
    /// value read back by LibreOffice or Excel is the value written.
    static func plain(_ value: Decimal, maxFraction: Int = 10) -> String {
        let integerDigits = digits(rounded(value, scale: 0)).filter(\.isNumber).count
        let text = digits(rounded(value, scale: min(maxFraction, max(0, 15 - integerDigits))))
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        if trimmed.last == "." { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// `value` with exactly `decimals` decimals, no grouping: `1234.50`, `0.00`, `-2.10`.
    static func fixed(_ value: Decimal, decimals: Int) -> String {
        let text = digits(rounded(value, scale: decimals))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard decimals > 0 else { return String(parts[0]) }
        return parts[0] + "." + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }

    /// `value` rounded half away from zero to `scale` decimals.
    static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }

    /// The decimal digits of `value` with a `.` point, whatever the process locale, and no `-0`.
    private static func digits(_ value: Decimal) -> String {
        if value.isZero { return "0" }
        // NSDecimalNumber.stringValue never uses an exponent and ignores the locale.
        return NSDecimalNumber(decimal: value).stringValue
    }
}

/// The amounts of one report, formatted the same way everywhere.
struct AmountFormat {
    /// Decimals printed: the cents, or more when the rounding rule keeps more (so printed totals
    /// stay exact sums of the lines).
    let decimals: Int

    init(_ rounding: RoundingRule) {
        decimals = max(2, rounding.scale)
    }

    /// `1,234.50`, for right-aligned table cells whose header says USD.
    func grouped(_ value: Decimal) -> String { MoneyText.grouped(value, decimals: decimals) }

    /// `$1,234.50`, for sentences.
    func usd(_ value: Decimal) -> String {
        (value < 0 ? "-$" : "$") + MoneyText.grouped(value < 0 ? -value : value, decimals: decimals)
    }

    /// `1234.50`, for CSV.
    func plain(_ value: Decimal) -> String { DecimalText.fixed(value, decimals: decimals) }
}

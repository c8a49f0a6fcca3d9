import Foundation

/// How and where an amount is rounded. Amounts stay exact `Decimal` values through every step
/// and are rounded once, with a rule that has a name, when they are printed or exported.
public struct RoundingRule: Hashable, Sendable, CustomStringConvertible {
    /// A short name printed with results, e.g. `half-up to cents`.
    public let name: String
    /// Digits kept after the point.
    public let scale: Int
    /// How halves (and other remainders) are resolved.
    public let mode: NSDecimalNumber.RoundingMode

    public init(name: String, scale: Int, mode: NSDecimalNumber.RoundingMode) {
        self.name = name
        self.scale = scale
        self.mode = mode
    }

    /// Round half away from zero to the cent: how invoices are usually read.
    public static let halfUpToCents = RoundingRule(name: "half-up to cents", scale: 2, mode: .plain)
    /// Round half to even to the cent, for sums of many lines where bias matters.
    public static let halfEvenToCents = RoundingRule(name: "half-even to cents", scale: 2, mode: .bankers)

    /// `value` rounded by this rule.
    public func apply(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, mode)
        return output
    }

    public var description: String { name }
}

/// Printing of amounts: fixed decimals, thousands separated by commas, no locale involved.
public enum MoneyText {
    /// `35000` with 2 decimals → `35,000.00`. The value should already be rounded.
    public static func grouped(_ value: Decimal, decimals: Int) -> String {
        let negative = value < 0
        var magnitude = negative ? -value : value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &magnitude, decimals, .plain)
        let plain = NSDecimalNumber(decimal: rounded).stringValue
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let text = groups.joined(separator: ",") + (decimals > 0 ? "." + fraction : "")
        return negative ? "-" + text : text
    }

    /// `$15.00` after rounding with `rule`.
    public static func usd(_ value: Decimal, _ rule: RoundingRule = .halfUpToCents) -> String {
        let rounded = rule.apply(value)
        return (rounded < 0 ? "-$" : "$") + grouped(rounded < 0 ? -rounded : rounded, decimals: rule.scale)
    }

    /// A whole count with thousands separators, e.g. `10,000,001`.
    public static func count(_ value: Decimal) -> String { grouped(value, decimals: 0) }
}

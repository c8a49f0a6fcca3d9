import Foundation
import SQLite

// Trino's DECIMAL: `count(*) * 100.0 / total` is a decimal of scale 1 (`33.3`), not a double
// (`33.333333333333336`). Values are held as REALs, the closest doubles to the decimals; each
// operation recovers the exact digits at its operands' scales, computes on integers, and rounds
// half up, as Trino does.
extension TranslationContext {
    /// `+ - * / %` on two exact numbers of which one at least is a decimal, by Trino's rules for
    /// the result's scale (sum, difference, quotient, remainder: the larger scale; product: the
    /// sum of the scales); nil when the rules do not apply (a double, a value of unknown type).
    func decimalArithmetic(_ op: String, _ l: TExpr, _ r: TExpr, at: Int) -> TExpr? {
        func isDecimal(_ type: SQLType) -> Bool { if case .decimal = type { true } else { false } }
        func isExact(_ type: SQLType) -> Bool { type.exactScale != nil || type == .null }
        guard isDecimal(l.type) || isDecimal(r.type), isExact(l.type), isExact(r.type) else { return nil }
        let scales = (l.type.exactScale ?? 0, r.type.exactScale ?? 0)
        let scale = min(38, op == "*" ? scales.0 + scales.1 : max(scales.0, scales.1))
        return .node(
            Fragment("tm_decimal('\(op)', ", at: at) + l.sql + ", \(scales.0), " + r.sql + ", \(scales.1), \(scale))",
            .decimal(scale: scale), at: at, kids: [l, r])
    }

    /// `value` rounded half up to `digits` after the point, as a decimal of `scale` (Trino's
    /// `round(decimal, n)` keeps the type; `CAST(x AS DECIMAL(p, s))` rounds to `s`).
    func decimalRound(_ value: TExpr, digits: Fragment, scale: Int, at: Int) -> TExpr {
        .node(
            Fragment("tm_decimal_round(", at: at) + value.sql + ", " + digits + ")", .decimal(scale: scale), at: at,
            kids: [value])
    }
}

/// Exact decimal arithmetic on values held as doubles.
enum DecimalArithmetic {
    static let powersOfTen: [Int64] = (0...18).map { exponent in (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// The integer `value × 10^scale`, when it is exact in an Int64 (and in a double's 53 bits).
    static func scaled(_ value: Double, _ scale: Int) -> Int64? {
        guard scale >= 0, scale < powersOfTen.count else { return nil }
        let product = roundHalfUp(value * Double(powersOfTen[scale]))
        guard abs(product) < 9_007_199_254_740_992 else { return nil }
        return Int64(product)
    }

    /// Rounds half away from zero, taking a value within a few units in the last place of a half
    /// for the half (a double cannot hold most decimal halves: 0.35 is 0.34999999999999997).
    static func roundHalfUp(_ value: Double) -> Double {
        let whole = value.rounded(.towardZero)
        let fraction = abs(value - whole)
        let tolerance = max(abs(value), 1) * 1e-12
        if fraction >= 0.5 - tolerance { return whole + (value < 0 ? -1 : 1) }
        return whole
    }

    /// `numerator / denominator` rounded half away from zero; nil on overflow.
    static func divideHalfUp(_ numerator: Int64, _ denominator: Int64) -> Int64? {
        guard denominator != 0, !(numerator == .min && denominator == -1) else { return nil }
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder != 0 else { return quotient }
        let (twice, overflow) = remainder.magnitude.multipliedReportingOverflow(by: 2)
        guard !overflow else { return nil }
        if twice >= denominator.magnitude { return quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1) }
        return quotient
    }

    /// `a × 10^exponent`, nil on overflow.
    static func raise(_ a: Int64, _ exponent: Int) -> Int64? {
        guard exponent >= 0, exponent < powersOfTen.count else { return nil }
        let (value, overflow) = a.multipliedReportingOverflow(by: powersOfTen[exponent])
        return overflow ? nil : value
    }

    /// `a op b` for decimals of scales `sa` and `sb`, as a decimal of `scale` (scaled by
    /// 10^scale); nil when an Int64 cannot hold a step.
    static func apply(_ op: String, _ a: Int64, _ sa: Int, _ b: Int64, _ sb: Int, scale: Int) -> Int64? {
        switch op {
        case "*":
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? nil : product
        case "/":
            guard let numerator = raise(a, scale - sa + sb) else { return nil }
            return divideHalfUp(numerator, b)
        default:
            guard let x = raise(a, scale - sa), let y = raise(b, scale - sb) else { return nil }
            switch op {
            case "+":
                let (sum, overflow) = x.addingReportingOverflow(y)
                return overflow ? nil : sum
            case "-":
                let (difference, overflow) = x.subtractingReportingOverflow(y)
                return overflow ? nil : difference
            default: return y == 0 ? nil : x % y
            }
        }
    }

    /// A decimal's text with exactly `scale` digits after the point, as Trino prints it.
    static func text(_ value: Double, scale: Int) -> String {
        guard let digits = scaled(value, scale) else { return String(format: "%.\(max(0, scale))f", value) }
        guard scale > 0 else { return String(digits) }
        var magnitude = String(digits.magnitude)
        if magnitude.count <= scale {
            magnitude = String(repeating: "0", count: scale + 1 - magnitude.count) + magnitude
        }
        let point = magnitude.index(magnitude.endIndex, offsetBy: -scale)
        return (digits < 0 ? "-" : "") + magnitude[..<point] + "." + magnitude[point...]
    }
}

extension SQLFunctions {
    /// `tm_decimal(op, a, scaleA, b, scaleB, scale)`, `tm_decimal_text(value, scale)`,
    /// `tm_double_text(value)` (a DOUBLE in Java's form) and
    /// `tm_decimal_round(value, digits)`.
    static func registerDecimals(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_decimal", argumentCount: 6) { args, result in
            guard !args.isNull(1), !args.isNull(3), let op = args.text(0) else { return result.null() }
            let (sa, sb, scale) = (Int(args.int64(2)), Int(args.int64(4)), Int(args.int64(5)))
            let (a, b) = (args.double(1), args.double(3))
            if op == "/" || op == "%", b == 0 { return result.error("Division by zero") }
            guard let x = DecimalArithmetic.scaled(a, sa), let y = DecimalArithmetic.scaled(b, sb),
                let exact = DecimalArithmetic.apply(op, x, sa, y, sb, scale: scale), scale < 19
            else {
                // Past 18 digits: the double's answer, as a decimal of that scale prints it.
                switch op {
                case "+": return result.double(a + b)
                case "-": return result.double(a - b)
                case "*": return result.double(a * b)
                case "/": return result.double(a / b)
                default: return result.double(a.truncatingRemainder(dividingBy: b))
                }
            }
            result.double(Double(exact) / Double(DecimalArithmetic.powersOfTen[scale]))
        }
        try define(c, "tm_double_text", argumentCount: 1) { args, result in
            guard !args.isNull(0) else { return result.null() }
            result.text(ValuePresentation.doubleText(args.double(0)))
        }
        try define(c, "tm_decimal_text", argumentCount: 2) { args, result in
            guard !args.isNull(0) else { return result.null() }
            result.text(DecimalArithmetic.text(args.double(0), scale: Int(args.int64(1))))
        }
        try define(c, "tm_decimal_round", argumentCount: 2) { args, result in
            guard !args.isNull(0), !args.isNull(1) else { return result.null() }
            let digits = args.int64(1)
            let value = args.double(0)
            guard digits > -19, digits < 19 else { return result.double(digits < 0 ? 0 : value) }
            let power = Double(DecimalArithmetic.powersOfTen[Int(digits.magnitude)])
            result.double(
                digits >= 0
                    ? DecimalArithmetic.roundHalfUp(value * power) / power
                    : DecimalArithmetic.roundHalfUp(value / power) * power)
        }
    }
}

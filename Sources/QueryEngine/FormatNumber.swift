import Foundation
import SQLite

/// `format_number(x)`: a count with a unit symbol (`123K`, `1.23M`), as Trino writes it: the number
/// (a double truncated to a bigint) divided by 1000 for each of K, M, B, T, Q while it is at least
/// 1000 away from 0, then at most three significant digits (two decimals under 10, one under 100),
/// rounded half up on the double's exact value, as Java's `DecimalFormat` rounds.
enum FormatNumber {
    static func register(_ c: Connection) throws(SQLiteError) {
        try SQLFunctions.define(c, "tm_format_number", argumentCount: 1) { args, result in
            switch args.type(0) {
            case .null: result.null()
            case .integer: result.text(format(args.int64(0)))
            default:
                let value = args.double(0)
                guard value.isFinite else { return result.error("format_number: \(value) is not a number") }
                // Java's (long) cast: truncation, saturating at the bigint range.
                let count =
                    value >= 9.223_372_036_854_775_807e18
                    ? Int64.max : value <= -9.223_372_036_854_775_808e18 ? Int64.min : Int64(value)
                result.text(format(count))
            }
        }
    }

    static func format(_ count: Int64) -> String {
        var fractional = Double(count)
        var unit = ""
        for symbol in ["K", "M", "B", "T", "Q"] where fractional >= 1000 || fractional <= -1000 {
            fractional /= 1000
            unit = symbol
        }
        let decimals = fractional < 10 ? 2 : fractional < 100 ? 1 : 0
        return rounded(fractional, decimals: decimals) + unit
    }

    /// `value` to at most `decimals` places, half up (away from zero), trailing zeros dropped.
    static func rounded(_ value: Double, decimals: Int) -> String {
        // printf writes a double's exact binary expansion; every value here has at most 52 places.
        let exact = String(format: "%.60f", abs(value))
        let parts = exact.split(separator: ".")
        var digits = Array(parts[0].utf8) + Array(parts[1].utf8.prefix(decimals))
        let next = parts[1].utf8.dropFirst(decimals).first ?? UInt8(ascii: "0")
        if next >= UInt8(ascii: "5") {
            var index = digits.count - 1
            while index >= 0, digits[index] == UInt8(ascii: "9") {
                digits[index] = UInt8(ascii: "0")
                index -= 1
            }
            if index >= 0 { digits[index] += 1 } else { digits.insert(UInt8(ascii: "1"), at: 0) }
        }
        var integer = String(decoding: digits.dropLast(decimals), as: UTF8.self)
        var fraction = String(decoding: digits.suffix(decimals), as: UTF8.self)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        integer = String(integer.drop { $0 == "0" })
        if integer.isEmpty { integer = "0" }
        let text = fraction.isEmpty ? integer : integer + "." + fraction
        return value < 0 && text != "0" ? "-" + text : text
    }
}

import Foundation
import SQLite

/// Doubles as Trino computes them (IEEE 754): infinities where SQLite's math functions answer
/// NULL (`ln(0)` is -Infinity, `1e0 / 0` Infinity). A NaN cannot be held: SQLite stores every NaN
/// as NULL, which would print as a wrong answer, so a NaN result fails the statement instead, also
/// under `try(...)` (where Trino's NaN is no error, so NULL would be wrong too).
extension SQLFunctions {
    static func registerDoubles(_ c: Connection) throws(SQLiteError) {
        // tm_math(name, x[, y]).
        try define(c, "tm_math", argumentCount: -1) { args, result in
            guard args.count >= 2, let name = args.text(0) else { return result.error("tm_math: no function") }
            if (1..<args.count).contains(where: args.isNull) { return result.null() }
            let x = args.double(1)
            let y = args.count > 2 ? args.double(2) : 0
            let value: Double
            switch name {
            case "sqrt": value = x.squareRoot()
            case "ln": value = Foundation.log(x)
            case "log10": value = Foundation.log10(x)
            case "log2": value = Foundation.log2(x)
            case "acos": value = Foundation.acos(x)
            case "asin": value = Foundation.asin(x)
            case "cos": value = Foundation.cos(x)
            case "sin": value = Foundation.sin(x)
            case "tan": value = Foundation.tan(x)
            case "power", "pow": value = Foundation.pow(x, y)
            // Trino's log(b, x): the logarithm of x to base b.
            case "log": value = Foundation.log(y) / Foundation.log(x)
            default: return result.error("tm_math: unknown function \(name)")
            }
            double(value, result)
        }
        try define(c, "tm_nan", argumentCount: 0) { _, result in double(.nan, result) }
    }

    /// `value` as the result; a NaN fails the statement, naming why.
    static func double(_ value: Double, _ result: FunctionResult) {
        if value.isNaN {
            return result.unrepresentable(
                "the result is NaN, which TrailMeter cannot hold (SQLite stores NaN as NULL)")
        }
        result.double(value)
    }
}

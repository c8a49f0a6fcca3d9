import Foundation
import SQLite

/// `rand()`/`random()`, `random(n)`, `random(m, n)`, `uuid()` and `shuffle(array)`: answers that
/// change with every call, as in Trino. The translation records each call, so that `--verify`
/// does not hold two layouts' random rows against each other.
extension TranslationContext {
    func translateRandomCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        let result: TExpr
        switch name {
        case "rand", "random":
            try arity(call, args, 0...2)
            for bound in args { try requireInteger(bound, call) }
            let type: SQLType = args.isEmpty ? .double : .bigint
            result = callN("tm_random", args, type, at: at)
        case "uuid":
            try arity(call, args, 0...0)
            result = callN("tm_uuid", args, .varchar, at: at)
        case "shuffle":
            try arity(call, args, 1...1)
            guard case .array = args[0].type else {
                throw .invalid(message: "shuffle takes an array, not \(args[0].type.name)", at: location(args[0].at))
            }
            result = callN("tm_shuffle", args, args[0].type, at: at)
        default:
            return nil
        }
        nondeterministicFunctions.append(call.name.text + "()")
        return result
    }

    /// `TABLESAMPLE BERNOULLI (p)`: each row kept with probability p%, a condition the layouts
    /// cannot push down, so both still read every row, as Athena bills a Bernoulli sample.
    func sampleCondition(_ sample: TableSample, scope: Scope, ctes: CTEs) throws(QueryError) -> Fragment {
        let percentage = try translateExpression(sample.percentage, scope: scope, ctes: ctes)
        guard case .number(let digits) = percentage.constant, let value = Double(digits), (0...100).contains(value)
        else {
            throw .invalid(
                message: "TABLESAMPLE takes a constant percentage between 0 and 100", at: location(percentage.at))
        }
        nondeterministicFunctions.append("TABLESAMPLE BERNOULLI")
        return Fragment("(tm_random() * 100 < ", at: sample.at) + Fragment(digits) + ")"
    }
}

extension SQLFunctions {
    static func registerRandom(_ c: Connection) throws(SQLiteError) {
        // tm_random(): a double in [0, 1); tm_random(n): a bigint in [0, n); tm_random(m, n): in [m, n).
        try define(c, "tm_random", argumentCount: -1, deterministic: false) { args, result in
            if args.count == 0 { return result.double(Double.random(in: 0..<1)) }
            if (0..<args.count).contains(where: args.isNull) { return result.null() }
            let low = args.count == 2 ? args.int64(0) : 0
            let high = args.int64(args.count - 1)
            guard low < high else {
                return result.error(
                    args.count == 2 ? "start value must be less than stop value" : "bound must be positive")
            }
            result.int64(Int64.random(in: low..<high))
        }
        try define(c, "tm_uuid", argumentCount: 0, deterministic: false) { _, result in
            result.text(UUID().uuidString.lowercased())
        }
        try define(c, "tm_shuffle", argumentCount: 1, deterministic: false) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let root = scan.root(), let ranges = scan.elements(in: root) else { return result.null() }
            let elements = ranges.map { String(decoding: scan.canonical($0), as: UTF8.self) }.shuffled()
            result.text("[" + elements.joined(separator: ",") + "]")
        }
    }
}

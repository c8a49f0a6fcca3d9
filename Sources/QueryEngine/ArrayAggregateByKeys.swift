import SQLite

/// `array_agg(x ORDER BY k1 [DESC], k2 [DESC], ...)` with several keys:
/// `tm_array_agg_by_keys(x, directions, k1, k2, ...)`, `directions` one letter per key (`a`
/// ascending, `d` descending). NULL keys sort last whichever the direction, as Trino's default
/// for an aggregate's ORDER BY; rows equal on every key keep the order they came in.
final class ArrayAggregateByKeys: AggregateState {
    private var descending: [Bool]?
    private var items: [(keys: [SortKey], element: String)] = []

    func step(_ arguments: FunctionArguments) {
        if descending == nil { descending = (arguments.text(1) ?? "").map { $0 == "d" } }
        let keys = (2..<arguments.count).map { SortKey(value: arguments.sqliteValue($0)) }
        items.append((keys, jsonElement(arguments, 0)))
    }

    func final(_ result: FunctionResult) {
        guard !items.isEmpty else { return result.null() }
        let descending = descending ?? []
        items.sort { a, b in
            for (index, (left, right)) in zip(a.keys, b.keys).enumerated() {
                if left.value == .null || right.value == .null {
                    if left.value == .null, right.value == .null { continue }
                    return right.value == .null
                }
                if left == right { continue }
                let reversed = index < descending.count && descending[index]
                return reversed ? right < left : left < right
            }
            return false
        }
        result.text("[" + items.map(\.element).joined(separator: ",") + "]")
    }
}

extension TranslationContext {
    /// `array_agg(x ORDER BY k1, k2, ...)`: the keys handed to `tm_array_agg_by_keys`.
    func arrayAggregateByKeys(_ call: Call, value: Fragment, args: [TExpr], scope: Scope, ctes: CTEs)
        throws(QueryError) -> TExpr
    {
        let at = call.name.start
        if call.distinct {
            throw .unsupported(construct: "array_agg(DISTINCT x ORDER BY several keys)", at: location(at))
        }
        var keys: [TExpr] = []
        var directions = ""
        for item in call.orderBy {
            if item.nullsFirst == true {
                throw .unsupported(construct: "array_agg ORDER BY ... NULLS FIRST", at: location(item.expression.start))
            }
            keys.append(try translateExpression(item.expression, scope: scope, ctes: ctes))
            directions += item.descending ? "d" : "a"
        }
        return .node(
            Fragment("tm_array_agg_by_keys(", at: at) + value + ", " + Fragment(SQLText.string(directions), at: at)
                + ", " + Fragment.join(keys.map(\.sql), ", ") + ")", .array(args[0].type), at: at, kids: args + keys)
    }
}

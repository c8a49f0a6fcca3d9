import SQLite

/// `max(x, n)`, `min(x, n)`, `max_by(x, y, n)`, `min_by(x, y, n)`: the n largest or smallest
/// values (or the values of the rows with the n largest or smallest keys) as an array, largest
/// first for `max`, smallest first for `min`. Rows whose key is NULL are skipped; rows with equal
/// keys keep their row order. No rows gives NULL, as in Trino.
extension TranslationContext {
    func topValues(_ call: Call, name: String, args: [TExpr]) throws(QueryError) -> TExpr {
        let keyed = name.hasSuffix("_by")
        try arity(call, args, keyed ? 3 : 2)
        let value = args[0]
        let key = keyed ? args[1] : args[0]
        let count = args[keyed ? 2 : 1]
        guard case .number(let digits) = count.constant, let n = Int64(digits), n > 0 else {
            throw .invalid(
                message: "the last argument of \(call.name.text) must be a positive integer constant",
                at: location(count.at))
        }
        guard n <= 10_000 else {
            throw .invalid(message: "\(call.name.text) takes at most 10000 values, not \(n)", at: location(count.at))
        }
        switch key.type {
        case .bigint, .double, .decimal, .varchar, .date, .timestamp, .unknown, .null: break
        default: throw .invalid(message: "\(call.name.text) cannot order \(key.type.name)", at: location(key.at))
        }
        if value.type == .varbinary {
            throw .unsupported(construct: "\(call.name.text) of varbinary", at: location(value.at))
        }
        let descending = name.hasPrefix("max") ? 1 : 0
        var result = TExpr.node(
            Fragment("tm_top_values(", at: call.name.start) + arrayElement(value) + ", " + asInstant(key).sql
                + ", \(n), \(descending))", .array(value.type), at: call.name.start, kids: args)
        if value.type == .timestamp { result.elementZone = value.zone }
        return result
    }
}

/// The state of `tm_top_values(value, key, n, descending)`: the rows with the best keys so far.
final class TopValues: AggregateState {
    private var rows: [(key: SortKey, order: Int, value: String)] = []
    private var seen = 0
    private var limit = 0
    private var descending = false

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(1) else { return }
        limit = Int(arguments.int64(2))
        descending = arguments.int64(3) != 0
        rows.append((SortKey(value: arguments.sqliteValue(1)), seen, jsonElement(arguments, 0)))
        seen += 1
        // Keep memory to a few times n: sort and drop what can no longer be among the best.
        if rows.count >= 4 * limit + 64 { keepBest() }
    }

    private func keepBest() {
        let descending = descending
        rows.sort { a, b in
            let (first, second) = descending ? (b.key, a.key) : (a.key, b.key)
            if first < second { return true }
            if second < first { return false }
            return a.order < b.order
        }
        if rows.count > limit { rows.removeLast(rows.count - limit) }
    }

    func final(_ result: FunctionResult) {
        guard !rows.isEmpty else { return result.null() }
        keepBest()
        result.text("[" + rows.map(\.value).joined(separator: ",") + "]")
    }
}

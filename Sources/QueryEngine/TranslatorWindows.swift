/// Window functions: `f(...) OVER (PARTITION BY … ORDER BY … [frame])`, translated to SQLite's
/// own window functions, which follow the same SQL standard semantics.
extension TranslationContext {
    /// Ranking functions and their argument counts (Trino's and SQLite's agree).
    private static let rankingFunctions: [String: ClosedRange<Int>] = [
        "row_number": 0...0, "rank": 0...0, "dense_rank": 0...0, "percent_rank": 0...0, "cume_dist": 0...0,
        "ntile": 1...1,
    ]

    /// Value functions: the result has the type of the first argument.
    private static let valueFunctions: [String: ClosedRange<Int>] = [
        "lag": 1...3, "lead": 1...3, "first_value": 1...1, "last_value": 1...1, "nth_value": 2...2,
    ]

    /// Aggregates SQLite evaluates over a window as Trino does: the ones translated to SQLite's
    /// built-in aggregates, and the spread aggregates (`Variance` has a window form).
    private static let windowAggregates: Set<String> = [
        "count", "sum", "avg", "min", "max", "count_if", "bool_and", "bool_or", "every", "arbitrary", "any_value",
        "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
    ]

    func translateWindowCall(_ call: Call, window written: WindowSpec, scope: Scope, ctes: CTEs) throws(QueryError)
        -> TExpr
    {
        let name = call.name.folded
        let at = call.name.start
        let window = try resolveWindow(written, scope: scope)
        if call.filter != nil, !Self.windowAggregates.contains(name) {
            throw .invalid(message: "FILTER is only valid for aggregate functions", at: location(at))
        }
        if call.distinct {
            throw .invalid(message: "DISTINCT is not supported for window functions", at: location(at))
        }
        var args: [TExpr] = []
        for argument in call.arguments { args.append(try translateExpression(argument, scope: scope, ctes: ctes)) }

        var function: Fragment
        let type: SQLType
        var frameOverride: String?
        var fallback: Fragment?
        if call.ignoreNulls, Self.valueFunctions[name] == nil {
            throw .invalid(message: "IGNORE NULLS is not valid for \(call.name.text)", at: location(at))
        }
        if let counts = Self.rankingFunctions[name] ?? Self.valueFunctions[name] {
            guard counts.contains(args.count) else {
                let expected =
                    counts.lowerBound == counts.upperBound
                    ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
                throw .invalid(
                    message: "\(call.name.text) takes \(expected) arguments, not \(args.count)", at: location(at))
            }
            if call.star { throw .invalid(message: "\(call.name.text)(*) is not a function", at: location(at)) }
            switch name {
            case "percent_rank", "cume_dist": type = .double
            case "row_number", "rank", "dense_rank", "ntile": type = .bigint
            default: type = args[0].type
            }
            if call.ignoreNulls {
                (function, frameOverride, fallback) = try ignoringNulls(call, args)
            } else {
                function = Fragment("\(name)(", at: at) + Fragment.join(args.map(\.sql), ", ") + ")"
            }
        } else if Self.windowAggregates.contains(name) {
            // The aggregate itself is evaluated per window, so an aggregate argument
            // (`sum(count(*)) OVER ()`) is the grouped query's aggregate, not a nested one.
            var plain = args
            for index in plain.indices { plain[index].containsAggregate = false }
            let evaluated = try aggregate(call, name: name, args: plain, scope: scope, ctes: ctes)
            function = evaluated.sql
            type = evaluated.type
        } else if Self.aggregateNames.contains(name) {
            throw .unsupported(construct: "aggregate \(call.name.text) over a window", at: location(at))
        } else {
            throw .unsupported(construct: "window function \(call.name.text)", at: location(at))
        }

        var kids = args
        var clauses: [Fragment] = []
        if !window.partitionBy.isEmpty {
            var keys: [Fragment] = []
            for expression in window.partitionBy {
                let key = try translateExpression(expression, scope: scope, ctes: ctes)
                kids.append(key)
                keys.append(key.sql)
            }
            clauses.append("PARTITION BY " + Fragment.join(keys, ", "))
        }
        let timeRange = try window.frame.flatMap { frame throws(QueryError) in try timeRangeFrame(frame, window) }
        if !window.orderBy.isEmpty {
            var terms: [Fragment] = []
            for item in window.orderBy {
                var key = try translateExpression(item.expression, scope: scope, ctes: ctes)
                if let timeRange { key = try timeRangeKey(key, frame: timeRange) }
                kids.append(key)
                // Trino puts NULLs last in either direction unless told otherwise.
                terms.append(
                    key.sql + (item.descending ? " DESC" : " ASC")
                        + (item.nullsFirst == true ? " NULLS FIRST" : " NULLS LAST"))
            }
            clauses.append("ORDER BY " + Fragment.join(terms, ", "))
        }
        if let frameOverride {
            clauses.append(Fragment(frameOverride))
        } else if let frame = window.frame {
            try checkFrame(frame, window: window)
            var text = Fragment(frame.mode + " ", at: frame.at)
            let bound = { (bound: WindowSpec.Bound) throws(QueryError) -> String in
                try timeRange == nil ? bound.sql : self.timeRangeBound(bound)
            }
            if let end = frame.end {
                text.append("BETWEEN \(try bound(frame.start)) AND \(try bound(end))")
            } else {
                text.append(try bound(frame.start))
            }
            clauses.append(text)
        }
        var sql = function + Fragment(" OVER (", at: window.at) + Fragment.join(clauses, " ") + ")"
        if let fallback { sql = "coalesce(" + sql + ", " + fallback + ")" }
        return .node(sql, type, at: at, kids: kids)
    }

    /// A window written over a named one (`OVER w`, `OVER (w ORDER BY x)`): the named window's
    /// partitioning, its ordering unless this one orders, this one's frame or else the named one's.
    private func resolveWindow(_ window: WindowSpec, scope: Scope, depth: Int = 0) throws(QueryError) -> WindowSpec {
        guard let name = window.name else { return window }
        guard let named = scope.windows[name.folded], depth < 64 else {
            throw .invalid(message: "cannot resolve window name '\(name.text)'", at: location(name.start))
        }
        let base = try resolveWindow(named, scope: scope, depth: depth + 1)
        if !window.partitionBy.isEmpty {
            throw .invalid(
                message: "a window over '\(name.text)' cannot have its own PARTITION BY", at: location(window.at))
        }
        if !window.orderBy.isEmpty, !base.orderBy.isEmpty {
            throw .invalid(message: "window '\(name.text)' already has an ORDER BY", at: location(window.at))
        }
        return WindowSpec(
            partitionBy: base.partitionBy, orderBy: window.orderBy.isEmpty ? base.orderBy : window.orderBy,
            frame: window.frame ?? base.frame, name: nil, at: window.at)
    }

    /// Frames Trino rejects are rejected here too, rather than left to SQLite's wording.
    private func checkFrame(_ frame: WindowSpec.Frame, window: WindowSpec) throws(QueryError) {
        if frame.start == .unboundedFollowing {
            throw .invalid(message: "window frame start cannot be UNBOUNDED FOLLOWING", at: location(frame.at))
        }
        if frame.end == .unboundedPreceding {
            throw .invalid(message: "window frame end cannot be UNBOUNDED PRECEDING", at: location(frame.at))
        }
        let offsets = [frame.start, frame.end].contains { bound in
            switch bound {
            case .preceding, .following, .intervalPreceding, .intervalFollowing: return true
            default: return false
            }
        }
        if frame.mode == "RANGE", offsets, window.orderBy.count != 1 {
            throw .invalid(
                message: "window frame of type RANGE PRECEDING or FOLLOWING requires a single sort item in ORDER BY",
                at: location(frame.at))
        }
        if frame.mode == "GROUPS", window.orderBy.isEmpty {
            throw .invalid(message: "window frame of type GROUPS requires ORDER BY", at: location(frame.at))
        }
    }
}

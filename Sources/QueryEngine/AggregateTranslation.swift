// Aggregate functions, with DISTINCT, and array_agg with its ORDER BY.
extension TranslationContext {
    func aggregate(_ call: Call, name: String, args: [TExpr], scope: Scope, ctes: CTEs) throws(QueryError)
        -> TExpr
    {
        let at = call.name.start
        let condition = try filterCondition(call, scope: scope, ctes: ctes)
        let unfiltered = args
        var args = args
        if let condition, !args.isEmpty, !Self.aggregatesKeepingNulls.contains(name) {
            // These aggregates skip NULLs, so a row the filter rejects can stand as a NULL value.
            args[0].sql = Fragment("CASE WHEN ", at: args[0].at) + condition.sql + " THEN " + args[0].sql + " END"
            args[0].constant = nil
            args[0].isColumn = false
        }
        if call.distinct, args.count != 1, name != "listagg" {
            throw .unsupported(
                construct: "DISTINCT in \(call.name.text) with \(args.count) arguments", at: location(at))
        }
        let distinct = call.distinct ? "DISTINCT " : ""
        var result: TExpr
        switch name {
        case "count":
            if call.star {
                let counted =
                    condition.map { Fragment("count(CASE WHEN ", at: at) + $0.sql + " THEN 1 END)" }
                    ?? Fragment("count(*)", at: at)
                result = TExpr(sql: counted, type: .bigint, at: at)
            } else {
                try arity(call, args, 1)
                result = .node(Fragment("count(" + distinct, at: at) + args[0].sql + ")", .bigint, at: at, kids: args)
            }
        case "approx_distinct":
            // Exact where Athena estimates (HyperLogLog, about 2.3% standard error).
            guard args.count == 1 || args.count == 2 else { throw arityError(call, "1 or 2") }
            result = .node(Fragment("count(DISTINCT ", at: at) + args[0].sql + ")", .bigint, at: at, kids: [args[0]])
        case "sum", "avg", "min", "max":
            if args.count == 2, name == "min" || name == "max" {
                result = try topValues(call, name: name, args: args)
                break
            }
            try arity(call, args, 1)
            // `sum` of intervals is an interval (their amounts added), as in Trino.
            let summedInterval = name == "sum" && args[0].type == .interval(months: false)
            if name != "min", name != "max", !summedInterval {
                guard args[0].type.isNumeric || [.unknown, .null].contains(args[0].type) else {
                    throw .invalid(
                        message: "\(name) takes a number, not \(args[0].type.name)", at: location(args[0].at))
                }
            }
            // The average of decimals is a decimal of their scale: held unrounded, it is rounded half
            // up where it is printed or computed on (`tm_decimal`), so it also works over a window.
            var type: SQLType = name == "avg" ? .double : args[0].type
            if name == "avg", case .decimal = args[0].type { type = args[0].type }
            result = .node(Fragment("\(name)(" + distinct, at: at) + args[0].sql + ")", type, at: at, kids: args)
        case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
            try arity(call, args, 1)
            guard args[0].type.isNumeric || [.unknown, .null].contains(args[0].type) else {
                throw .invalid(message: "\(name) takes a number, not \(args[0].type.name)", at: location(args[0].at))
            }
            let function = ["stddev": "stddev_samp", "variance": "var_samp"][name] ?? name
            result = .node(
                Fragment("tm_\(function)(" + distinct, at: at) + args[0].sql + ")", .double, at: at, kids: args)
        case "arbitrary", "any_value":
            try arity(call, args, 1)
            result = .node(Fragment("min(", at: at) + args[0].sql + ")", args[0].type, at: at, kids: args)
        case "bool_and", "every", "bool_or":
            try arity(call, args, 1)
            result = .node(
                Fragment(name == "bool_or" ? "max(" : "min(", at: at) + args[0].sql + ")", .boolean, at: at, kids: args)
        case "count_if":
            try arity(call, args, 1)
            result = .node(
                Fragment("count(CASE WHEN ", at: at) + args[0].sql + " THEN 1 END)", .bigint, at: at, kids: args)
        case "approx_percentile":
            result = try approxPercentile(call, args)
        case _ where Self.bivariateAggregates.contains(name):
            result = try bivariate(call, name: name, args)
        case "skewness", "kurtosis", "geometric_mean", "bitwise_and_agg", "bitwise_or_agg":
            try arity(call, args, 1)
            let bitwise = name.hasPrefix("bitwise")
            guard
                bitwise
                    ? [.bigint, .unknown, .null].contains(args[0].type)
                    : (args[0].type.isNumeric || [.unknown, .null].contains(args[0].type))
            else {
                throw .invalid(
                    message: "\(call.name.text) takes \(bitwise ? "a bigint" : "a number"), not \(args[0].type.name)",
                    at: location(args[0].at))
            }
            result = .node(
                Fragment("tm_\(name)(" + distinct, at: at) + args[0].sql + ")", bitwise ? .bigint : .double, at: at,
                kids: args)
        case "listagg":
            // The group's values in the WITHIN GROUP order, joined; NULLs skipped, and NULL when
            // every value is (Trino's listagg).
            guard args.count == 1 || args.count == 2 else { throw arityError(call, "1 or 2") }
            guard [.varchar, .unknown, .null].contains(args[0].type) else {
                throw .invalid(message: "listagg takes varchar, not \(args[0].type.name)", at: location(args[0].at))
            }
            guard !call.orderBy.isEmpty else {
                throw .invalid(message: "listagg needs WITHIN GROUP (ORDER BY ...)", at: location(at))
            }
            let separator = args.count == 2 ? args[1].sql : Fragment("''")
            let values = try aggregate(call, name: "array_agg", args: [unfiltered[0]], scope: scope, ctes: ctes)
            result = .node(
                Fragment("CASE WHEN count(", at: at) + args[0].sql + ") = 0 THEN NULL ELSE tm_array_join("
                    + values.sql + ", " + separator + ") END", .varchar, at: at, kids: args + [values])
        case "max_by", "min_by":
            if args.count == 3 {
                result = try topValues(call, name: name, args: args)
                break
            }
            try arity(call, args, 2)
            result = .node(
                Fragment("tm_\(name)(", at: at) + args[0].sql + ", " + args[1].sql + ")", args[0].type, at: at,
                kids: args)
        case "array_agg":
            try arity(call, args, 1)
            if args[0].type == .varbinary {
                throw .unsupported(construct: "array_agg of varbinary", at: location(args[0].at))
            }
            let value = arrayElement(args[0])
            if call.orderBy.isEmpty {
                result = .node(
                    Fragment("tm_array_agg(" + distinct, at: at) + value + ")", .array(args[0].type), at: at, kids: args
                )
            } else {
                guard call.orderBy.count == 1 else {
                    result = try arrayAggregateByKeys(call, value: value, args: args, scope: scope, ctes: ctes)
                    break
                }
                let item = call.orderBy[0]
                let key = try translateExpression(item.expression, scope: scope, ctes: ctes)
                let direction = item.descending ? "desc" : "asc"
                if item.nullsFirst == true {
                    throw .unsupported(
                        construct: "array_agg ORDER BY ... NULLS FIRST", at: location(item.expression.start))
                }
                if key.sql.text == args[0].sql.text {
                    result = .node(
                        Fragment("tm_array_agg_\(direction)(" + distinct, at: at) + value + ")", .array(args[0].type),
                        at: at, kids: args)
                } else {
                    if call.distinct {
                        throw .unsupported(
                            construct: "array_agg(DISTINCT x ORDER BY another expression)", at: location(at))
                    }
                    result = .node(
                        Fragment("tm_array_agg_by_\(direction)(", at: at) + value + ", " + key.sql + ")",
                        .array(args[0].type), at: at, kids: args + [key])
                }
            }
        default:
            guard let built = try mapAggregate(call, name: name, args: args, distinct: distinct) else {
                throw .unsupported(construct: "aggregate \(call.name.text)", at: location(at))
            }
            result = built
        }
        if let condition {
            if Self.aggregatesKeepingNulls.contains(name) {
                result.sql = result.sql + " FILTER (WHERE " + condition.sql + ")"
            }
            result.kids.append(condition)
        }
        if name == "array_agg", args[0].type == .timestamp { result.elementZone = args[0].zone }
        result.isAggregateCall = true
        result.containsAggregate = true
        if args.contains(where: { $0.containsAggregate }) {
            throw .invalid(message: "cannot nest aggregate functions", at: location(at))
        }
        return result
    }

    /// Aggregates that see a row whose value is NULL (`array_agg` keeps it; `max_by`'s value may be
    /// NULL): a filter is SQLite's own `FILTER` clause on their single call.
    private static let aggregatesKeepingNulls: Set<String> = ["array_agg", "max_by", "min_by"]

    /// `FILTER (WHERE condition)`: a boolean over the row, without aggregates.
    private func filterCondition(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr? {
        guard let filter = call.filter else { return nil }
        let condition = try translateExpression(filter, scope: scope, ctes: ctes)
        try requireBoolean(condition, "FILTER")
        if condition.containsAggregate {
            var nested = condition
            while !nested.isAggregateCall, let kid = nested.kids.first(where: { $0.containsAggregate }) { nested = kid }
            throw .invalid(message: "FILTER clause cannot contain aggregations", at: location(nested.at))
        }
        return condition
    }

    /// Values collected into an array: nested JSON stays JSON, booleans become JSON booleans.
    func arrayElement(_ value: TExpr) -> Fragment {
        switch value.type {
        case .boolean: return "json(tm_bool_text(" + value.sql + "))"
        case .map, .structure, .array, .json: return "json(" + value.sql + ")"
        default: return value.sql
        }
    }
}

/// Maps and arrays built in the query, array concatenation, quantified comparisons and the SQL/JSON
/// constructors. Arrays and maps are JSON text (ARCHITECTURE §3); the `tm_` functions that build
/// them live in `SQLFunctionsCollections.swift`.
extension TranslationContext {
    /// `MAP()`, `MAP(keys, values)`.
    func mapConstructor(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr {
        let at = call.name.start
        if args.isEmpty {
            var empty = TExpr(sql: Fragment("'{}'", at: at), type: .map, at: at)
            empty.mapTypes = (.unknown, .unknown)
            return empty
        }
        guard args.count == 2 else {
            throw .invalid(message: "map takes 0 or 2 arguments, not \(args.count)", at: location(at))
        }
        var types: [SQLType] = []
        for arg in args {
            switch arg.type {
            case .array(let element): types.append(element)
            case .unknown, .null: types.append(.unknown)
            default:
                throw .invalid(message: "map takes two arrays, not \(arg.type.name)", at: location(arg.at))
            }
        }
        switch types[0] {
        case .array, .map, .structure, .json:
            throw .unsupported(construct: "map keys of type \(types[0].name)", at: location(args[0].at))
        default: break
        }
        var result = TExpr.node(
            Fragment("tm_map(", at: at) + args[0].sql + ", " + args[1].sql + ")", .map, at: at, kids: args)
        result.mapTypes = (types[0], types[1])
        return result
    }

    /// `a || b` and `concat(a, b, ...)` where an operand is an array; a lone element joins as a
    /// one-element array.
    func arrayConcatenation(_ parts: [TExpr], at: Int) throws(QueryError) -> TExpr {
        var element: SQLType = .unknown
        for part in parts {
            if case .array(let type) = part.type, type != .unknown { element = type }
        }
        var arrays: [Fragment] = []
        for part in parts {
            switch part.type {
            case .array, .null, .unknown: arrays.append(part.sql)
            default: arrays.append("json_array(" + arrayElement(part) + ")")
            }
        }
        return .node(
            Fragment("tm_array_concat(", at: at) + Fragment.join(arrays, ", ") + ")", .array(element), at: at,
            kids: parts)
    }

    /// `value op ANY|ALL (query)` with Trino's answers: NULL when no row decides and some row
    /// compares as NULL.
    func quantifiedComparison(
        _ op: String, _ value: Expr, _ quantifier: String, _ query: Query, at: Int, scope: Scope, ctes: CTEs
    ) throws(QueryError) -> TExpr {
        let left = try translateExpression(value, scope: scope, ctes: ctes)
        let (inner, columns) = try translateSubqueryExpression(query, scope: scope, ctes: ctes)
        guard columns.count == 1 else {
            throw .invalid(
                message: "a quantified comparison's subquery must return one column, not \(columns.count)",
                at: location(at))
        }
        let q = freshAlias("_q")
        let column = TExpr(sql: Fragment("\(q).c"), type: columns[0].type, at: at)
        let (a, b) = try coerceForComparison(left, column, op: op, at: at)
        let comparison = "(" + a.sql + " \(op) " + b.sql + ")"
        let from = Fragment("(WITH \(q)(c) AS (") + inner + ") SELECT 1 FROM \(q) WHERE "
        let any = quantifier == "ANY"
        return .node(
            Fragment("(CASE WHEN EXISTS ", at: at) + from + (any ? comparison : "NOT " + comparison) + ") THEN "
                + (any ? "1" : "0") + " WHEN EXISTS " + from + comparison + " IS NULL) THEN NULL ELSE "
                + (any ? "0" : "1") + " END)", .boolean, at: at, kids: [left])
    }

    /// `json_array(...)`, `json_object(...)`: each value goes to `tm_json_build` with how to
    /// write it (`j` JSON text, `b` boolean, `n` number, `s` string, `?` by its SQLite type).
    func jsonConstructor(
        object: Bool, _ arguments: [Expr], absentOnNull: Bool, at: Int, scope: Scope, ctes: CTEs
    ) throws(QueryError) -> TExpr {
        var parts: [Fragment] = [Fragment(object ? "1" : "0"), Fragment(absentOnNull ? "1" : "0")]
        var kids: [TExpr] = []
        for (index, argument) in arguments.enumerated() {
            let value = try translateExpression(argument, scope: scope, ctes: ctes)
            kids.append(value)
            if object, index % 2 == 0 {
                guard [.varchar, .unknown, .null].contains(value.type) else {
                    throw .invalid(
                        message: "a json_object key must be varchar, not \(value.type.name)", at: location(value.at))
                }
                parts += [Fragment("'s'"), value.sql]
                continue
            }
            let kind: String
            switch value.type {
            case .json, .array, .map, .structure: kind = "j"
            case .boolean: kind = "b"
            case .bigint, .double, .decimal: kind = "n"
            case .varchar, .timestamp, .date: kind = "s"
            case .ipaddress:
                throw .unsupported(construct: "ipaddress in a JSON constructor", at: location(value.at))
            default: kind = "?"
            }
            parts += [Fragment("'\(kind)'"), value.sql]
        }
        return .node(
            Fragment("tm_json_build(", at: at) + Fragment.join(parts, ", ") + ")", .json, at: at, kids: kids)
    }
}

/// `UNNEST(a, b, ...)`: the arrays side by side, one row per position of the longest, a shorter
/// array's missing elements NULL (Trino's rule). The arrays are zipped into one JSON array of
/// rows (`tm_unnest_zip`), which `json_each` walks like a single array.
extension TranslationContext {
    func unnestSeveral(
        _ arguments: [Expr], ordinality: Bool, alias: Identifier?, columns: [Identifier], scope: Scope, ctes: CTEs,
        at: Int
    ) throws(QueryError) -> Fragment {
        var arrays: [TExpr] = []
        for argument in arguments {
            let value = try translateExpression(argument, scope: scope, ctes: ctes)
            switch value.type {
            case .array, .unknown, .null: arrays.append(value)
            case .map:
                throw .unsupported(construct: "UNNEST of a map beside other arguments", at: location(argument.start))
            default:
                throw .invalid(
                    message: "UNNEST takes arrays or a map, not \(value.type.name)", at: location(argument.start))
            }
        }
        let names = columns.map(\.folded)
        guard names.count == arrays.count + (ordinality ? 1 : 0) else {
            throw .invalid(
                message:
                    "UNNEST of \(arrays.count) arrays yields \(arrays.count) columns, the alias list names \(names.count - (ordinality ? 1 : 0))",
                at: location(at))
        }
        let sqlAlias = alias?.folded ?? freshAlias("unnest")
        let ref = SQLText.identifier(sqlAlias)
        var produced: [(String, String, SQLType)] = []
        for (index, array) in arrays.enumerated() {
            var element: SQLType = .unknown
            if case .array(let type) = array.type { element = type }
            if element == .structure {
                throw .unsupported(construct: "UNNEST of a row array beside other arrays", at: location(array.at))
            }
            produced.append((names[index], zippedValue(ref, index: index, element), element))
        }
        if ordinality, let last = names.last { produced.append((last, "(\(ref).\"key\" + 1)", .bigint)) }
        scope.sources.append(
            Source(qualifiers: alias.map { [[$0.folded]] } ?? [], alias: sqlAlias, kind: .unnest(produced)))
        return Fragment("json_each(tm_unnest_zip(", at: at) + Fragment.join(arrays.map(\.sql), ", ") + ")) AS " + ref
    }

    /// Element `index` of a zipped row, as the translator represents `type` (see `eachValue`).
    private func zippedValue(_ ref: String, index: Int, _ type: SQLType) -> String {
        let path = "'$[\(index)]'"
        switch type {
        case .json:
            return
                "(CASE json_type(\(ref).\"value\", \(path)) WHEN 'null' THEN 'null' ELSE \(ref).\"value\" -> \(path) END)"
        case .varchar:
            return
                "(CASE json_type(\(ref).\"value\", \(path)) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(\(ref).\"value\", \(path)) AS TEXT) END)"
        default:
            return "json_extract(\(ref).\"value\", \(path))"
        }
    }
}

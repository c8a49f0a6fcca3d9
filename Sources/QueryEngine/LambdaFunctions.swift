/// Trino's functions over arrays and maps that take a lambda (`transform(a, x -> x + 1)`).
///
/// SQLite has no lambdas, so each call becomes a correlated subquery over `json_each` of the
/// array or map (both are JSON text here): the lambda's parameters are bound to the columns of
/// `json_each`, and its body is translated like any other expression in a scope where those
/// parameters are names. This keeps the body's type checks, lets it use the enclosing row's
/// columns (`filter(resources, r -> r.accountid = recipientaccountid)`), and needs no callback
/// from SQLite into Swift per element. `reduce` is a recursive CTE over the element index;
/// `array_sort` with a comparator ranks each element by counting the elements ordered before it.
extension TranslationContext {
    static let lambdaFunctions: Set<String> = [
        "transform", "filter", "reduce", "zip_with", "map_filter", "transform_keys", "transform_values",
        "array_sort", "any_match", "all_match", "none_match", "map_zip_with",
    ]

    /// The translation of `call` when one of its arguments is a lambda, else nil.
    func translateLambdaCall(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr? {
        guard let lambdaIndex = call.arguments.firstIndex(where: { if case .lambda = $0 { true } else { false } })
        else { return nil }
        let name = call.name.folded
        let at = call.name.start
        if name == "regexp_replace", call.arguments.count == 3, lambdaIndex == 2 {
            return try regexpReplaceWithLambda(call, scope: scope, ctes: ctes)
        }
        guard Self.lambdaFunctions.contains(name) else {
            if Self.knownUnsupported.contains(name) || name == "reduce_agg" {
                throw .unsupported(construct: "function \(call.name.text) with a lambda", at: location(at))
            }
            throw .invalid(
                message: "\(call.name.text) takes no lambda expression", at: location(call.arguments[lambdaIndex].start)
            )
        }
        let expected = ["reduce": 4, "zip_with": 3, "map_zip_with": 3][name] ?? 2
        guard call.arguments.count == expected else {
            throw .invalid(
                message: "\(call.name.text) takes \(expected) arguments, not \(call.arguments.count)", at: location(at))
        }
        let first = try translateExpression(call.arguments[0], scope: scope, ctes: ctes)
        if first.containsAggregate {
            // SQLite takes no aggregate of the outer query inside a subquery's json_each(...).
            throw .unsupported(
                construct: "\(call.name.text) over an aggregate's result (aggregate in a subquery first)",
                at: location(at))
        }
        switch name {
        case "transform", "filter", "any_match", "all_match", "none_match", "array_sort":
            let element = try elementType(first, call)
            let lambda = try lambdaArgument(call, 1, arity: name == "array_sort" ? 2 : 1)
            if name == "array_sort" { return try sortWithComparator(first, element, lambda, scope, ctes, at: at) }
            let a = freshAlias("_l")
            let body = try bind(lambda, [(eachValue(a, element), element)], scope: scope, ctes: ctes)
            if name == "transform" {
                let value = TExpr(sql: Fragment("_v"), type: body.type, at: at)
                return .node(
                    Fragment("(SELECT CASE WHEN ", at: at) + first.sql + " IS NULL THEN NULL ELSE json_group_array("
                        + arrayElement(value) + ") END FROM (SELECT " + body.sql + " AS _v FROM json_each(" + first.sql
                        + ") AS \(a) ORDER BY \(a).key))", .array(body.type), at: at, kids: [first, body])
            }
            try requireBoolean(body, call)
            if name == "filter" {
                return .node(
                    Fragment("(SELECT CASE WHEN ", at: at) + first.sql
                        + " IS NULL THEN NULL ELSE json_group_array(json(_v)) END FROM (SELECT \(eachJSON(a)) AS _v FROM json_each("
                        + first.sql + ") AS \(a) WHERE " + body.sql + " ORDER BY \(a).key))", first.type, at: at,
                    kids: [first, body])
            }
            return quantifiedMatch(name, over: first, alias: a, body, at: at)
        case "reduce":
            let element = try elementType(first, call)
            let initial = try translateExpression(call.arguments[1], scope: scope, ctes: ctes)
            let step = try lambdaArgument(call, 2, arity: 2)
            let output = try lambdaArgument(call, 3, arity: 1)
            let r = freshAlias("_r")
            let item = elementAt(first.sql, Fragment("\(r).i"), element)
            let body = try bind(step, [("\(r).s", initial.type), (item.text, element)], scope: scope, ctes: ctes)
            let result = try bind(output, [("\(r).s", initial.type)], scope: scope, ctes: ctes)
            return .node(
                Fragment("(SELECT CASE WHEN ", at: at) + first.sql
                    + " IS NULL THEN NULL ELSE (WITH RECURSIVE \(r)(i, s) AS (SELECT 0, "
                    + initial.sql + " UNION ALL SELECT \(r).i + 1, " + body.sql
                    + " FROM \(r) WHERE \(r).i < json_array_length("
                    + first.sql + ")) SELECT " + result.sql + " FROM \(r) ORDER BY \(r).i DESC LIMIT 1) END)",
                result.type,
                at: at, kids: [first, initial, body, result])
        case "zip_with":
            let second = try translateExpression(call.arguments[1], scope: scope, ctes: ctes)
            let (left, right) = (try elementType(first, call), try elementType(second, call))
            let lambda = try lambdaArgument(call, 2, arity: 2)
            let i = freshAlias("_l")
            let index = Fragment("\(i).key")
            let body = try bind(
                lambda,
                [(elementAt(first.sql, index, left).text, left), (elementAt(second.sql, index, right).text, right)],
                scope: scope, ctes: ctes)
            let value = TExpr(sql: Fragment("_v"), type: body.type, at: at)
            let longer =
                "CASE WHEN json_array_length(" + first.sql + ") >= json_array_length(" + second.sql + ") THEN "
                + first.sql + " ELSE " + second.sql + " END"
            return .node(
                Fragment("(SELECT CASE WHEN ", at: at) + first.sql + " IS NULL OR " + second.sql
                    + " IS NULL THEN NULL ELSE json_group_array(" + arrayElement(value) + ") END FROM (SELECT "
                    + body.sql
                    + " AS _v FROM json_each(" + longer + ") AS \(i) ORDER BY \(i).key))", .array(body.type), at: at,
                kids: [first, second, body])
        case "map_zip_with":
            let second = try translateExpression(call.arguments[1], scope: scope, ctes: ctes)
            return try mapZip(first, second, call, scope: scope, ctes: ctes)
        default:
            return try mapLambda(name, first, call, scope: scope, ctes: ctes)
        }
    }

    /// `regexp_replace(text, pattern, x -> ...)`: each match replaced by the lambda's answer for
    /// the array of its capturing groups (`x[1]` is the first group).
    private func regexpReplaceWithLambda(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let at = call.name.start
        let text = try translateExpression(call.arguments[0], scope: scope, ctes: ctes)
        let pattern = try translateExpression(call.arguments[1], scope: scope, ctes: ctes)
        for value in [text, pattern] where ![.varchar, .unknown, .null].contains(value.type) {
            throw .invalid(message: "regexp_replace takes varchar, not \(value.type.name)", at: location(value.at))
        }
        let lambda = try lambdaArgument(call, 2, arity: 1)
        let a = freshAlias("_l")
        let body = try bind(lambda, [("\(a).value", .array(.varchar))], scope: scope, ctes: ctes)
        guard [.varchar, .unknown, .null].contains(body.type) else {
            throw .invalid(
                message: "regexp_replace's lambda must return varchar, not \(body.type.name)", at: location(body.at))
        }
        return .node(
            Fragment(
                "(SELECT CASE WHEN count(*) = 0 THEN NULL WHEN count(*) <> count(_v) THEN tm_lambda_returned_null(count(*)) ELSE group_concat(_v, '') END FROM (SELECT CASE WHEN \(a).type = 'text' THEN \(a).value ELSE ",
                at: at)
                + body.sql + " END AS _v FROM json_each(tm_regexp_pieces(" + text.sql + ", " + pattern.sql
                + ")) AS \(a) ORDER BY \(a).key))", .varchar, at: at, kids: [text, pattern, body])
    }

    /// `map_zip_with(m1, m2, (k, v1, v2) -> ...)`: every key of either map (those of `m1` first),
    /// with NULL for the side that lacks it.
    private func mapZip(_ left: TExpr, _ right: TExpr, _ call: Call, scope: Scope, ctes: CTEs) throws(QueryError)
        -> TExpr
    {
        let at = call.name.start
        for map in [left, right] where ![.map, .unknown, .null].contains(map.type) {
            throw .invalid(message: "map_zip_with takes maps, not \(map.type.name)", at: location(map.at))
        }
        let (keyType, leftType) = left.mapTypes ?? (.varchar, .varchar)
        let rightType = right.mapTypes?.value ?? .varchar
        let lambda = try lambdaArgument(call, 2, arity: 3)
        let (k, x, y) = (freshAlias("_l"), freshAlias("_l"), freshAlias("_l"))
        let key: String
        switch keyType {
        case .bigint: key = "CAST(\(k)._k AS INTEGER)"
        case .double: key = "CAST(\(k)._k AS REAL)"
        default: key = "\(k)._k"
        }
        let leftValue =
            Fragment("(SELECT \(eachValue(x, leftType)) FROM json_each(") + left.sql
            + ") AS \(x) WHERE \(x).key = \(k)._k)"
        let rightValue =
            Fragment("(SELECT \(eachValue(y, rightType)) FROM json_each(") + right.sql
            + ") AS \(y) WHERE \(y).key = \(k)._k)"
        let body = try bind(
            lambda, [(key, keyType), (leftValue.text, leftType), (rightValue.text, rightType)], scope: scope, ctes: ctes
        )
        let keys =
            Fragment("SELECT key AS _k, 0 AS _s, id AS _o FROM json_each(") + left.sql
            + ") UNION ALL SELECT key, 1, id FROM json_each(" + right.sql
            + ") WHERE key NOT IN (SELECT key FROM json_each("
            + left.sql + "))"
        let value = arrayElement(TExpr(sql: Fragment("_v"), type: body.type, at: at))
        var result = TExpr.node(
            Fragment("(SELECT CASE WHEN ", at: at) + left.sql + " IS NULL OR " + right.sql
                + " IS NULL THEN NULL ELSE json_group_object(_k, " + value + ") END FROM (SELECT \(k)._k AS _k, "
                + body.sql
                + " AS _v FROM (" + keys + ") AS \(k) ORDER BY \(k)._s, \(k)._o))", .map, at: at,
            kids: [left, right, body])
        result.mapTypes = (keyType, body.type)
        return result
    }

    /// `map_filter`, `transform_keys`, `transform_values`: `(k, v) -> ...` over a map's entries.
    private func mapLambda(_ name: String, _ map: TExpr, _ call: Call, scope: Scope, ctes: CTEs) throws(QueryError)
        -> TExpr
    {
        let at = call.name.start
        guard [.map, .unknown, .null].contains(map.type) else {
            throw .invalid(message: "\(call.name.text) takes a map, not \(map.type.name)", at: location(map.at))
        }
        let (keyType, valueType) = map.mapTypes ?? (.varchar, .varchar)
        let lambda = try lambdaArgument(call, 1, arity: 2)
        let a = freshAlias("_l")
        let key: String
        switch keyType {
        case .bigint: key = "CAST(\(a).key AS INTEGER)"
        case .double: key = "CAST(\(a).key AS REAL)"
        default: key = "\(a).key"
        }
        let body = try bind(lambda, [(key, keyType), (eachValue(a, valueType), valueType)], scope: scope, ctes: ctes)
        let entries: Fragment
        var outerValue = "json(_v)"
        var types = (key: keyType, value: valueType)
        switch name {
        case "map_filter":
            try requireBoolean(body, call)
            entries =
                Fragment("SELECT \(a).key AS _k, \(eachJSON(a)) AS _v FROM json_each(") + map.sql + ") AS \(a) WHERE "
                + body.sql
        case "transform_keys":
            guard ![.array(.unknown), .map, .structure, .json].contains(body.type) else {
                throw .unsupported(construct: "map keys of type \(body.type.name)", at: location(body.at))
            }
            let text = body.type == .boolean ? "tm_bool_text(" + body.sql + ")" : "CAST(" + body.sql + " AS TEXT)"
            entries =
                Fragment("SELECT ") + text + " AS _k, \(eachJSON(a)) AS _v FROM json_each(" + map.sql + ") AS \(a)"
            types.key = body.type
        default:
            entries = Fragment("SELECT \(a).key AS _k, ") + body.sql + " AS _v FROM json_each(" + map.sql + ") AS \(a)"
            outerValue = arrayElement(TExpr(sql: Fragment("_v"), type: body.type, at: at)).text
            types.value = body.type
        }
        var result = TExpr.node(
            Fragment("(SELECT CASE WHEN ", at: at) + map.sql
                + " IS NULL THEN NULL ELSE tm_map_checked(json_group_object(_k, " + outerValue + ")) END FROM ("
                + entries
                + " ORDER BY \(a).id))", .map, at: at, kids: [map, body])
        result.mapTypes = types
        return result
    }

    /// `any_match`, `all_match`, `none_match` with Trino's three-valued answers.
    private func quantifiedMatch(_ name: String, over array: TExpr, alias a: String, _ body: TExpr, at: Int) -> TExpr {
        let from = Fragment("(SELECT 1 FROM json_each(") + array.sql + ") AS \(a) WHERE "
        let decisive = name == "any_match" ? body.sql : "(NOT " + body.sql + ")"
        let found = name == "all_match" ? "0" : (name == "any_match" ? "1" : "0")
        let otherwise = name == "any_match" ? "0" : "1"
        return .node(
            Fragment("(CASE WHEN ", at: at) + array.sql + " IS NULL THEN NULL WHEN EXISTS " + from
                + (name == "none_match" ? body.sql : decisive) + ") THEN \(found) WHEN EXISTS " + from + "("
                + body.sql + ") IS NULL) THEN NULL ELSE \(otherwise) END)", .boolean, at: at, kids: [array, body])
    }

    /// `array_sort(a, (x, y) -> ...)`: each element's rank is the number of elements the comparator
    /// puts before it (ties broken by position, so the sort is stable).
    private func sortWithComparator(
        _ array: TExpr, _ element: SQLType, _ lambda: (parameters: [Identifier], body: Expr), _ scope: Scope,
        _ ctes: CTEs, at: Int
    ) throws(QueryError) -> TExpr {
        let a = freshAlias("_l")
        let b = freshAlias("_l")
        let comparison = try bind(
            lambda, [(eachValue(b, element), element), (eachValue(a, element), element)], scope: scope, ctes: ctes)
        guard [.bigint, .unknown, .null].contains(comparison.type) else {
            throw .invalid(
                message: "array_sort's comparator must return an integer, not \(comparison.type.name)",
                at: location(comparison.at))
        }
        let rank =
            Fragment("(SELECT count(*) FROM json_each(") + array.sql + ") AS \(b) WHERE \(b).key <> \(a).key AND ("
            + comparison.sql + " < 0 OR (" + comparison.sql + " = 0 AND \(b).key < \(a).key)))"
        return .node(
            Fragment("(SELECT CASE WHEN ", at: at) + array.sql
                + " IS NULL THEN NULL ELSE json_group_array(json(_v)) END FROM (SELECT \(eachJSON(a)) AS _v, " + rank
                + " AS _rank FROM json_each(" + array.sql + ") AS \(a) ORDER BY _rank, \(a).key))", array.type, at: at,
            kids: [array, comparison])
    }

    // MARK: Binding

    private func lambdaArgument(_ call: Call, _ index: Int, arity: Int) throws(QueryError) -> (
        parameters: [Identifier], body: Expr
    ) {
        guard case .lambda(let parameters, let body, let at) = call.arguments[index] else {
            throw .invalid(
                message: "\(call.name.text) takes a lambda expression as argument \(index + 1)",
                at: location(call.arguments[index].start))
        }
        guard parameters.count == arity else {
            throw .invalid(
                message:
                    "\(call.name.text)'s lambda takes \(arity) parameter\(arity == 1 ? "" : "s"), not \(parameters.count)",
                at: location(at))
        }
        return (parameters, body)
    }

    /// Translates a lambda's body with each parameter standing for `values[i]` (SQL, type).
    private func bind(
        _ lambda: (parameters: [Identifier], body: Expr), _ values: [(String, SQLType)], scope: Scope, ctes: CTEs
    ) throws(QueryError) -> TExpr {
        let inner = Scope(parent: scope)
        let columns = zip(lambda.parameters, values).map { ($0.folded, $1.0, $1.1) }
        inner.sources.append(Source(qualifiers: [], alias: freshAlias("_p"), kind: .unnest(columns)))
        var body = try translateExpression(lambda.body, scope: inner, ctes: ctes)
        if body.containsAggregate {
            throw .invalid(message: "a lambda's body cannot call an aggregate function", at: location(body.at))
        }
        Self.unmarkParameters(&body, values.map(\.0))
        return body
    }

    /// A lambda's parameters are no columns of the query: GROUP BY checks must pass over them
    /// (and still see the enclosing row's columns the body uses).
    private static func unmarkParameters(_ expression: inout TExpr, _ parameters: [String]) {
        if expression.isColumn, parameters.contains(where: { expression.sql.text.contains($0) }) {
            expression.isColumn = false
        }
        for index in expression.kids.indices { unmarkParameters(&expression.kids[index], parameters) }
    }

    private func elementType(_ value: TExpr, _ call: Call) throws(QueryError) -> SQLType {
        switch value.type {
        case .array(let element): return element
        case .unknown, .null: return .unknown
        default:
            throw .invalid(message: "\(call.name.text) takes an array, not \(value.type.name)", at: location(value.at))
        }
    }

    private func requireBoolean(_ value: TExpr, _ call: Call) throws(QueryError) {
        guard [.boolean, .unknown, .null].contains(value.type) else {
            throw .invalid(
                message: "\(call.name.text)'s lambda must return a boolean, not \(value.type.name)",
                at: location(value.at))
        }
    }

    /// The value of a `json_each` row as the translator represents `type`: varchar as text (as
    /// `element_at` gives it), JSON as JSON text, others as SQLite gives them (booleans 1/0,
    /// nested arrays and maps as their JSON text).
    func eachValue(_ alias: String, _ type: SQLType) -> String {
        switch type {
        case .varchar:
            return
                "(CASE \(alias).type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(\(alias).value AS TEXT) END)"
        case .json: return eachJSON(alias)
        default: return "\(alias).value"
        }
    }

    /// The JSON text of a `json_each` row's value, whatever its kind.
    func eachJSON(_ alias: String) -> String {
        "(CASE \(alias).type WHEN 'text' THEN json_quote(\(alias).value) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE \(alias).value END)"
    }

    /// Element `index` (0-based SQL) of a JSON array, represented as `type`.
    private func elementAt(_ array: Fragment, _ index: Fragment, _ type: SQLType) -> Fragment {
        let path = "('$[' || " + index + " || ']')"
        switch type {
        case .json: return "(" + array + " -> " + path + ")"
        case .varchar: return "CAST(json_extract(" + array + ", " + path + ") AS TEXT)"
        default: return "json_extract(" + array + ", " + path + ")"
        }
    }
}

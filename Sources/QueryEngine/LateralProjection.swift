/// `LATERAL (SELECT e1 AS a, e2 AS b)` in FROM: a select list over the row of the relations
/// before it, as published CloudTrail queries use it to name values once (`resources[2].arn AS
/// arn_bucket`, `json_parse(requestparameters) AS req`). It yields one row per row before it, so
/// each column stands for its expression wherever the statement names it, and the relation
/// joins a single row. A LATERAL subquery with its own FROM, filter, grouping or ordering is
/// refused: SQLite has no correlated relation to run it as.
extension TranslationContext {
    func translateLateral(
        _ query: Query, alias: Identifier?, columns: [Identifier], scope: Scope, ctes: CTEs, at: Int
    ) throws(QueryError) -> Fragment {
        guard query.with.isEmpty, query.orderBy.isEmpty, query.limit == nil, query.offset == nil,
            case .select(let select) = query.body, select.from.isEmpty, select.whereClause == nil,
            select.groupBy.isEmpty, select.groupingSets == nil, select.having == nil, !select.distinct,
            select.windows.isEmpty, select.sample == nil
        else {
            throw .unsupported(
                construct: "LATERAL over a subquery with FROM, WHERE, grouping or ordering (a select list alone runs)",
                at: location(at))
        }
        let randomBefore = nondeterministicFunctions.count
        var produced: [(display: String, expression: TExpr)] = []
        for (ordinal, item) in select.items.enumerated() {
            if case .star(_, let starAt) = item.expression {
                throw .unsupported(construct: "* in a LATERAL select list", at: location(starAt))
            }
            let expression = try translateExpression(item.expression, scope: scope, ctes: ctes)
            produced.append((item.alias?.text ?? expression.outputName ?? "_col\(ordinal)", expression))
        }
        if !columns.isEmpty {
            guard columns.count == produced.count else {
                throw .invalid(
                    message:
                        "the alias list names \(columns.count) columns, the LATERAL select list has \(produced.count)",
                    at: location(columns[0].start))
            }
            produced = zip(columns, produced).map { ($0.text, $1.expression) }
        }
        // Read where named, a random value would be drawn once per reference, not once per row.
        guard nondeterministicFunctions.count == randomBefore else {
            throw .unsupported(construct: "a random function in a LATERAL select list", at: location(at))
        }
        let sqlAlias = alias?.folded ?? freshAlias("lateral")
        scope.sources.append(
            Source(
                qualifiers: alias.map { [[$0.folded]] } ?? [], alias: sqlAlias,
                kind: .projected(produced.map { ($0.display.lowercased(), $0.display, $0.expression) })))
        return Fragment("(SELECT 1) AS ", at: at) + SQLText.identifier(sqlAlias)
    }
}

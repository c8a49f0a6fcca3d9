// One SELECT: its FROM, WHERE, GROUP BY and HAVING, select list and ORDER BY, with the checks
// Trino makes (grouped columns, boolean conditions).
extension TranslationContext {
    func translateSelect(
        _ select: Select, scope parent: Scope?, ctes: CTEs, top: Bool, names: [Identifier]?, orderBy: [OrderItem]
    ) throws(QueryError) -> (Fragment, [OutputColumn]) {
        let scope = Scope(parent: parent)
        let firstRead = joinedReads.count
        var fromParts: [Fragment] = []
        for (index, relation) in select.from.enumerated() {
            // A comma join's later relations are inner sides (JoinedReads).
            if index > 0 { joinSides.append(JoinSide(takesOn: true, takesWhere: true)) }
            defer { if index > 0 { joinSides.removeLast() } }
            fromParts.append(try translateRelation(relation, scope: scope, ctes: ctes))
        }

        var whereSQL: Fragment?
        if let condition = select.whereClause {
            let translated = try translateExpression(condition, scope: scope, ctes: ctes)
            try requireBoolean(translated, "WHERE")
            if translated.containsAggregate {
                throw .invalid(message: "WHERE clause cannot contain aggregations", at: location(condition.start))
            }
            whereSQL = translated.sql
            try copyConditions(
                condition, into: firstRead..<joinedReads.count, whereClause: true, scope: scope, ctes: ctes)
        }
        if let sample = select.sample {
            let condition = try sampleCondition(sample, scope: scope, ctes: ctes)
            whereSQL = whereSQL.map { "(" + $0 + ") AND " + condition } ?? condition
        }

        for (name, window) in select.windows {
            guard scope.windows.updateValue(window, forKey: name.folded) == nil else {
                throw .invalid(message: "WINDOW '\(name.text)' specified more than once", at: location(name.start))
            }
        }
        scope.groupsRows = !select.groupBy.isEmpty || select.groupingSets != nil
        if let groupingSets = select.groupingSets {
            scope.grouping = try groupingState(select, groupingSets, scope: scope, ctes: ctes)
        }

        // Select items, with `*` expanded so every column has a known name and type.
        var items: [(TExpr, String)] = []
        var ordinal = 0
        for item in select.items {
            if case .star(let qualifier, let at) = item.expression {
                for column in try expandStar(qualifier: qualifier.map(\.folded), scope: scope, at: at) {
                    items.append((column.0, column.1))
                    ordinal += 1
                }
                continue
            }
            let translated = try translateExpression(item.expression, scope: scope, ctes: ctes)
            let display = item.alias?.text ?? translated.outputName ?? "_col\(ordinal)"
            items.append((translated, display))
            ordinal += 1
        }
        if let names {
            guard names.count == items.count else {
                throw .invalid(
                    message: "the alias list names \(names.count) columns, the query has \(items.count)",
                    at: location(select.at))
            }
            items = zip(items, names).map { ($0.0.0, $0.1.text) }
        }
        for (expression, display) in items where scope.outputAliases[display.lowercased()] == nil {
            scope.outputAliases[display.lowercased()] = (display, expression.type)
        }

        var groupKeys: [TExpr] = []
        for expression in select.groupBy where scope.grouping == nil {
            if case .number(let digits, let at) = expression, let index = Int(digits) {
                guard index >= 1, index <= items.count else {
                    throw .invalid(message: "GROUP BY position \(index) is not in the select list", at: location(at))
                }
                groupKeys.append(items[index - 1].0)
                continue
            }
            let translated = try translateExpression(expression, scope: scope, ctes: ctes)
            if translated.containsAggregate {
                throw .invalid(message: "GROUP BY clause cannot contain aggregations", at: location(expression.start))
            }
            groupKeys.append(translated)
        }

        var havingSQL: Fragment?
        var havingExpression: TExpr?
        if let having = select.having {
            let translated = try translateExpression(having, scope: scope, ctes: ctes)
            try requireBoolean(translated, "HAVING")
            havingSQL = translated.sql
            havingExpression = translated
        }

        var orderParts: [Fragment] = []
        var orderExpressions: [TExpr] = []
        let columns = items.map { item in
            OutputColumn(
                name: item.1.lowercased(), display: item.1, type: item.0.type,
                zone: item.0.type == .timestamp
                    ? item.0.zone?.withoutFraction : nil,
                structPath: item.0.type == .structure ? item.0.structPath : nil,
                elementZone: item.0.elementZone, mapTypes: item.0.mapTypes)
        }
        for item in orderBy {
            orderParts.append(
                try orderItem(
                    item, scope: scope, columns: columns, ctes: ctes, outputOnly: false, collect: &orderExpressions))
        }

        let aggregated =
            scope.groupsRows || items.contains { $0.0.containsAggregate }
            || (havingExpression?.containsAggregate ?? false)
        if aggregated {
            let keys = scope.grouping?.groupedTexts ?? Set(groupKeys.map(\.sql.text))
            for (expression, _) in items { try checkGrouped(expression, keys: keys) }
            if let havingExpression { try checkGrouped(havingExpression, keys: keys) }
            for expression in orderExpressions { try checkGrouped(expression, keys: keys) }
        }

        var out = Fragment("SELECT ", at: select.at)
        if select.distinct { out.append("DISTINCT ") }
        out.append(
            Fragment.join(
                items.map { expression, display in
                    (top ? presentForOutput(expression) : emitValue(expression)) + " AS " + SQLText.identifier(display)
                }, ", "))
        if !fromParts.isEmpty {
            out.append(" FROM ")
            out.append(Fragment.join(fromParts, ", "))
        }
        if let grouping = scope.grouping {
            // CROSS JOIN keeps SQLite's join order: the sources outer, so each is read once.
            out.append(fromParts.isEmpty ? " FROM " : " CROSS JOIN ")
            out.append(grouping.setsRelation)
        }
        if let whereSQL {
            out.append(" WHERE ")
            out.append(whereSQL)
        }
        if let grouping = scope.grouping {
            out.append(" GROUP BY ")
            out.append(Fragment.join(grouping.groupByKeys, ", "))
        } else if !groupKeys.isEmpty {
            out.append(" GROUP BY ")
            out.append(Fragment.join(groupKeys.map { emitValue($0) }, ", "))
        }
        if let havingSQL {
            out.append(" HAVING ")
            out.append(havingSQL)
        }
        if !orderParts.isEmpty {
            out.append(" ORDER BY ")
            out.append(Fragment.join(orderParts, ", "))
        }
        return (fillJoinedReads(in: out, from: firstRead), columns)
    }

    func orderItem(_ item: OrderItem, scope: Scope, columns: [OutputColumn], ctes: CTEs, outputOnly: Bool)
        throws(QueryError) -> Fragment
    {
        var ignored: [TExpr] = []
        return try orderItem(
            item, scope: scope, columns: columns, ctes: ctes, outputOnly: outputOnly, collect: &ignored)
    }

    /// One ORDER BY term: an ordinal, a result column's name (Trino looks there first), or an
    /// expression over the sources. NULLs sort last unless the query says otherwise.
    func orderItem(
        _ item: OrderItem, scope: Scope, columns: [OutputColumn], ctes: CTEs, outputOnly: Bool, collect: inout [TExpr]
    ) throws(QueryError) -> Fragment {
        var term: Fragment
        switch item.expression {
        case .number(let digits, let at):
            guard let index = Int(digits), index >= 1, index <= columns.count else {
                throw .invalid(message: "ORDER BY position \(digits) is not in the select list", at: location(at))
            }
            term = Fragment(digits, at: at)
        case .name(let parts) where parts.count == 1 && scope.outputAliases[parts[0].folded] != nil:
            term = Fragment(SQLText.identifier(scope.outputAliases[parts[0].folded]!.0), at: parts[0].start)
        default:
            if outputOnly {
                throw .invalid(
                    message: "ORDER BY of a set operation must name a result column",
                    at: location(item.expression.start))
            }
            let translated = try translateExpression(item.expression, scope: scope, ctes: ctes)
            collect.append(translated)
            term = emitValue(translated)
        }
        term.append(item.descending ? " DESC" : " ASC")
        term.append(item.nullsFirst == true ? " NULLS FIRST" : " NULLS LAST")
        return term
    }

    /// Trino rejects a select list that names a column neither grouped nor aggregated; SQLite
    /// would pick a row's value silently.
    private func checkGrouped(_ expression: TExpr, keys: Set<String>) throws(QueryError) {
        if keys.contains(expression.sql.text) || expression.isAggregateCall { return }
        if expression.isColumn {
            throw .invalid(
                message: "'\(expression.display)' must be an aggregate expression or appear in GROUP BY clause",
                at: location(expression.at))
        }
        for kid in expression.kids { try checkGrouped(kid, keys: keys) }
    }

    func requireBoolean(_ expression: TExpr, _ clause: String) throws(QueryError) {
        switch expression.type {
        case .boolean, .unknown, .null: return
        default:
            throw .invalid(
                message: "\(clause) clause must evaluate to a boolean: actual type \(expression.type.name)",
                at: location(expression.at))
        }
    }
}

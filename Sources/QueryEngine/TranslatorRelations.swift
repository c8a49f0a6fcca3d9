import CloudTrail

// Relations: the CloudTrail table or event data store, derived tables and CTEs, joins, UNNEST of
// arrays (resources, and arrays built by functions), and what `*` expands to over them.
extension TranslationContext {
    func translateRelation(_ relation: Relation, scope: Scope, ctes: CTEs) throws(QueryError) -> Fragment {
        switch relation {
        case .table(let name, let storeReference, let alias, let columns, let at):
            let folded = name.map(\.folded)
            if firstTable == nil, ctes[folded.joined(separator: ".")] == nil {
                firstTable = name.map(\.text).joined(separator: ".")
            }
            if storeReference == nil, name.count == 1, let cte = ctes[folded[0]] {
                let sqlAlias = alias?.folded ?? folded[0]
                var outputs = cte
                if !columns.isEmpty {
                    guard columns.count == cte.count else {
                        throw .invalid(
                            message: "alias list names \(columns.count) columns, \(name[0].text) has \(cte.count)",
                            at: location(at))
                    }
                    throw .unsupported(construct: "column alias list on a WITH table", at: location(columns[0].start))
                }
                outputs = cte
                scope.sources.append(Source(qualifiers: [[sqlAlias]], alias: sqlAlias, kind: .derived(outputs)))
                if !joinSides.isEmpty {
                    // A WITH table read once on a join's inner side would be flattened into the join,
                    // its events table rescanned per outer row: it is materialized (JoinedReads).
                    return Fragment("(SELECT * FROM ", at: at) + SQLText.identifier(folded[0]) + " LIMIT -1) AS "
                        + SQLText.identifier(sqlAlias)
                }
                return Fragment(SQLText.identifier(folded[0]), at: at) + " AS " + SQLText.identifier(sqlAlias)
            }
            if !columns.isEmpty {
                throw .unsupported(construct: "column alias list on the event table", at: location(columns[0].start))
            }
            let sqlAlias: String
            var qualifiers: [[String]]
            if let alias {
                sqlAlias = alias.folded
                qualifiers = [[alias.folded]]
            } else if storeReference != nil {
                sqlAlias = freshAlias("eds")
                qualifiers = []
            } else {
                sqlAlias = folded.last!
                qualifiers = [[folded.last!]]
                if folded.count > 1 { qualifiers.append(folded) }
            }
            if !joinSides.isEmpty || materializesReads {
                let readAlias = freshAlias("__tm_read")
                scope.sources.append(Source(qualifiers: qualifiers, alias: readAlias, kind: .events))
                return joinedReadRelation(alias: readAlias, at: at)
            }
            scope.sources.append(Source(qualifiers: qualifiers, alias: sqlAlias, kind: .events))
            return Fragment(SQLText.identifier(tableName), at: at) + " AS " + SQLText.identifier(sqlAlias)

        case .lateral(let query, let alias, let columns, let at):
            return try translateLateral(query, alias: alias, columns: columns, scope: scope, ctes: ctes, at: at)

        case .subquery(let query, let alias, let columns, let at):
            let (inner, outputs) = try translateQuery(
                query, scope: scope.parent, ctes: ctes, top: false, names: columns.isEmpty ? nil : columns)
            let sqlAlias = alias?.folded ?? freshAlias("subquery")
            scope.sources.append(
                Source(qualifiers: alias.map { [[$0.folded]] } ?? [], alias: sqlAlias, kind: .derived(outputs)))
            return Fragment("(", at: at) + inner + ") AS " + SQLText.identifier(sqlAlias)

        case .unnest(let arguments, let ordinality, let alias, let columns, let at):
            if arguments.count > 1 {
                return try unnestSeveral(
                    arguments, ordinality: ordinality, alias: alias, columns: columns, scope: scope, ctes: ctes, at: at)
            }
            let value = try translateExpression(arguments[0], scope: scope, ctes: ctes)
            let sqlAlias = alias?.folded ?? freshAlias("unnest")
            let ref = SQLText.identifier(sqlAlias)
            var produced: [(String, String, SQLType)] = []
            var elementType: SQLType?
            if case .array(let element) = value.type {
                elementType = element
            } else if value.type == .unknown {
                elementType = .unknown
            }
            let names = columns.map(\.folded)
            if let elementType {
                let expected = names.count - (ordinality ? 1 : 0)
                if elementType == .structure, expected > 1 {
                    let fields = isResources(arguments[0]) ? DialectSchema.resourceFields(dialect) : []
                    guard fields.count >= expected else {
                        throw .unsupported(
                            construct: "UNNEST of a row array into \(expected) columns", at: location(at))
                    }
                    for index in 0..<expected {
                        produced.append(
                            (names[index], "tm_field(\(ref).\"value\", \(SQLText.string(fields[index])))", .varchar))
                    }
                } else {
                    if expected > 1 {
                        throw .invalid(
                            message: "UNNEST of an array yields one column, the alias list names \(expected)",
                            at: location(at))
                    }
                    if expected == 1 { produced.append((names[0], eachValue(ref, elementType), elementType)) }
                }
                if ordinality, let last = names.last { produced.append((last, "(\(ref).\"key\" + 1)", .bigint)) }
            } else if value.type == .map {
                guard names.count == (ordinality ? 3 : 2) else {
                    throw .invalid(message: "UNNEST of a map yields key and value columns", at: location(at))
                }
                // Keys come back as the text of the object's keys; integer keys as integers.
                let (keyType, valueType) = value.mapTypes ?? (.varchar, .varchar)
                let key = keyType == .bigint ? "CAST(\(ref).\"key\" AS INTEGER)" : "\(ref).\"key\""
                produced.append((names[0], key, keyType == .bigint ? .bigint : .varchar))
                let known = [SQLType.json, .bigint, .double, .boolean].contains(valueType)
                produced.append((names[1], eachValue(ref, known ? valueType : .varchar), known ? valueType : .varchar))
                if ordinality { produced.append((names[2], "(\(ref).\"id\")", .bigint)) }
            } else {
                throw .invalid(
                    message: "UNNEST takes an array or a map, not \(value.type.name)", at: location(arguments[0].start))
            }
            scope.sources.append(
                Source(qualifiers: alias.map { [[$0.folded]] } ?? [], alias: sqlAlias, kind: .unnest(produced)))
            return Fragment("json_each(", at: at) + value.sql + ") AS " + ref

        case .join(let kind, let left, let right, let on, let using, let at):
            // SQLite makes no automatic index for a RIGHT JOIN's inner loop: `a RIGHT JOIN b` is
            // written `b LEFT JOIN a`, the same rows, when `a` is one relation (not itself a join).
            let swapped: Bool
            if kind == .right, case .join = left { swapped = false } else { swapped = kind == .right }
            // The inner loop's side is read once (JoinedReads). Conditions move into it only where
            // they cannot drop a row the join must keep: the ON clause's unless that side is
            // preserved (a RIGHT JOIN's right, either side of a FULL JOIN), the WHERE clause's for
            // an inner join.
            let inner = JoinSide(
                takesOn: kind != .full && (kind != .right || swapped), takesWhere: kind == .inner || kind == .cross)
            var innerReads = joinedReads.count..<joinedReads.count
            func translateSide(_ relation: Relation, isInner: Bool) throws(QueryError) -> Fragment {
                guard isInner else { return try translateRelation(relation, scope: scope, ctes: ctes) }
                let start = joinedReads.count
                joinSides.append(inner)
                defer { joinSides.removeLast() }
                let sql = try translateRelation(relation, scope: scope, ctes: ctes)
                innerReads = start..<joinedReads.count
                return sql
            }
            let leftSQL = try translateSide(left, isInner: swapped)
            let rightSQL = try translateSide(right, isInner: !swapped)
            var out =
                swapped
                ? rightSQL + Fragment(" LEFT JOIN ", at: at) + leftSQL
                : leftSQL + Fragment(" \(kind.rawValue) ", at: at) + rightSQL
            if let on {
                let condition = try translateExpression(on, scope: scope, ctes: ctes)
                try requireBoolean(condition, "JOIN")
                try copyConditions(on, into: innerReads, whereClause: false, scope: scope, ctes: ctes)
                out.append(" ON ")
                out.append(condition.sql)
            } else if !using.isEmpty {
                throw .unsupported(construct: "JOIN ... USING", at: location(using[0].start))
            }
            return out
        }
    }

    private func isResources(_ expression: Expr) -> Bool {
        if case .name(let parts) = expression, parts.last?.folded == "resources" { return true }
        return false
    }

    func expandStar(qualifier: [String], scope: Scope, at: Int) throws(QueryError) -> [(TExpr, String)] {
        var result: [(TExpr, String)] = []
        var matched = false
        for source in scope.sources {
            if !qualifier.isEmpty, !source.qualifiers.contains(qualifier) { continue }
            matched = true
            let ref = SQLText.identifier(source.alias)
            switch source.kind {
            case .events:
                for (name, expression) in try eventStarColumns(source, at: at) { result.append((expression, name)) }
            case .derived(let columns):
                for column in columns {
                    var expression = TExpr(
                        sql: Fragment("\(ref).\(SQLText.identifier(column.display))", at: at), type: column.type, at: at
                    )
                    expression.isColumn = true
                    expression.display = column.display
                    result.append((expression, column.display))
                }
            case .projected(let columns):
                for (_, display, expression) in columns {
                    var column = expression
                    column.display = display
                    column.outputName = display
                    result.append((column, display))
                }
            case .unnest(let columns):
                for (name, sql, type) in columns {
                    var expression = TExpr(sql: Fragment(sql, at: at), type: type, at: at)
                    expression.isColumn = true
                    expression.display = name
                    result.append((expression, name))
                }
            }
        }
        if !matched {
            throw .unknownColumn(
                name: qualifier.isEmpty ? "*" : qualifier.joined(separator: ".") + ".*", at: location(at))
        }
        return result
    }
}

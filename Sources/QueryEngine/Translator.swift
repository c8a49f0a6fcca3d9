import CloudTrail
import TrailMeterCore

/// Where `now()`, `current_timestamp` and `current_date` come from. Trino fixes `now()` once per
/// query; so does the translator, folding it into a constant when it translates.
public struct QueryClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that reads milliseconds since 1970-01-01 UTC from `read`.
    public init(millisecondsSince1970 read: @escaping @Sendable () -> Int64) { self.read = read }

    /// Always `timestamp` (ISO-8601 or `yyyy-MM-dd HH:mm:ss[.SSS]`, UTC); nil if unreadable.
    public static func fixed(_ timestamp: String) -> QueryClock? {
        guard let millis = TrinoTime.parseTimestamp(timestamp) else { return nil }
        return QueryClock { millis }
    }

    /// The machine's clock.
    public static let system = QueryClock { systemMilliseconds() }

    /// Now, in milliseconds since 1970-01-01 UTC.
    public func now() -> Int64 { read() }
}

/// The user's query, rewritten for SQLite over one layout table.
public struct Translation: Sendable {
    /// The user's SQL as given.
    public let originalSQL: String
    /// SQLite SQL over the layout table; columns quoted (`"useridentity.username"`).
    public let sqliteSQL: String
    /// The dialect the query was read in.
    public let dialect: Dialect
    /// True when the dialect was detected rather than given.
    public let dialectWasDetected: Bool
    /// The first table name the query used, as written (`cloudtrail_logs_...`, an event data store
    /// id, a placeholder); nil for a query without a table.
    public let referencedTable: String?
    /// Result column names, in order.
    public let columns: [String]
    /// Every template placeholder found and what it was bound to, in the order of the text.
    public let placeholders: [PlaceholderBinding]
    /// The Athena partition columns (layout names: `timestamp`, `region`, ...) the query used.
    public let partitionsUsed: [String]
    /// How a layout hands each `EventSchema` column to SQLite for this statement: the dialect's
    /// presentation, with the user's Athena table's declared types (`eventtime timestamp`).
    public let presenters: [CellPresenter]
    let marks: [(Int, Int)]

    /// The place in the user's SQL that produced byte `offset` of `sqliteSQL`.
    public func sourceLocation(forTranslatedOffset offset: Int) -> SourceLocation? {
        var best: Int?
        for (output, source) in marks where output <= offset { best = source }
        guard let source = best ?? marks.first?.1 else { return nil }
        return SourceLocation(offset: source, in: originalSQL)
    }
}

/// Translates Athena (Trino) and CloudTrail Lake SQL into SQLite SQL over one table that has the
/// `EventSchema` columns (and, for Athena, the partition columns as hidden columns).
public struct Translator: Sendable {
    /// The SQLite table every table name, event data store id or placeholder resolves to.
    public var tableName: String
    /// The dialect to read queries in; nil to detect it per query.
    public var dialect: Dialect?
    /// Source of `now()`.
    public var clock: QueryClock
    /// The Athena table's partition columns (a subset of `DialectSchema.partitionColumns`):
    /// `SELECT *` lists them and only they can be referenced.
    public var athenaPartitions: [String]
    /// The user's Athena table (`--athena-ddl`): its columns, types and partition columns replace
    /// the default table's (and `athenaPartitions`).
    public var athenaDefinition: AthenaTableDefinition?
    /// True when no Athena table was given and each statement is taken to run on the table shape
    /// its partition columns imply (`AssumedAthenaTable`): `SELECT *` lists that shape's
    /// partition columns rather than `athenaPartitions`.
    public var assumesAthenaTable = false
    /// Values for template placeholders, by name (`--param name=value`).
    public var parameters: [String: String] = [:]
    /// The store's time span (milliseconds since 1970: first event, and the instant after the
    /// last), the default for time placeholders; nil leaves them unbound.
    public var timeSpan: (start: Int64, end: Int64)?

    public init(
        tableName: String, dialect: Dialect? = nil, clock: QueryClock = .system,
        athenaPartitions: [String] = DialectSchema.partitionColumns
    ) {
        self.tableName = tableName
        self.dialect = dialect
        self.clock = clock
        self.athenaPartitions = athenaPartitions
    }

    /// Translates one statement. Anything but a query is refused; what cannot be translated
    /// faithfully fails with the construct and its place in `sql`.
    public func translate(_ sql: String) throws(QueryError) -> Translation {
        let chosen = dialect ?? detectDialect(sql)
        let binder = PlaceholderBinder(parameters: parameters, timeSpan: timeSpan, dialect: chosen, source: sql)
        let (tokens, placeholders) = try binder.bind(try Lexer.tokenize(sql))
        var parser = Parser(source: sql, tokens: tokens)
        let query = try parser.parseStatement()
        let now = clock.now()
        var (context, fragment, columns) = try translate(
            query, sql: sql, dialect: chosen, now: now, starPartitions: nil)
        if context.assumesTable {
            // A `*` before the partition columns the statement names (`SELECT * ... WHERE
            // "timestamp" >= ...`) listed too few: once more with the whole statement's shape.
            let shape = AssumedAthenaTable(partitionsUsed: context.partitionsUsed).partitionColumns
            if context.starPartitionsListed.contains(where: { $0 != shape }) {
                (context, fragment, columns) = try translate(
                    query, sql: sql, dialect: chosen, now: now, starPartitions: shape)
            }
        }
        return Translation(
            originalSQL: sql, sqliteSQL: fragment.text, dialect: chosen,
            dialectWasDetected: dialect == nil, referencedTable: context.firstTable,
            columns: columns.map(\.display), placeholders: placeholders,
            partitionsUsed: DialectSchema.partitionColumns.filter(context.partitionsUsed.contains),
            presenters: ValuePresentation.presenters(for: chosen, table: athenaDefinition), marks: fragment.marks)
    }

    /// One translation of the parsed statement, `*` listing `starPartitions` when given.
    private func translate(
        _ query: Query, sql: String, dialect chosen: Dialect, now: Int64, starPartitions: [String]?
    ) throws(QueryError) -> (TranslationContext, Fragment, [OutputColumn]) {
        let context = TranslationContext(
            source: sql, dialect: chosen, tableName: tableName, now: now, partitions: athenaPartitions)
        context.athenaDefinition = athenaDefinition
        context.assumesTable = assumesAthenaTable && athenaDefinition == nil && chosen == .athena
        context.starPartitionsOverride = starPartitions
        let (fragment, columns) = try context.translateQuery(query, scope: nil, ctes: [:], top: true, names: nil)
        return (context, fragment, columns)
    }
}

extension Translator {
    /// The dialect `sql` is written in, judged by what it means rather than by its table name
    /// alone: the dialect the table names suggest (`Dialect.byTableName`) when the statement fits
    /// its schema and functions, otherwise the other one when that fits (`<your_table_name>` with
    /// `from_iso8601_timestamp(eventtime)` on a string is Athena; an abbreviated store id with
    /// `element_at(requestParameters, 'bucketName')` is Lake). When neither fits, the closer
    /// one: the dialect whose first error lies further into the text, the named one on a tie.
    public func detectDialect(_ sql: String) -> Dialect {
        let named = Dialect.byTableName(sql)
        guard let namedError = firstError(sql, in: named) else { return named }
        guard let otherError = firstError(sql, in: named.other) else { return named.other }
        let namedOffset = namedError.location?.offset ?? 0
        let otherOffset = otherError.location?.offset ?? 0
        return otherOffset > namedOffset ? named.other : named
    }

    private func firstError(_ sql: String, in candidate: Dialect) -> QueryError? {
        var translator = self
        translator.dialect = candidate
        do {
            _ = try translator.translate(sql)
            return nil
        } catch {
            return error
        }
    }
}

// MARK: - Scopes

struct OutputColumn {
    /// Folded name for lookups.
    let name: String
    /// As the user will see it.
    let display: String
    let type: SQLType
}

final class Source {
    enum Kind {
        case events
        case derived([OutputColumn])
        /// Column name (folded), SQL, type.
        case unnest([(String, String, SQLType)])
    }

    /// Names that may qualify a column of this source (`t`, `cloudtrail`, `db.cloudtrail`).
    let qualifiers: [[String]]
    /// Its alias in the output SQL.
    let alias: String
    let kind: Kind

    init(qualifiers: [[String]], alias: String, kind: Kind) {
        self.qualifiers = qualifiers
        self.alias = alias
        self.kind = kind
    }
}

final class Scope {
    let parent: Scope?
    var sources: [Source] = []
    /// Output columns by folded alias, visible in ORDER BY.
    var outputAliases: [String: (String, SQLType)] = [:]

    init(parent: Scope?) { self.parent = parent }
}

typealias CTEs = [String: [OutputColumn]]

// MARK: - Queries

final class TranslationContext {
    let source: String
    let dialect: Dialect
    let tableName: String
    let now: Int64
    let partitions: [String]
    var firstTable: String?
    /// The user's Athena table, when given (its DDL decides columns, types and partitions).
    var athenaDefinition: AthenaTableDefinition?
    /// Layout partitions the query referenced.
    var partitionsUsed: Set<String> = []
    /// The name the query first wrote for each layout partition it referenced (`date_partition`).
    var partitionNamesWritten: [String: String] = [:]
    /// True when no Athena table was given and the table shape is assumed from the partition
    /// columns the statement uses (`AssumedAthenaTable`).
    var assumesTable = false
    /// The assumed shape's partition columns, once known for the whole statement.
    var starPartitionsOverride: [String]?
    /// The partition columns each `*` over the events table listed (layout names).
    var starPartitionsListed: [[String]] = []
    private var aliasCounter = 0

    init(source: String, dialect: Dialect, tableName: String, now: Int64, partitions: [String]) {
        self.source = source
        self.dialect = dialect
        self.tableName = tableName
        self.now = now
        self.partitions = partitions
    }

    func location(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset, in: source) }

    func freshAlias(_ stem: String) -> String {
        aliasCounter += 1
        return "\(stem)\(aliasCounter)"
    }

    /// Translates a query; `top` marks the statement's own result (booleans print as
    /// true/false there); `names` renames the result columns (`(subquery) AS t(a, b)`).
    func translateQuery(_ query: Query, scope: Scope?, ctes outer: CTEs, top: Bool, names: [Identifier]?)
        throws(QueryError) -> (Fragment, [OutputColumn])
    {
        var ctes = outer
        var out = Fragment()
        if !query.with.isEmpty {
            out.append("WITH ", at: query.at)
            var parts: [Fragment] = []
            for cte in query.with {
                let (body, columns) = try translateQuery(
                    cte.query, scope: scope, ctes: ctes, top: false, names: cte.columns.isEmpty ? nil : cte.columns)
                parts.append(Fragment(SQLText.identifier(cte.name.folded), at: cte.name.start) + " AS (" + body + ")")
                ctes[cte.name.folded] = columns
            }
            out.append(Fragment.join(parts, ", "))
            out.append(" ")
        }
        let columns: [OutputColumn]
        if case .select(let select) = query.body {
            let (fragment, selectColumns) = try translateSelect(
                select, scope: scope, ctes: ctes, top: top, names: names, orderBy: query.orderBy)
            out.append(fragment)
            columns = selectColumns
        } else {
            let (fragment, bodyColumns) = try translateBody(
                query.body, scope: scope, ctes: ctes, top: top, names: names)
            out.append(fragment)
            columns = bodyColumns
            if !query.orderBy.isEmpty {
                // Set operations sort by their result columns only, as in Trino.
                let outputScope = Scope(parent: nil)
                for column in columns { outputScope.outputAliases[column.name] = (column.display, column.type) }
                out.append(" ORDER BY ")
                out.append(
                    Fragment.join(
                        try query.orderBy.map { item throws(QueryError) in
                            try orderItem(item, scope: outputScope, columns: columns, ctes: ctes, outputOnly: true)
                        }, ", "))
            }
        }
        if let limit = query.limit {
            out.append(" LIMIT ")
            out.append(try limitValue(limit))
        } else if query.offset != nil {
            out.append(" LIMIT -1")
        }
        if let offset = query.offset {
            out.append(" OFFSET ")
            out.append(try limitValue(offset))
        }
        return (out, columns)
    }

    private func limitValue(_ expression: Expr) throws(QueryError) -> Fragment {
        guard case .number(let digits, let at) = expression, Int64(digits) != nil, !digits.hasPrefix("-") else {
            throw .invalid(message: "LIMIT and OFFSET take a non-negative integer", at: location(expression.start))
        }
        return Fragment(digits, at: at)
    }

    /// A member of a set operation or a nested query.
    private func translateBody(_ body: QueryBody, scope: Scope?, ctes: CTEs, top: Bool, names: [Identifier]?)
        throws(QueryError) -> (Fragment, [OutputColumn])
    {
        switch body {
        case .select(let select):
            return try translateSelect(select, scope: scope, ctes: ctes, top: top, names: names, orderBy: [])
        case .nested(let query):
            let (inner, columns) = try translateQuery(query, scope: scope, ctes: ctes, top: top, names: names)
            if query.with.isEmpty, query.orderBy.isEmpty, query.limit == nil, query.offset == nil,
                case .select = query.body
            {
                return (inner, columns)
            }
            // SQLite takes neither parentheses nor ORDER BY/LIMIT on a compound member.
            return ("SELECT * FROM (" + inner + ")", columns)
        case .values(let rows, let at):
            var selects: [Fragment] = []
            var columns: [OutputColumn] = []
            for (rowIndex, row) in rows.enumerated() {
                if let names, names.count != row.count {
                    throw .invalid(
                        message: "VALUES row has \(row.count) columns, the alias list \(names.count)", at: location(at))
                }
                var items: [Fragment] = []
                for (index, value) in row.enumerated() {
                    let translated = try translateExpression(value, scope: Scope(parent: scope), ctes: ctes)
                    let display = names?[index].text ?? "_col\(index)"
                    items.append(emitValue(translated) + " AS " + SQLText.identifier(display))
                    if rowIndex == 0 {
                        columns.append(
                            OutputColumn(name: display.lowercased(), display: display, type: translated.type))
                    }
                }
                selects.append(Fragment("SELECT ", at: at) + Fragment.join(items, ", "))
            }
            return (Fragment.join(selects, " UNION ALL "), columns)
        case .setOperation(let op, let all, let left, let right, let at):
            if all, op != "UNION" {
                throw .unsupported(construct: "\(op) ALL", at: location(at))
            }
            let (leftSQL, leftColumns) = try translateBody(left, scope: scope, ctes: ctes, top: top, names: names)
            var (rightSQL, rightColumns) = try translateBody(right, scope: scope, ctes: ctes, top: top, names: nil)
            if leftColumns.count != rightColumns.count {
                throw .invalid(
                    message: "\(op) of queries with \(leftColumns.count) and \(rightColumns.count) columns",
                    at: location(at))
            }
            if case .setOperation = right {
                // SQLite reads compounds left to right; Trino binds INTERSECT tighter.
                rightSQL = "SELECT * FROM (" + rightSQL + ")"
            }
            var columns = leftColumns
            for index in columns.indices where columns[index].type == .null || columns[index].type == .unknown {
                columns[index] = OutputColumn(
                    name: columns[index].name, display: columns[index].display, type: rightColumns[index].type)
            }
            _ = rightColumns
            let keyword = op == "UNION" ? (all ? "UNION ALL" : "UNION") : op
            return (leftSQL + Fragment(" \(keyword) ", at: at) + rightSQL, columns)
        }
    }

    // MARK: Select

    private func translateSelect(
        _ select: Select, scope parent: Scope?, ctes: CTEs, top: Bool, names: [Identifier]?, orderBy: [OrderItem]
    ) throws(QueryError) -> (Fragment, [OutputColumn]) {
        let scope = Scope(parent: parent)
        var fromParts: [Fragment] = []
        for relation in select.from {
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
        for expression in select.groupBy {
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
        let columns = items.map { OutputColumn(name: $0.1.lowercased(), display: $0.1, type: $0.0.type) }
        for item in orderBy {
            orderParts.append(
                try orderItem(
                    item, scope: scope, columns: columns, ctes: ctes, outputOnly: false, collect: &orderExpressions))
        }

        let aggregated =
            !select.groupBy.isEmpty || items.contains { $0.0.containsAggregate }
            || (havingExpression?.containsAggregate ?? false)
        if aggregated {
            let keys = Set(groupKeys.map(\.sql.text))
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
        if let whereSQL {
            out.append(" WHERE ")
            out.append(whereSQL)
        }
        if !groupKeys.isEmpty {
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
        return (out, columns)
    }

    private func orderItem(_ item: OrderItem, scope: Scope, columns: [OutputColumn], ctes: CTEs, outputOnly: Bool)
        throws(QueryError) -> Fragment
    {
        var ignored: [TExpr] = []
        return try orderItem(
            item, scope: scope, columns: columns, ctes: ctes, outputOnly: outputOnly, collect: &ignored)
    }

    /// One ORDER BY term: an ordinal, a result column's name (Trino looks there first), or an
    /// expression over the sources. NULLs sort last unless the query says otherwise.
    private func orderItem(
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

    private func requireBoolean(_ expression: TExpr, _ clause: String) throws(QueryError) {
        switch expression.type {
        case .boolean, .unknown, .null: return
        default:
            throw .invalid(
                message: "\(clause) clause must evaluate to a boolean: actual type \(expression.type.name)",
                at: location(expression.at))
        }
    }

    // MARK: Relations

    private func translateRelation(_ relation: Relation, scope: Scope, ctes: CTEs) throws(QueryError) -> Fragment {
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
            scope.sources.append(Source(qualifiers: qualifiers, alias: sqlAlias, kind: .events))
            return Fragment(SQLText.identifier(tableName), at: at) + " AS " + SQLText.identifier(sqlAlias)

        case .subquery(let query, let alias, let columns, let at):
            let (inner, outputs) = try translateQuery(
                query, scope: scope.parent, ctes: ctes, top: false, names: columns.isEmpty ? nil : columns)
            let sqlAlias = alias?.folded ?? freshAlias("subquery")
            scope.sources.append(
                Source(qualifiers: alias.map { [[$0.folded]] } ?? [], alias: sqlAlias, kind: .derived(outputs)))
            return Fragment("(", at: at) + inner + ") AS " + SQLText.identifier(sqlAlias)

        case .unnest(let arguments, let ordinality, let alias, let columns, let at):
            guard arguments.count == 1 else {
                throw .unsupported(construct: "UNNEST of several arrays", at: location(at))
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
                    if expected == 1 { produced.append((names[0], "\(ref).\"value\"", elementType)) }
                }
                if ordinality, let last = names.last { produced.append((last, "(\(ref).\"key\" + 1)", .bigint)) }
            } else if value.type == .map {
                guard names.count == (ordinality ? 3 : 2) else {
                    throw .invalid(message: "UNNEST of a map yields key and value columns", at: location(at))
                }
                produced.append((names[0], "\(ref).\"key\"", .varchar))
                produced.append(
                    (
                        names[1],
                        "(CASE \(ref).\"type\" WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL ELSE CAST(\(ref).\"value\" AS TEXT) END)",
                        .varchar
                    ))
                if ordinality { produced.append((names[2], "(\(ref).\"id\")", .bigint)) }
            } else {
                throw .invalid(
                    message: "UNNEST takes an array or a map, not \(value.type.name)", at: location(arguments[0].start))
            }
            scope.sources.append(
                Source(qualifiers: alias.map { [[$0.folded]] } ?? [], alias: sqlAlias, kind: .unnest(produced)))
            return Fragment("json_each(", at: at) + value.sql + ") AS " + ref

        case .join(let kind, let left, let right, let on, let using, let at):
            var out = try translateRelation(left, scope: scope, ctes: ctes)
            out.append(Fragment(" \(kind.rawValue) ", at: at))
            out.append(try translateRelation(right, scope: scope, ctes: ctes))
            if let on {
                let condition = try translateExpression(on, scope: scope, ctes: ctes)
                try requireBoolean(condition, "JOIN")
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

    private func expandStar(qualifier: [String], scope: Scope, at: Int) throws(QueryError) -> [(TExpr, String)] {
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

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func systemMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}

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
    /// When detection took the other dialect than the statement's table names suggest (a table
    /// name suggests Athena, an event data store id Lake): the error reading it as that one gave.
    public let namedDialectError: String?
    /// The first table name the query used, as written (`cloudtrail_logs_...`, an event data store
    /// id, a placeholder); nil for a query without a table.
    public let referencedTable: String?
    /// Result column names, in order.
    public let columns: [String]
    /// Every template placeholder found and what it was bound to, in the order of the text.
    public let placeholders: [PlaceholderBinding]
    /// The Athena partition columns (layout names: `timestamp`, `region`, ...) the query used.
    public let partitionsUsed: [String]
    /// The name the query wrote for each layout partition it used, where the table is assumed
    /// (`dt` for `timestamp`, `account_id` for `account`).
    public let partitionNamesWritten: [String: String]
    /// The Hive file columns (`$path`, `$file_size`) the query used.
    public let fileColumnsUsed: [String]
    /// For a statement that reads `$path`, the bucket (and any prefix before `AWSLogs/`) of the
    /// first `s3://` string it holds: where its files are, when no table location says.
    public let objectPrefixWritten: String?
    /// How a layout hands each `EventSchema` column to SQLite for this statement: the dialect's
    /// presentation, with the user's Athena table's declared types (`eventtime timestamp`).
    public let presenters: [CellPresenter]
    /// What the statement promises about its rows' order and selection.
    public let resultOrder: ResultOrder
    /// What in the statement answers differently each time (`rand()`, `uuid()`, `shuffle()`,
    /// `TABLESAMPLE BERNOULLI`), so two runs need not return the same rows; empty for a
    /// repeatable statement.
    public let nondeterministicFunctions: [String]
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
    /// Translates each statement without its outermost LIMIT and OFFSET: the whole result a LIMIT
    /// draws from, which `verify` compares when a LIMIT leaves open which rows are kept.
    public var dropsLimit = false

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
        let detected = dialect == nil ? detection(sql) : nil
        let chosen = dialect ?? detected!.dialect
        let binder = PlaceholderBinder(parameters: parameters, timeSpan: timeSpan, dialect: chosen, source: sql)
        let (tokens, placeholders) = try binder.bind(try Lexer.tokenize(sql))
        var parser = Parser(source: sql, tokens: tokens)
        let parsed = try parser.parseStatement()
        let query = dropsLimit ? parsed.withoutLimit() : parsed
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
            dialectWasDetected: dialect == nil,
            namedDialectError: detected?.namedError.map { "\($0)" }, referencedTable: context.firstTable,
            columns: columns.map(\.display), placeholders: placeholders,
            partitionsUsed: DialectSchema.partitionColumns.filter(context.partitionsUsed.contains),
            partitionNamesWritten: context.partitionNamesWritten,
            fileColumnsUsed: context.fileColumnsUsed.sorted(),
            objectPrefixWritten: context.fileColumnsUsed.contains("$path") ? Self.objectPrefixWritten(tokens) : nil,
            presenters: ValuePresentation.presenters(for: chosen, table: athenaDefinition),
            resultOrder: .of(query), nondeterministicFunctions: context.nondeterministicFunctions,
            marks: fragment.marks)
    }

    /// The bucket and prefix the statement's `s3://` strings name: of the first that reaches an
    /// `AWSLogs/` folder (a trail's key, as `$path` holds it), else of the first.
    private static func objectPrefixWritten(_ tokens: [Token]) -> String? {
        let strings = tokens.filter { $0.kind == .string }.map(\.text)
        let trailKeys = strings.filter { $0.contains("/AWSLogs/") }
        return (trailKeys + strings).lazy.compactMap(AthenaTableLocation.objectPrefix(ofLiteral:)).first
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
    /// `element_at(requestParameters, 'bucketName')` is Lake). When neither fits: the named one if
    /// it fails on a construct TrailMeter refuses, else the dialect whose first error lies further
    /// into the text, the named one on a tie. With the user's Athena table (`athenaDefinition`),
    /// a table name is that table: the statement is read as Athena SQL only.
    public func detectDialect(_ sql: String) -> Dialect { detection(sql).dialect }

    /// When `sql`'s dialect is detected as the other one than its table names suggest: the
    /// error reading it in the suggested one gave (nil when that one was taken).
    public func namedDialectError(_ sql: String) -> QueryError? { detection(sql).namedError }

    /// `detectDialect`, with why the dialect the table names suggest was not taken: its error.
    func detection(_ sql: String) -> (dialect: Dialect, namedError: QueryError?) {
        let named = Dialect.byTableName(sql, parameters: parameters)
        // The user's own Athena table (`--athena-ddl`) says a table name is an Athena table.
        if named == .athena, athenaDefinition != nil { return (.athena, nil) }
        guard let namedError = firstError(sql, in: named) else { return (named, nil) }
        guard let otherError = firstError(sql, in: named.other) else { return (named.other, namedError) }
        // A construct TrailMeter refuses was reached with every name and type resolved: the
        // statement fits the named dialect, so its refusal is the one to report.
        if case .unsupported = namedError { return (named, nil) }
        let namedOffset = namedError.location?.offset ?? 0
        let otherOffset = otherError.location?.offset ?? 0
        return otherOffset > namedOffset ? (named.other, namedError) : (named, nil)
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
    /// The zone a timestamp column prints in (see `TExpr.zone`).
    var zone: WrittenZone? = nil
    /// The events table's struct a struct column is (see `TExpr.structPath`).
    var structPath: String? = nil
    /// The zone an array column's timestamps print in (see `TExpr.elementZone`).
    var elementZone: WrittenZone? = nil
    /// A map column's key and value types (see `TExpr.mapTypes`).
    var mapTypes: (key: SQLType, value: SQLType)? = nil
}

final class Source {
    enum Kind {
        case events
        case derived([OutputColumn])
        /// Column name (folded), SQL, type.
        case unnest([(String, String, SQLType)])
        /// Columns that stand for expressions over the row before them (folded name, name as
        /// written, expression): a LATERAL select list (`LateralProjection`).
        case projected([(String, String, TExpr)])
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
    /// The query groups its rows (GROUP BY, plain or with grouping sets).
    var groupsRows = false
    /// Its grouping sets, which the select list, HAVING and ORDER BY read keys through.
    var grouping: GroupingState?
    /// Its WINDOW clause, by folded name.
    var windows: [String: WindowSpec] = [:]

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
    /// The random functions called so far (`Translation.nondeterministicFunctions`).
    var nondeterministicFunctions: [String] = []
    /// Above 0 while an aggregate's arguments are translated: they read the rows as they are,
    /// not the grouping sets' keys.
    var aggregateArgumentDepth = 0
    /// The user's Athena table, when given (its DDL decides columns, types and partitions).
    var athenaDefinition: AthenaTableDefinition?
    /// The console table's structs, what a whole struct holds without the user's table.
    lazy var consoleShapes = DialectSchema.athenaConsoleShapes()
    /// The event data store's structs, in the order Lake prints them.
    lazy var lakeShapes = DialectSchema.lakeShapes()
    /// Layout partitions the query referenced.
    var partitionsUsed: Set<String> = []
    /// Hive hidden file columns the query referenced (`$path`, `$file_size`).
    var fileColumnsUsed: Set<String> = []
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
    /// Events tables read as materialized subqueries whose SELECT is still being translated
    /// (`JoinedReads`).
    var joinedReads: [JoinedRead] = []
    /// While a join's inner side is translated: which conditions may move into it, innermost
    /// last.
    var joinSides: [JoinSide] = []
    /// While a correlated subquery is translated again: its events tables are read once too.
    var materializesReads = false
    /// The scopes just outside the subquery expressions being translated, innermost last, and
    /// whether a name inside resolved to one of them or beyond (a correlated subquery).
    var correlationBoundaries: [Scope] = []
    var correlatedReference = false

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
                            OutputColumn(
                                name: display.lowercased(), display: display, type: translated.type,
                                mapTypes: translated.mapTypes))
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
                    name: columns[index].name, display: columns[index].display, type: rightColumns[index].type,
                    zone: rightColumns[index].zone)
            }
            _ = rightColumns
            let keyword = op == "UNION" ? (all ? "UNION ALL" : "UNION") : op
            return (leftSQL + Fragment(" \(keyword) ", at: at) + rightSQL, columns)
        }
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

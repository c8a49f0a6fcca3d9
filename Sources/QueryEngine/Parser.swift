import TrailMeterCore

/// Recursive-descent parser for the read-only part of Trino's grammar: one query, with CTEs,
/// set operations, joins, UNNEST, and the expression forms CloudTrail queries use.
struct Parser {
    let source: String
    let tokens: [Token]
    var position = 0
    /// How deep the expression or query being parsed nests (parentheses, subqueries, calls,
    /// operator chains), bounded by `maxDepth` so no input exhausts the stack.
    var depth = 0
    static let maxDepth = 100
    /// A `TABLESAMPLE BERNOULLI (p)` read after a relation, for the select that holds it.
    var pendingSample: TableSample?

    /// Words that end an expression or a relation, so they are never taken as an alias.
    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH",
        "UNION", "EXCEPT", "INTERSECT", "JOIN", "ON", "USING", "LEFT", "RIGHT", "FULL", "INNER",
        "CROSS", "OUTER", "NATURAL", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN",
        "CASE", "WHEN", "THEN", "ELSE", "END", "AS", "WITH", "DISTINCT", "ALL", "EXISTS", "CAST",
        "TRUE", "FALSE", "VALUES", "WINDOW", "LATERAL", "UNNEST", "ESCAPE", "TABLESAMPLE", "ASC", "DESC",
        "NULLS", "FILTER", "OVER", "ROWS", "ONLY",
    ]

    /// First words of statements that change something: refused, never parsed.
    static let writeStatements: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "ATTACH", "DETACH", "PRAGMA",
        "MERGE", "TRUNCATE", "GRANT", "REVOKE", "VACUUM", "REINDEX", "ANALYZE", "BEGIN", "COMMIT",
        "ROLLBACK", "SAVEPOINT", "RELEASE", "REPLACE", "UNLOAD", "MSCK", "CALL", "SET", "RESET",
        "USE", "EXPLAIN", "DESCRIBE", "SHOW", "PREPARE", "EXECUTE", "DEALLOCATE", "COMMENT",
        "REFRESH", "UPSERT", "LOAD", "START", "END",
    ]

    init(source: String) throws(QueryError) {
        self.source = source
        self.tokens = try Lexer.tokenize(source)
    }

    /// A parser over tokens already made from `source` (placeholders bound).
    init(source: String, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: - Statement

    /// Parses exactly one query, optionally followed by `;`.
    mutating func parseStatement() throws(QueryError) -> Query {
        while current.isSymbol(";") { advance() }
        if let word = current.keyword, Self.writeStatements.contains(word) {
            throw .refused(statement: word, at: location(current.start))
        }
        guard
            current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES")
                || current.isSymbol("(")
        else {
            if current.kind == .end { throw .syntax(message: "empty statement", at: location(current.start)) }
            throw .refused(
                statement: current.kind == .word ? current.text.uppercased() : "'\(current.text)'",
                at: location(current.start))
        }
        let query = try parseQuery()
        while current.isSymbol(";") { advance() }
        guard current.kind == .end else {
            throw unexpected("after the end of the statement")
        }
        return query
    }

    // MARK: - Nesting

    /// One level deeper; refuses input nested past `maxDepth`. The caller steps back out with
    /// `defer { depth -= 1 }`.
    mutating func enterNesting() throws(QueryError) {
        depth += 1
        if depth > Self.maxDepth { throw nestedTooDeeply() }
    }

    /// One more link of a left-leaning operator chain (`a + b + c`, `x[1][2]`), which nests the
    /// tree one level deeper without recursing here.
    func checkChain(_ links: inout Int) throws(QueryError) {
        links += 1
        if depth + links > Self.maxDepth { throw nestedTooDeeply() }
    }

    private func nestedTooDeeply() -> QueryError {
        .unsupported(
            construct:
                "expression nested more than \(Self.maxDepth) levels deep (parentheses, subqueries, calls or a chain of operators)",
            at: location(current.start))
    }

    // MARK: - Token helpers

    var current: Token { tokens[position] }
    func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }
    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func location(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset, in: source) }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "end of input"
        case .string: return "'\(token.text)'"
        default: return "'\(token.text)'"
        }
    }

    func unexpected(_ context: String) -> QueryError {
        .syntax(message: "unexpected \(describe(current)) \(context)", at: location(current.start))
    }

    mutating func accept(keyword: String) -> Bool {
        if current.isKeyword(keyword) {
            advance()
            return true
        }
        return false
    }

    mutating func accept(symbol: String) -> Bool {
        if current.isSymbol(symbol) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(keyword: String) throws(QueryError) {
        guard accept(keyword: keyword) else { throw unexpected("where \(keyword) was expected") }
    }

    mutating func expect(symbol: String) throws(QueryError) {
        guard accept(symbol: symbol) else { throw unexpected("where '\(symbol)' was expected") }
    }

    var atIdentifier: Bool {
        (current.kind == .word && !Self.reserved.contains(current.text.uppercased())) || current.kind == .quotedWord
    }

    mutating func identifier(_ what: String) throws(QueryError) -> Identifier {
        guard current.kind == .word || current.kind == .quotedWord else {
            throw unexpected("where \(what) was expected")
        }
        let token = current
        advance()
        return Identifier(text: token.text, quoted: token.kind == .quotedWord, start: token.start, end: token.end)
    }

    // MARK: - Queries

    mutating func parseQuery() throws(QueryError) -> Query {
        try enterNesting()
        defer { depth -= 1 }
        let start = current.start
        var ctes: [CommonTable] = []
        if accept(keyword: "WITH") {
            if current.isKeyword("RECURSIVE") {
                throw .unsupported(construct: "WITH RECURSIVE", at: location(current.start))
            }
            repeat {
                let name = try identifier("a common table name")
                var columns: [Identifier] = []
                if accept(symbol: "(") {
                    repeat { columns.append(try identifier("a column name")) } while accept(symbol: ",")
                    try expect(symbol: ")")
                }
                try expect(keyword: "AS")
                try expect(symbol: "(")
                let query = try parseQuery()
                try expect(symbol: ")")
                ctes.append(CommonTable(name: name, columns: columns, query: query))
            } while accept(symbol: ",")
        }
        let body = try parseSetExpression()
        var orderBy: [OrderItem] = []
        if current.isKeyword("ORDER") {
            advance()
            try expect(keyword: "BY")
            orderBy = try parseOrderItems()
        }
        var limit: Expr?
        var offset: Expr?
        if accept(keyword: "OFFSET") {
            offset = try parsePrimary()
            _ = accept(keyword: "ROW") || accept(keyword: "ROWS")
        }
        if accept(keyword: "LIMIT") {
            if accept(keyword: "ALL") { limit = nil } else { limit = try parsePrimary() }
        } else if current.isKeyword("FETCH") {
            advance()
            guard accept(keyword: "FIRST") || accept(keyword: "NEXT") else { throw unexpected("after FETCH") }
            limit = current.kind == .number ? try parsePrimary() : .number("1", at: current.start)
            guard accept(keyword: "ROW") || accept(keyword: "ROWS") else { throw unexpected("where ROWS was expected") }
            if current.isKeyword("WITH") {
                throw .unsupported(construct: "FETCH ... WITH TIES", at: location(current.start))
            }
            try expect(keyword: "ONLY")
        }
        return Query(with: ctes, body: body, orderBy: orderBy, limit: limit, offset: offset, at: start)
    }

    mutating func parseOrderItems() throws(QueryError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            let expression = try parseExpression()
            var descending = false
            if accept(keyword: "DESC") { descending = true } else { _ = accept(keyword: "ASC") }
            var nullsFirst: Bool?
            if accept(keyword: "NULLS") {
                if accept(keyword: "FIRST") {
                    nullsFirst = true
                } else {
                    try expect(keyword: "LAST")
                    nullsFirst = false
                }
            }
            items.append(OrderItem(expression: expression, descending: descending, nullsFirst: nullsFirst))
        } while accept(symbol: ",")
        return items
    }

    mutating func parseSetExpression() throws(QueryError) -> QueryBody {
        var left = try parseIntersection()
        var links = 0
        while current.isKeyword("UNION") || current.isKeyword("EXCEPT") {
            let at = current.start
            try checkChain(&links)
            let op = current.text.uppercased()
            advance()
            let all = accept(keyword: "ALL")
            if !all { _ = accept(keyword: "DISTINCT") }
            let right = try parseIntersection()
            left = .setOperation(op: op, all: all, left, right, at: at)
        }
        return left
    }

    mutating func parseIntersection() throws(QueryError) -> QueryBody {
        var left = try parseQueryPrimary()
        var links = 0
        while current.isKeyword("INTERSECT") {
            let at = current.start
            try checkChain(&links)
            advance()
            let all = accept(keyword: "ALL")
            if !all { _ = accept(keyword: "DISTINCT") }
            let right = try parseQueryPrimary()
            left = .setOperation(op: "INTERSECT", all: all, left, right, at: at)
        }
        return left
    }

    mutating func parseQueryPrimary() throws(QueryError) -> QueryBody {
        if current.isKeyword("SELECT") { return .select(try parseSelect()) }
        if current.isKeyword("VALUES") {
            let at = current.start
            advance()
            var rows: [[Expr]] = []
            repeat {
                if accept(symbol: "(") {
                    var row: [Expr] = []
                    repeat { row.append(try parseExpression()) } while accept(symbol: ",")
                    try expect(symbol: ")")
                    rows.append(row)
                } else {
                    rows.append([try parseExpression()])
                }
            } while accept(symbol: ",")
            return .values(rows, at: at)
        }
        if current.isSymbol("(") {
            advance()
            let query = try parseQuery()
            try expect(symbol: ")")
            return .nested(query)
        }
        if current.isKeyword("TABLE") { throw .unsupported(construct: "TABLE statement", at: location(current.start)) }
        throw unexpected("where SELECT was expected")
    }

    mutating func parseSelect() throws(QueryError) -> Select {
        let at = current.start
        try expect(keyword: "SELECT")
        var distinct = false
        if accept(keyword: "DISTINCT") { distinct = true } else { _ = accept(keyword: "ALL") }
        var items: [SelectItem] = []
        repeat {
            if current.isSymbol("*") {
                items.append(SelectItem(expression: .star(qualifier: [], at: current.start), alias: nil))
                advance()
                continue
            }
            let expression = try parseExpression()
            var alias: Identifier?
            if accept(keyword: "AS") {
                alias = try identifier("an alias")
            } else if atIdentifier {
                alias = try identifier("an alias")
            }
            items.append(SelectItem(expression: expression, alias: alias))
        } while accept(symbol: ",")

        var from: [Relation] = []
        var sample: TableSample?
        if accept(keyword: "FROM") {
            let outerSample = pendingSample
            pendingSample = nil
            repeat { from.append(try parseRelation()) } while accept(symbol: ",")
            if let sample = pendingSample {
                // One relation: the sample is a condition on the select's rows. In a join it would
                // have to thin one side before the join, which SQL on the layouts cannot say.
                if from.count > 1 || { if case .join = from[0] { return true } else { return false } }() {
                    throw .unsupported(construct: "TABLESAMPLE in a join", at: location(sample.at))
                }
            }
            sample = pendingSample
            pendingSample = outerSample
        }
        var whereClause: Expr?
        if accept(keyword: "WHERE") { whereClause = try parseExpression() }
        var groupBy: [Expr] = []
        var groupingSets: GroupingSets?
        if current.isKeyword("GROUP") {
            advance()
            try expect(keyword: "BY")
            (groupBy, groupingSets) = try parseGroupingElements()
        }
        var having: Expr?
        if accept(keyword: "HAVING") { having = try parseExpression() }
        var windows: [(Identifier, WindowSpec)] = []
        if accept(keyword: "WINDOW") { windows = try parseWindowClause() }
        return Select(
            distinct: distinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy,
            groupingSets: groupingSets, having: having, windows: windows, sample: sample, at: at)
    }

    // MARK: - Relations

    mutating func parseRelation() throws(QueryError) -> Relation {
        var left = try parseRelationPrimary()
        var links = 0
        while true {
            let at = current.start
            try checkChain(&links)
            var kind: JoinKind
            if accept(keyword: "CROSS") {
                try expect(keyword: "JOIN")
                kind = .cross
            } else if accept(keyword: "JOIN") {
                kind = .inner
            } else if current.isKeyword("INNER") {
                advance()
                try expect(keyword: "JOIN")
                kind = .inner
            } else if current.isKeyword("LEFT") || current.isKeyword("RIGHT") || current.isKeyword("FULL") {
                let word = current.text.uppercased()
                advance()
                _ = accept(keyword: "OUTER")
                try expect(keyword: "JOIN")
                kind = word == "LEFT" ? .left : word == "RIGHT" ? .right : .full
            } else if current.isKeyword("NATURAL") {
                throw .unsupported(construct: "NATURAL JOIN", at: location(current.start))
            } else {
                return left
            }
            let right = try parseRelationPrimary()
            var on: Expr?
            var using: [Identifier] = []
            if kind != .cross {
                if accept(keyword: "ON") {
                    on = try parseExpression()
                } else if accept(keyword: "USING") {
                    try expect(symbol: "(")
                    repeat { using.append(try identifier("a column name")) } while accept(symbol: ",")
                    try expect(symbol: ")")
                } else {
                    throw unexpected("where ON or USING was expected")
                }
            }
            left = .join(kind, left, right, on: on, using: using, at: at)
        }
    }

    mutating func parseAlias() throws(QueryError) -> (Identifier?, [Identifier]) {
        var alias: Identifier?
        if accept(keyword: "AS") {
            alias = try identifier("an alias")
        } else if atIdentifier {
            alias = try identifier("an alias")
        }
        var columns: [Identifier] = []
        if alias != nil, accept(symbol: "(") {
            repeat { columns.append(try identifier("a column name")) } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        if current.isKeyword("TABLESAMPLE") { try parseTableSample() }
        return (alias, columns)
    }

    mutating func parseRelationPrimary() throws(QueryError) -> Relation {
        let at = current.start
        if current.isSymbol("(") {
            let next = peek(1)
            if next.isKeyword("SELECT") || next.isKeyword("WITH") || next.isKeyword("VALUES") || next.isSymbol("(") {
                advance()
                let query = try parseQuery()
                try expect(symbol: ")")
                let (alias, columns) = try parseAlias()
                return .subquery(query, alias: alias, columns: columns, at: at)
            }
            advance()
            let inner = try parseRelation()
            try expect(symbol: ")")
            return inner
        }
        if current.isKeyword("LATERAL") {
            advance()
            try expect(symbol: "(")
            let query = try parseQuery()
            try expect(symbol: ")")
            let (alias, columns) = try parseAlias()
            return .lateral(query, alias: alias, columns: columns, at: at)
        }
        if current.isKeyword("UNNEST") {
            advance()
            try expect(symbol: "(")
            var arguments: [Expr] = []
            repeat { arguments.append(try parseExpression()) } while accept(symbol: ",")
            try expect(symbol: ")")
            var ordinality = false
            if current.isKeyword("WITH"), peek(1).isKeyword("ORDINALITY") {
                advance()
                advance()
                ordinality = true
            }
            let (alias, columns) = try parseAlias()
            return .unnest(arguments, ordinality: ordinality, alias: alias, columns: columns, at: at)
        }
        if current.isSymbol("<") {
            // `<EDS ID>`, `<event_data_store_id>`: a placeholder the published samples ask users to fill.
            advance()
            while !current.isSymbol(">") {
                guard current.kind != .end, !current.isSymbol("<") else {
                    throw .syntax(message: "placeholder opened with '<' is never closed", at: location(at))
                }
                advance()
            }
            let end = current.end
            advance()
            let text = String(decoding: Array(source.utf8)[at..<end], as: UTF8.self)
            let (alias, columns) = try parseAlias()
            return .table(
                name: [Identifier(text: text, quoted: true, start: at, end: end)], storeReference: text, alias: alias,
                columns: columns, at: at)
        }
        if current.kind == .storeReference {
            let token = current
            advance()
            let (alias, columns) = try parseAlias()
            return .table(
                name: [Identifier(text: token.text, quoted: true, start: token.start, end: token.end)],
                storeReference: token.text, alias: alias, columns: columns, at: at)
        }
        if let count = Self.hyphenatedNameLength(tokens, from: position) {
            // An event data store id written unquoted, hyphens and all (CloudTrail Lake takes it).
            let first = current
            for _ in 0..<count { advance() }
            let end = tokens[position - 1].end
            let text = String(decoding: Array(source.utf8)[first.start..<end], as: UTF8.self)
            let (alias, columns) = try parseAlias()
            return .table(
                name: [Identifier(text: text, quoted: true, start: first.start, end: end)], storeReference: text,
                alias: alias, columns: columns, at: at)
        }
        guard current.kind == .word || current.kind == .quotedWord else {
            throw unexpected("where a table was expected")
        }
        if current.kind == .word, Self.reserved.contains(current.text.uppercased()) {
            throw unexpected("where a table was expected")
        }
        var name = [try identifier("a table name")]
        while current.isSymbol(".") {
            advance()
            name.append(try identifier("a table name"))
        }
        let (alias, columns) = try parseAlias()
        return .table(name: name, storeReference: nil, alias: alias, columns: columns, at: at)
    }

    /// The number of tokens in a hyphenated name starting at `start` (`EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE`,
    /// `eds-ID`): words and numbers joined by `-` with nothing between them; nil when there is none.
    static func hyphenatedNameLength(_ tokens: [Token], from start: Int) -> Int? {
        func isPart(_ token: Token) -> Bool { token.kind == .word || token.kind == .number }
        guard start < tokens.count, isPart(tokens[start]) else { return nil }
        var index = start
        while index + 2 < tokens.count, tokens[index + 1].isSymbol("-"), isPart(tokens[index + 2]),
            tokens[index].end == tokens[index + 1].start, tokens[index + 1].end == tokens[index + 2].start
        {
            index += 2
        }
        return index > start ? index - start + 1 : nil
    }
}

/// Recursive-descent parser for the read-only part of Trino's grammar: one query, with CTEs,
/// set operations, joins, UNNEST, and the expression forms CloudTrail queries use.
struct Parser {
    let source: String
    private let tokens: [Token]
    private var position = 0

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

    // MARK: - Statement

    /// Parses exactly one query, optionally followed by `;`.
    mutating func parseStatement() throws(QueryError) -> Query {
        while current.isSymbol(";") { advance() }
        if let word = current.keyword, Self.writeStatements.contains(word) {
            throw .refused(statement: word, at: location(current.start))
        }
        guard current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") || current.isSymbol("(") else {
            if current.kind == .end { throw .syntax(message: "empty statement", at: location(current.start)) }
            throw .refused(statement: current.kind == .word ? current.text.uppercased() : "'\(current.text)'", at: location(current.start))
        }
        let query = try parseQuery()
        while current.isSymbol(";") { advance() }
        guard current.kind == .end else {
            throw unexpected("after the end of the statement")
        }
        return query
    }

    // MARK: - Token helpers

    private var current: Token { tokens[position] }
    private func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }
    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func location(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset, in: source) }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "end of input"
        case .string: return "'\(token.text)'"
        default: return "'\(token.text)'"
        }
    }

    private func unexpected(_ context: String) -> QueryError {
        .syntax(message: "unexpected \(describe(current)) \(context)", at: location(current.start))
    }

    private mutating func accept(keyword: String) -> Bool {
        if current.isKeyword(keyword) { advance(); return true }
        return false
    }

    private mutating func accept(symbol: String) -> Bool {
        if current.isSymbol(symbol) { advance(); return true }
        return false
    }

    private mutating func expect(keyword: String) throws(QueryError) {
        guard accept(keyword: keyword) else { throw unexpected("where \(keyword) was expected") }
    }

    private mutating func expect(symbol: String) throws(QueryError) {
        guard accept(symbol: symbol) else { throw unexpected("where '\(symbol)' was expected") }
    }

    private var atIdentifier: Bool {
        (current.kind == .word && !Self.reserved.contains(current.text.uppercased())) || current.kind == .quotedWord
    }

    private mutating func identifier(_ what: String) throws(QueryError) -> Identifier {
        guard current.kind == .word || current.kind == .quotedWord else { throw unexpected("where \(what) was expected") }
        let token = current
        advance()
        return Identifier(text: token.text, quoted: token.kind == .quotedWord, start: token.start, end: token.end)
    }

    // MARK: - Queries

    mutating func parseQuery() throws(QueryError) -> Query {
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
            if current.isKeyword("WITH") { throw .unsupported(construct: "FETCH ... WITH TIES", at: location(current.start)) }
            try expect(keyword: "ONLY")
        }
        return Query(with: ctes, body: body, orderBy: orderBy, limit: limit, offset: offset, at: start)
    }

    private mutating func parseOrderItems() throws(QueryError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            let expression = try parseExpression()
            var descending = false
            if accept(keyword: "DESC") { descending = true } else { _ = accept(keyword: "ASC") }
            var nullsFirst: Bool?
            if accept(keyword: "NULLS") {
                if accept(keyword: "FIRST") { nullsFirst = true } else { try expect(keyword: "LAST"); nullsFirst = false }
            }
            items.append(OrderItem(expression: expression, descending: descending, nullsFirst: nullsFirst))
        } while accept(symbol: ",")
        return items
    }

    private mutating func parseSetExpression() throws(QueryError) -> QueryBody {
        var left = try parseIntersection()
        while current.isKeyword("UNION") || current.isKeyword("EXCEPT") {
            let at = current.start
            let op = current.text.uppercased()
            advance()
            let all = accept(keyword: "ALL")
            if !all { _ = accept(keyword: "DISTINCT") }
            let right = try parseIntersection()
            left = .setOperation(op: op, all: all, left, right, at: at)
        }
        return left
    }

    private mutating func parseIntersection() throws(QueryError) -> QueryBody {
        var left = try parseQueryPrimary()
        while current.isKeyword("INTERSECT") {
            let at = current.start
            advance()
            let all = accept(keyword: "ALL")
            if !all { _ = accept(keyword: "DISTINCT") }
            let right = try parseQueryPrimary()
            left = .setOperation(op: "INTERSECT", all: all, left, right, at: at)
        }
        return left
    }

    private mutating func parseQueryPrimary() throws(QueryError) -> QueryBody {
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

    private mutating func parseSelect() throws(QueryError) -> Select {
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
        if accept(keyword: "FROM") {
            repeat { from.append(try parseRelation()) } while accept(symbol: ",")
        }
        var whereClause: Expr?
        if accept(keyword: "WHERE") { whereClause = try parseExpression() }
        var groupBy: [Expr] = []
        if current.isKeyword("GROUP") {
            advance()
            try expect(keyword: "BY")
            if current.isKeyword("DISTINCT") || current.isKeyword("ALL") { advance() }
            repeat {
                if current.isKeyword("GROUPING") || ((current.isKeyword("ROLLUP") || current.isKeyword("CUBE")) && peek(1).isSymbol("(")) {
                    let word = current.text.uppercased()
                    throw .unsupported(construct: word == "GROUPING" ? "GROUPING SETS" : word, at: location(current.start))
                }
                groupBy.append(try parseExpression())
            } while accept(symbol: ",")
        }
        var having: Expr?
        if accept(keyword: "HAVING") { having = try parseExpression() }
        if current.isKeyword("WINDOW") { throw .unsupported(construct: "WINDOW clause", at: location(current.start)) }
        return Select(distinct: distinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy, having: having, at: at)
    }

    // MARK: - Relations

    private mutating func parseRelation() throws(QueryError) -> Relation {
        var left = try parseRelationPrimary()
        while true {
            let at = current.start
            var kind: JoinKind
            if accept(keyword: "CROSS") {
                try expect(keyword: "JOIN")
                kind = .cross
            } else if accept(keyword: "JOIN") {
                kind = .inner
            } else if current.isKeyword("INNER") {
                advance(); try expect(keyword: "JOIN"); kind = .inner
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

    private mutating func parseAlias() throws(QueryError) -> (Identifier?, [Identifier]) {
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
        if current.isKeyword("TABLESAMPLE") { throw .unsupported(construct: "TABLESAMPLE", at: location(current.start)) }
        return (alias, columns)
    }

    private mutating func parseRelationPrimary() throws(QueryError) -> Relation {
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
        if current.isKeyword("LATERAL") { throw .unsupported(construct: "LATERAL", at: location(at)) }
        if current.isKeyword("UNNEST") {
            advance()
            try expect(symbol: "(")
            var arguments: [Expr] = []
            repeat { arguments.append(try parseExpression()) } while accept(symbol: ",")
            try expect(symbol: ")")
            var ordinality = false
            if current.isKeyword("WITH"), peek(1).isKeyword("ORDINALITY") {
                advance(); advance()
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
            return .table(name: [Identifier(text: text, quoted: true, start: at, end: end)], storeReference: text, alias: alias, columns: columns, at: at)
        }
        if current.kind == .storeReference {
            let token = current
            advance()
            let (alias, columns) = try parseAlias()
            return .table(name: [Identifier(text: token.text, quoted: true, start: token.start, end: token.end)], storeReference: token.text, alias: alias, columns: columns, at: at)
        }
        guard current.kind == .word || current.kind == .quotedWord else { throw unexpected("where a table was expected") }
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

    // MARK: - Expressions

    mutating func parseExpression() throws(QueryError) -> Expr { try parseOr() }

    private mutating func parseOr() throws(QueryError) -> Expr {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            let at = current.start
            advance()
            left = .binary(op: "OR", left, try parseAnd(), at: at)
        }
        return left
    }

    private mutating func parseAnd() throws(QueryError) -> Expr {
        var left = try parseNot()
        while current.isKeyword("AND") {
            let at = current.start
            advance()
            left = .binary(op: "AND", left, try parseNot(), at: at)
        }
        return left
    }

    private mutating func parseNot() throws(QueryError) -> Expr {
        if current.isKeyword("NOT") {
            let at = current.start
            advance()
            return .unary(op: "NOT", try parseNot(), at: at)
        }
        return try parsePredicate()
    }

    private static let comparisons: Set<String> = ["=", "<>", "!=", "<", "<=", ">", ">="]

    private mutating func parsePredicate() throws(QueryError) -> Expr {
        var left = try parseConcatenation()
        while true {
            let at = current.start
            if current.kind == .symbol, Self.comparisons.contains(current.text) {
                let op = current.text == "!=" ? "<>" : current.text
                advance()
                for word in ["ANY", "ALL", "SOME"] where current.isKeyword(word) && peek(1).isSymbol("(") {
                    throw .unsupported(construct: "quantified comparison \(word)", at: location(current.start))
                }
                left = .binary(op: op, left, try parseConcatenation(), at: at)
                continue
            }
            if current.isKeyword("IS") {
                advance()
                let negated = accept(keyword: "NOT")
                if accept(keyword: "NULL") {
                    left = .isNull(left, negated: negated, at: at)
                } else if accept(keyword: "DISTINCT") {
                    try expect(keyword: "FROM")
                    left = .isDistinct(left, try parseConcatenation(), negated: negated, at: at)
                } else if current.isKeyword("TRUE") || current.isKeyword("FALSE") {
                    throw .unsupported(construct: "IS [NOT] TRUE/FALSE", at: location(at))
                } else {
                    throw unexpected("after IS")
                }
                continue
            }
            var negated = false
            if current.isKeyword("NOT"), peek(1).isKeyword("BETWEEN") || peek(1).isKeyword("IN") || peek(1).isKeyword("LIKE") {
                advance()
                negated = true
            }
            if accept(keyword: "BETWEEN") {
                let low = try parseConcatenation()
                try expect(keyword: "AND")
                let high = try parseConcatenation()
                left = .between(left, low: low, high: high, negated: negated, at: at)
            } else if accept(keyword: "IN") {
                try expect(symbol: "(")
                if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") {
                    let query = try parseQuery()
                    try expect(symbol: ")")
                    left = .inQuery(left, query, negated: negated, at: at)
                } else {
                    var list: [Expr] = []
                    repeat { list.append(try parseExpression()) } while accept(symbol: ",")
                    try expect(symbol: ")")
                    left = .inList(left, list, negated: negated, at: at)
                }
            } else if accept(keyword: "LIKE") {
                let pattern = try parseConcatenation()
                var escape: Expr?
                if accept(keyword: "ESCAPE") { escape = try parseConcatenation() }
                left = .like(left, pattern: pattern, escape: escape, negated: negated, at: at)
            } else {
                return left
            }
        }
    }

    private mutating func parseConcatenation() throws(QueryError) -> Expr {
        var left = try parseAdditive()
        while current.isSymbol("||") {
            let at = current.start
            advance()
            left = .binary(op: "||", left, try parseAdditive(), at: at)
        }
        return left
    }

    private mutating func parseAdditive() throws(QueryError) -> Expr {
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let at = current.start
            let op = current.text
            advance()
            left = .binary(op: op, left, try parseMultiplicative(), at: at)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(QueryError) -> Expr {
        var left = try parseUnary()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let at = current.start
            let op = current.text
            advance()
            left = .binary(op: op, left, try parseUnary(), at: at)
        }
        return left
    }

    private mutating func parseUnary() throws(QueryError) -> Expr {
        if current.isSymbol("-") || current.isSymbol("+") {
            let at = current.start
            let op = current.text
            advance()
            let operand = try parseUnary()
            if op == "-", case .number(let digits, _) = operand { return .number("-" + digits, at: at) }
            return op == "-" ? .unary(op: "-", operand, at: at) : operand
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(QueryError) -> Expr {
        var expression = try parsePrimary()
        while true {
            if current.isSymbol("[") {
                let at = current.start
                advance()
                let index = try parseExpression()
                try expect(symbol: "]")
                expression = .subscript(expression, index, at: at)
            } else if current.isSymbol(".") {
                advance()
                if current.isSymbol("*"), case .name(let parts) = expression {
                    let at = current.start
                    advance()
                    return .star(qualifier: parts, at: at)
                }
                let field = try identifier("a field name")
                if case .name(let parts) = expression {
                    expression = .name(parts + [field])
                } else {
                    expression = .field(expression, field)
                }
            } else if current.isKeyword("AT"), peek(1).isKeyword("TIME") {
                throw .unsupported(construct: "AT TIME ZONE", at: location(current.start))
            } else if current.isSymbol("::") {
                throw .syntax(message: "'::' casts are not Trino SQL; use CAST(x AS type)", at: location(current.start))
            } else {
                return expression
            }
        }
    }

    private static let typedLiteralWords: Set<String> = [
        "TIMESTAMP", "DATE", "TIME", "IPADDRESS", "JSON", "DECIMAL", "DOUBLE", "REAL", "BIGINT",
        "INTEGER", "VARCHAR", "CHAR", "X", "IPPREFIX", "UUID",
    ]

    private static let niladicWords: Set<String> = [
        "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME",
        "CURRENT_USER", "CURRENT_CATALOG", "CURRENT_SCHEMA",
    ]

    mutating func parsePrimary() throws(QueryError) -> Expr {
        let token = current
        let at = token.start
        switch token.kind {
        case .number:
            advance()
            return .number(token.text, at: at)
        case .string:
            advance()
            return .string(token.text, at: at)
        case .quotedWord:
            advance()
            return .name([Identifier(text: token.text, quoted: true, start: token.start, end: token.end)])
        case .storeReference:
            throw .syntax(message: "\(token.text) can only stand after FROM", at: location(at))
        case .end:
            throw unexpected("where an expression was expected")
        case .symbol:
            if token.isSymbol("(") {
                let next = peek(1)
                if next.isKeyword("SELECT") || next.isKeyword("WITH") || next.isKeyword("VALUES") {
                    advance()
                    let query = try parseQuery()
                    try expect(symbol: ")")
                    return .subquery(query, at: at)
                }
                advance()
                let inner = try parseExpression()
                if current.isSymbol(",") {
                    // `(a, b) -> ...` is a lambda, `(a, b)` a row constructor: neither is translated.
                    var depth = 1
                    var probe = position
                    while depth > 0, tokens[probe].kind != .end {
                        probe += 1
                        if tokens[probe].isSymbol("(") { depth += 1 }
                        if tokens[probe].isSymbol(")") { depth -= 1 }
                    }
                    let isLambda = tokens[min(probe + 1, tokens.count - 1)].isSymbol("->")
                    throw .unsupported(construct: isLambda ? "lambda expression" : "row constructor", at: location(at))
                }
                try expect(symbol: ")")
                if current.isSymbol("->") { throw .unsupported(construct: "lambda expression", at: location(at)) }
                return .parenthesized(inner)
            }
            if token.isSymbol("?") { throw .unsupported(construct: "parameter '?'", at: location(at)) }
            throw unexpected("where an expression was expected")
        case .word:
            break
        }

        let word = token.text.uppercased()
        let next = peek(1)
        if next.isSymbol("->") { throw .unsupported(construct: "lambda expression", at: location(at)) }
        switch word {
        case "TRUE", "FALSE":
            advance()
            return .boolean(word == "TRUE", at: at)
        case "NULL":
            advance()
            return .null(at: at)
        case "CASE":
            return try parseCase()
        case "CAST", "TRY_CAST":
            guard next.isSymbol("(") else { break }
            advance(); advance()
            let value = try parseExpression()
            try expect(keyword: "AS")
            let type = try parseType()
            try expect(symbol: ")")
            return .cast(value, type, isTry: word == "TRY_CAST", at: at)
        case "EXISTS":
            guard next.isSymbol("(") else { break }
            advance(); advance()
            let query = try parseQuery()
            try expect(symbol: ")")
            return .exists(query, at: at)
        case "INTERVAL":
            advance()
            var negative = false
            if accept(symbol: "-") { negative = true } else { _ = accept(symbol: "+") }
            guard current.kind == .string else { throw unexpected("where the interval's quoted value was expected") }
            let value = current.text
            advance()
            guard current.kind == .word else { throw unexpected("where the interval's unit was expected") }
            let unit = current.text.lowercased()
            advance()
            if current.isKeyword("TO") { throw .unsupported(construct: "interval with TO", at: location(current.start)) }
            return .interval(value: value, unit: unit, negative: negative, at: at)
        case "ARRAY":
            guard next.isSymbol("[") else { break }
            advance(); advance()
            var elements: [Expr] = []
            if !current.isSymbol("]") {
                repeat { elements.append(try parseExpression()) } while accept(symbol: ",")
            }
            try expect(symbol: "]")
            return .array(elements, at: at)
        case "EXTRACT":
            guard next.isSymbol("(") else { break }
            advance(); advance()
            let field = try identifier("a date field").text.lowercased()
            try expect(keyword: "FROM")
            let value = try parseExpression()
            try expect(symbol: ")")
            return .extract(field: field, value, at: at)
        default:
            break
        }
        if Self.typedLiteralWords.contains(word), next.kind == .string {
            advance()
            let value = current.text
            advance()
            return .typedLiteral(type: word.lowercased(), value: value, at: at)
        }
        if Self.niladicWords.contains(word), !next.isSymbol("(") {
            advance()
            return .niladic(word.lowercased(), at: at)
        }
        if next.isSymbol("("), !Self.reserved.contains(word) || word == "FILTER" {
            return .call(try parseCall())
        }
        if Self.reserved.contains(word) { throw unexpected("where an expression was expected") }
        advance()
        return .name([Identifier(text: token.text, quoted: false, start: token.start, end: token.end)])
    }

    private mutating func parseCase() throws(QueryError) -> Expr {
        let at = current.start
        advance()
        var operand: Expr?
        if !current.isKeyword("WHEN") { operand = try parseExpression() }
        var whens: [(Expr, Expr)] = []
        while accept(keyword: "WHEN") {
            let condition = try parseExpression()
            try expect(keyword: "THEN")
            whens.append((condition, try parseExpression()))
        }
        guard !whens.isEmpty else { throw unexpected("where WHEN was expected") }
        var otherwise: Expr?
        if accept(keyword: "ELSE") { otherwise = try parseExpression() }
        try expect(keyword: "END")
        return .caseWhen(operand: operand, whens: whens, otherwise: otherwise, at: at)
    }

    private mutating func parseCall() throws(QueryError) -> Call {
        let name = try identifier("a function name")
        try expect(symbol: "(")
        var arguments: [Expr] = []
        var distinct = false
        var star = false
        var orderBy: [OrderItem] = []
        let folded = name.folded
        if current.isSymbol("*") {
            advance()
            star = true
        } else if !current.isSymbol(")") {
            if accept(keyword: "DISTINCT") { distinct = true } else { _ = accept(keyword: "ALL") }
            repeat {
                arguments.append(try parseExpression())
                if folded == "position", accept(keyword: "IN") {
                    arguments.append(try parseExpression())
                } else if folded == "substring" || folded == "substr", accept(keyword: "FROM") {
                    arguments.append(try parseExpression())
                    if accept(keyword: "FOR") { arguments.append(try parseExpression()) }
                }
            } while accept(symbol: ",")
            if current.isKeyword("ORDER") {
                advance()
                try expect(keyword: "BY")
                orderBy = try parseOrderItems()
            }
        }
        try expect(symbol: ")")
        var hasFilter = false
        var hasWindow = false
        if current.isKeyword("IGNORE") || current.isKeyword("RESPECT") {
            advance()
            try expect(keyword: "NULLS")
        }
        if current.isKeyword("FILTER"), peek(1).isSymbol("(") {
            hasFilter = true
            try skipBalanced()
        }
        if current.isKeyword("OVER") {
            hasWindow = true
            advance()
            if current.isSymbol("(") { try skipBalanced() } else { _ = try identifier("a window name") }
        }
        return Call(name: name, arguments: arguments, distinct: distinct, orderBy: orderBy, star: star, hasFilter: hasFilter, hasWindow: hasWindow)
    }

    /// Skips a parenthesized group whose contents are not translated (the caller refuses it).
    private mutating func skipBalanced() throws(QueryError) {
        if !current.isSymbol("(") { advance() }
        try expect(symbol: "(")
        var depth = 1
        while depth > 0 {
            guard current.kind != .end else { throw unexpected("where ')' was expected") }
            if current.isSymbol("(") { depth += 1 }
            if current.isSymbol(")") { depth -= 1 }
            advance()
        }
    }

    private mutating func parseType() throws(QueryError) -> TypeName {
        let name = try identifier("a type").text.lowercased()
        switch name {
        case "array":
            try expect(symbol: "(")
            let element = try parseType()
            try expect(symbol: ")")
            return .array(element)
        case "map":
            try expect(symbol: "(")
            let key = try parseType()
            try expect(symbol: ",")
            let value = try parseType()
            try expect(symbol: ")")
            return .map(key, value)
        case "row":
            try skipBalanced()
            return .row
        default:
            if current.isSymbol("(") {
                advance()
                while !current.isSymbol(")") {
                    guard current.kind != .end else { throw unexpected("where ')' was expected") }
                    advance()
                }
                advance()
            }
            if name == "double", accept(keyword: "PRECISION") { return .simple("double") }
            if (name == "timestamp" || name == "time"), current.isKeyword("WITH") || current.isKeyword("WITHOUT") {
                advance()
                try expect(keyword: "TIME")
                try expect(keyword: "ZONE")
            }
            return .simple(name)
        }
    }
}

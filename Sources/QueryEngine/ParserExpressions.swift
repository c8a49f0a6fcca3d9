/// The expression half of the parser: precedence climbing from OR down to primaries.
extension Parser {
    // MARK: - Expressions

    mutating func parseExpression() throws(QueryError) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        return try parseOr()
    }

    mutating func parseOr() throws(QueryError) -> Expr {
        var operands = [try parseAnd()]
        var positions: [Int] = []
        while current.isKeyword("OR") {
            positions.append(current.start)
            advance()
            operands.append(try parseAnd())
        }
        return Self.chain("OR", operands[...], positions[...])
    }

    mutating func parseAnd() throws(QueryError) -> Expr {
        var operands = [try parseNot()]
        var positions: [Int] = []
        while current.isKeyword("AND") {
            positions.append(current.start)
            advance()
            operands.append(try parseNot())
        }
        return Self.chain("AND", operands[...], positions[...])
    }

    /// Chains of more terms than this are grouped as a balanced tree.
    static let longChain = 16

    /// `a OR b OR c ...` (`positions[i]` is the operator after `operands[i]`). Short chains group
    /// to the left as written; long ones (a generated WHERE with thousands of ORs) as a balanced
    /// tree, so they nest only log2(n) deep in this tree, the translator and SQLite's own parser,
    /// whose stack overflows near a hundred parentheses. AND and OR are associative, and the
    /// terms keep their order.
    static func chain(_ op: String, _ operands: ArraySlice<Expr>, _ positions: ArraySlice<Int>) -> Expr {
        if operands.count > longChain {
            let half = operands.count / 2
            let middle = operands.startIndex + half
            let split = positions.startIndex + half - 1
            return .binary(
                op: op, chain(op, operands[..<middle], positions[..<split]),
                chain(op, operands[middle...], positions[(split + 1)...]), at: positions[split])
        }
        var left = operands[operands.startIndex]
        for (operand, at) in zip(operands.dropFirst(), positions) { left = .binary(op: op, left, operand, at: at) }
        return left
    }

    mutating func parseNot() throws(QueryError) -> Expr {
        if current.isKeyword("NOT") {
            let at = current.start
            advance()
            try enterNesting()
            defer { depth -= 1 }
            return .unary(op: "NOT", try parseNot(), at: at)
        }
        return try parsePredicate()
    }

    static let comparisons: Set<String> = ["=", "<>", "!=", "<", "<=", ">", ">="]

    mutating func parsePredicate() throws(QueryError) -> Expr {
        var left = try parseConcatenation()
        var links = 0
        while true {
            let at = current.start
            try checkChain(&links)
            if current.kind == .symbol, Self.comparisons.contains(current.text) {
                let op = current.text == "!=" ? "<>" : current.text
                advance()
                if let word = ["ANY", "ALL", "SOME"].first(where: { current.isKeyword($0) }), peek(1).isSymbol("(") {
                    advance()
                    advance()
                    let query = try parseQuery()
                    try expect(symbol: ")")
                    left = .quantified(op: op, left, quantifier: word == "SOME" ? "ANY" : word, query, at: at)
                    continue
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
            if current.isKeyword("NOT"),
                peek(1).isKeyword("BETWEEN") || peek(1).isKeyword("IN") || peek(1).isKeyword("LIKE")
            {
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

    mutating func parseConcatenation() throws(QueryError) -> Expr {
        var left = try parseAdditive()
        var links = 0
        while current.isSymbol("||") {
            let at = current.start
            try checkChain(&links)
            advance()
            left = .binary(op: "||", left, try parseAdditive(), at: at)
        }
        return left
    }

    mutating func parseAdditive() throws(QueryError) -> Expr {
        var left = try parseMultiplicative()
        var links = 0
        while current.isSymbol("+") || current.isSymbol("-") {
            let at = current.start
            let op = current.text
            try checkChain(&links)
            advance()
            left = .binary(op: op, left, try parseMultiplicative(), at: at)
        }
        return left
    }

    mutating func parseMultiplicative() throws(QueryError) -> Expr {
        var left = try parseUnary()
        var links = 0
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let at = current.start
            let op = current.text
            try checkChain(&links)
            advance()
            left = .binary(op: op, left, try parseUnary(), at: at)
        }
        return left
    }

    mutating func parseUnary() throws(QueryError) -> Expr {
        if current.isSymbol("-") || current.isSymbol("+") {
            let at = current.start
            let op = current.text
            advance()
            try enterNesting()
            defer { depth -= 1 }
            let operand = try parseUnary()
            if op == "-", case .number(let digits, _) = operand { return .number("-" + digits, at: at) }
            return op == "-" ? .unary(op: "-", operand, at: at) : operand
        }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws(QueryError) -> Expr {
        var expression = try parsePrimary()
        var links = 0
        while true {
            try checkChain(&links)
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
                // `x AT TIME ZONE 'Asia/Tokyo'` is Trino's at_timezone(x, 'Asia/Tokyo').
                let start = current.start
                advance()
                advance()
                guard current.isKeyword("ZONE") else { throw unexpected("after AT TIME") }
                let end = current.end
                advance()
                let zone = try parsePrimary()
                let name = Identifier(text: "at_timezone", quoted: false, start: start, end: end)
                expression = .call(
                    Call(
                        name: name, arguments: [expression, zone], distinct: false, orderBy: [], star: false,
                        filter: nil, window: nil, ignoreNulls: false))
            } else if current.isSymbol("::") {
                throw .syntax(message: "'::' casts are not Trino SQL; use CAST(x AS type)", at: location(current.start))
            } else {
                return expression
            }
        }
    }

    static let typedLiteralWords: Set<String> = [
        "TIMESTAMP", "DATE", "TIME", "IPADDRESS", "JSON", "DECIMAL", "DOUBLE", "REAL", "BIGINT",
        "INTEGER", "VARCHAR", "CHAR", "X", "IPPREFIX", "UUID",
    ]

    static let niladicWords: Set<String> = [
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
                if let count = lambdaParameterCount() { return try parseLambda(parenthesized: count) }
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
                    if tokens[min(probe + 1, tokens.count - 1)].isSymbol("->") {
                        throw .unsupported(construct: "lambda expression", at: location(at))
                    }
                    // `(a, b)`: a row value, held as `row(a, b)` (compared field by field with =,
                    // <> or IN: `RowComparisons`).
                    var fields = [inner]
                    while accept(symbol: ",") { fields.append(try parseExpression()) }
                    try expect(symbol: ")")
                    return .call(
                        Call(
                            name: Identifier(text: "row", quoted: false, start: at, end: at + 1), arguments: fields,
                            distinct: false, orderBy: [], star: false, filter: nil, window: nil, ignoreNulls: false))
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
        if next.isSymbol("->") { return try parseLambda(parenthesized: nil) }
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
            advance()
            advance()
            let value = try parseExpression()
            try expect(keyword: "AS")
            let type = try parseType()
            try expect(symbol: ")")
            return .cast(value, type, isTry: word == "TRY_CAST", at: at)
        case "EXISTS":
            guard next.isSymbol("(") else { break }
            advance()
            advance()
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
            if current.isKeyword("TO") {
                throw .unsupported(construct: "interval with TO", at: location(current.start))
            }
            return .interval(value: value, unit: unit, negative: negative, at: at)
        case "ARRAY":
            guard next.isSymbol("[") else { break }
            advance()
            advance()
            var elements: [Expr] = []
            if !current.isSymbol("]") {
                repeat { elements.append(try parseExpression()) } while accept(symbol: ",")
            }
            try expect(symbol: "]")
            return .array(elements, at: at)
        case "EXTRACT":
            guard next.isSymbol("(") else { break }
            advance()
            advance()
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
        if next.isSymbol("("), word == "JSON_ARRAY" || word == "JSON_OBJECT" {
            return try parseJSONConstructor(object: word == "JSON_OBJECT")
        }
        if next.isSymbol("("), !Self.reserved.contains(word) || word == "FILTER" {
            return .call(try parseCall())
        }
        if Self.reserved.contains(word) { throw unexpected("where an expression was expected") }
        advance()
        return .name([Identifier(text: token.text, quoted: false, start: token.start, end: token.end)])
    }

    mutating func parseCase() throws(QueryError) -> Expr {
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

    mutating func parseCall() throws(QueryError) -> Call {
        let name = try identifier("a function name")
        try expect(symbol: "(")
        switch name.folded {
        case "trim": if let call = try parseTrimForm(name) { return call }
        case "overlay": if let call = try parseOverlayForm(name) { return call }
        default: break
        }
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
                // `position(needle IN haystack)`: the needle is read below IN's precedence.
                let positionForm = folded == "position" && arguments.isEmpty
                arguments.append(try positionForm ? parseConcatenation() : parseExpression())
                if folded == "listagg", current.isKeyword("ON") { try parseListaggOverflow() }
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
        if current.isKeyword("WITHIN"), peek(1).isKeyword("GROUP") {
            // listagg(x, ', ') WITHIN GROUP (ORDER BY x): the aggregate's order, as array_agg's.
            let start = current.start
            advance()
            advance()
            try expect(symbol: "(")
            try expect(keyword: "ORDER")
            try expect(keyword: "BY")
            guard orderBy.isEmpty else {
                throw .invalid(message: "an ORDER BY both inside the call and in WITHIN GROUP", at: location(start))
            }
            orderBy = try parseOrderItems()
            try expect(symbol: ")")
        }
        var filter: Expr?
        var window: WindowSpec?
        var ignoreNulls = false
        if current.isKeyword("IGNORE") || current.isKeyword("RESPECT") {
            ignoreNulls = current.isKeyword("IGNORE")
            advance()
            try expect(keyword: "NULLS")
        }
        if current.isKeyword("FILTER"), peek(1).isSymbol("(") {
            advance()
            advance()
            try expect(keyword: "WHERE")
            filter = try parseExpression()
            try expect(symbol: ")")
        }
        if accept(keyword: "OVER") { window = try parseWindow() }
        return Call(
            name: name, arguments: arguments, distinct: distinct, orderBy: orderBy, star: star, filter: filter,
            window: window, ignoreNulls: ignoreNulls)
    }

    /// `ON OVERFLOW ERROR` after listagg's separator (Trino's default); `TRUNCATE` is refused.
    mutating func parseListaggOverflow() throws(QueryError) {
        let start = current.start
        advance()
        try expect(keyword: "OVERFLOW")
        if accept(keyword: "ERROR") { return }
        guard current.isKeyword("TRUNCATE") else { throw unexpected("where ERROR or TRUNCATE was expected") }
        throw .unsupported(construct: "listagg ... ON OVERFLOW TRUNCATE", at: location(start))
    }

    mutating func parseType() throws(QueryError) -> TypeName {
        try enterNesting()
        defer { depth -= 1 }
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
            try expect(symbol: "(")
            var fields: [RowField] = []
            repeat {
                var name: String?
                if current.kind == .word || current.kind == .quotedWord, !peek(1).isSymbol(","), !peek(1).isSymbol(")"),
                    !peek(1).isSymbol("(")
                {
                    name = try identifier("a field name").folded
                }
                fields.append(RowField(name: name, type: try parseType()))
            } while accept(symbol: ",")
            try expect(symbol: ")")
            return .row(fields)
        default:
            var parameters: [String] = []
            if current.isSymbol("(") {
                advance()
                while !current.isSymbol(")") {
                    guard current.kind != .end else { throw unexpected("where ')' was expected") }
                    if current.kind == .number { parameters.append(current.text) }
                    advance()
                }
                advance()
            }
            if name == "decimal", !parameters.isEmpty {
                // DECIMAL(p) has scale 0; DECIMAL(p, s) scale s.
                return .simple("decimal(\(parameters[0]),\(parameters.count > 1 ? parameters[1] : "0"))")
            }
            if name == "double", accept(keyword: "PRECISION") { return .simple("double") }
            if name == "timestamp" || name == "time", current.isKeyword("WITH") || current.isKeyword("WITHOUT") {
                advance()
                try expect(keyword: "TIME")
                try expect(keyword: "ZONE")
            }
            return .simple(name)
        }
    }
}

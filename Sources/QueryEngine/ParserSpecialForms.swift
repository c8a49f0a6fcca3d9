/// Expression forms with their own grammar: lambdas, `trim(... FROM ...)`, `overlay(... PLACING
/// ...)`, and the SQL/JSON constructors `json_array` and `json_object`.
extension Parser {
    // MARK: Lambdas

    /// The number of parameters when the tokens at `(` read `(a, b) -> `, else nil.
    func lambdaParameterCount() -> Int? {
        guard current.isSymbol("(") else { return nil }
        var offset = 1
        var count = 0
        while true {
            let token = peek(offset)
            guard token.kind == .word || token.kind == .quotedWord else { return nil }
            count += 1
            offset += 1
            if peek(offset).isSymbol(",") {
                offset += 1
                continue
            }
            guard peek(offset).isSymbol(")"), peek(offset + 1).isSymbol("->") else { return nil }
            return count
        }
    }

    /// `x -> body` (`parenthesized` nil) or `(x, y) -> body`.
    mutating func parseLambda(parenthesized: Int?) throws(QueryError) -> Expr {
        let at = current.start
        var parameters: [Identifier] = []
        if parenthesized != nil {
            try expect(symbol: "(")
            repeat { parameters.append(try identifier("a lambda parameter")) } while accept(symbol: ",")
            try expect(symbol: ")")
        } else {
            parameters.append(try identifier("a lambda parameter"))
        }
        try expect(symbol: "->")
        let body = try parseExpression()
        return .lambda(parameters: parameters, body: body, at: at)
    }

    // MARK: trim and overlay

    /// `trim([LEADING|TRAILING|BOTH] [characters] FROM text)` as `trim`/`ltrim`/`rtrim(text,
    /// characters)`; nil (nothing consumed) for the plain call forms.
    mutating func parseTrimForm(_ name: Identifier) throws(QueryError) -> Call? {
        let start = position
        var function = "trim"
        for (word, spelled) in [("LEADING", "ltrim"), ("TRAILING", "rtrim"), ("BOTH", "trim")]
        where current.isKeyword(word) && !peek(1).isSymbol(",") && !peek(1).isSymbol(")") {
            function = spelled
            advance()
            break
        }
        var characters: Expr?
        if !current.isKeyword("FROM") { characters = try parseExpression() }
        guard accept(keyword: "FROM") else {
            position = start
            return nil
        }
        let text = try parseExpression()
        try expect(symbol: ")")
        let renamed = Identifier(text: function, quoted: false, start: name.start, end: name.end)
        return Call(
            name: renamed, arguments: characters.map { [text, $0] } ?? [text], distinct: false, orderBy: [],
            star: false, filter: nil, window: nil, ignoreNulls: false)
    }

    /// `overlay(text PLACING replacement FROM start [FOR length])`; nil for a plain call.
    mutating func parseOverlayForm(_ name: Identifier) throws(QueryError) -> Call? {
        let start = position
        let text = try parseExpression()
        guard accept(keyword: "PLACING") else {
            position = start
            return nil
        }
        var arguments = [text, try parseExpression()]
        try expect(keyword: "FROM")
        arguments.append(try parseExpression())
        if accept(keyword: "FOR") { arguments.append(try parseExpression()) }
        try expect(symbol: ")")
        return Call(
            name: name, arguments: arguments, distinct: false, orderBy: [], star: false, filter: nil,
            window: nil, ignoreNulls: false)
    }

    // MARK: SQL/JSON constructors

    /// `json_array(value [FORMAT JSON], ... [NULL|ABSENT ON NULL] [RETURNING type])` and
    /// `json_object([KEY] key VALUE value | key : value, ... [NULL|ABSENT ON NULL]
    /// [WITH|WITHOUT UNIQUE [KEYS]] [RETURNING type])`.
    mutating func parseJSONConstructor(object: Bool) throws(QueryError) -> Expr {
        let at = current.start
        advance()
        try expect(symbol: "(")
        var arguments: [Expr] = []
        // Trino's defaults: json_array leaves NULLs out, json_object keeps them.
        var absentOnNull = !object
        while !current.isSymbol(")"), !atJSONClause {
            if object {
                _ = accept(keyword: "KEY")
                arguments.append(try parseExpression())
                if !accept(symbol: ":") { try expect(keyword: "VALUE") }
            }
            arguments.append(try parseExpression())
            if accept(keyword: "FORMAT") { try expect(keyword: "JSON") }
            if !accept(symbol: ",") { break }
        }
        if current.isKeyword("NULL") || current.isKeyword("ABSENT") {
            absentOnNull = current.isKeyword("ABSENT")
            advance()
            try expect(keyword: "ON")
            try expect(keyword: "NULL")
        }
        if object, current.isKeyword("WITH") || current.isKeyword("WITHOUT") {
            if current.isKeyword("WITH") {
                throw .unsupported(construct: "json_object WITH UNIQUE KEYS", at: location(current.start))
            }
            advance()
            try expect(keyword: "UNIQUE")
            _ = accept(keyword: "KEYS")
        }
        if current.isKeyword("RETURNING") {
            let returning = peek(1)
            advance()
            let type = try parseType()
            guard case .simple(let name) = type, ["varchar", "json"].contains(name) else {
                throw .unsupported(
                    construct: "json_\(object ? "object" : "array") RETURNING \(type.description)",
                    at: location(returning.start))
            }
            if accept(keyword: "FORMAT") { try expect(keyword: "JSON") }
        }
        try expect(symbol: ")")
        return .jsonConstructor(object: object, arguments: arguments, absentOnNull: absentOnNull, at: at)
    }

    private var atJSONClause: Bool {
        (current.isKeyword("NULL") || current.isKeyword("ABSENT")) && peek(1).isKeyword("ON")
            || current.isKeyword("RETURNING")
            || (current.isKeyword("WITH") || current.isKeyword("WITHOUT")) && peek(1).isKeyword("UNIQUE")
    }
}

extension Lexer {
    /// The text of a `U&'...'` literal: `\XXXX` and `\+XXXXXX` are code points, `\\` a backslash.
    static func unicodeEscapes(_ raw: String) -> String? {
        var out = ""
        var scalars = raw.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            if scalars.first == "\\" {
                scalars.removeFirst()
                out.append("\\")
                continue
            }
            var width = 4
            if scalars.first == "+" {
                scalars.removeFirst()
                width = 6
            }
            let digits = String(String.UnicodeScalarView(scalars.prefix(width)))
            guard digits.count == width, let value = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(value)
            else { return nil }
            scalars.removeFirst(width)
            out.unicodeScalars.append(decoded)
        }
        return out
    }
}

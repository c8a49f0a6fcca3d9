/// The query inside an Athena statement that writes its result: `INSERT INTO t SELECT ...`,
/// `CREATE TABLE t WITH (...) AS SELECT ... [WITH [NO] DATA]` and `UNLOAD (SELECT ...) TO '...'`.
/// Athena bills such a statement for what its query scans (its `StatementType` is `DML`), so a
/// query history is metered on that query; TrailMeter itself never writes.
public struct WritingStatement: Sendable, Equatable {
    /// `INSERT INTO`, `CREATE TABLE AS` or `UNLOAD`.
    public let kind: String
    /// The table written (`INSERT INTO`, `CREATE TABLE AS`) or the S3 location (`UNLOAD`).
    public let target: String
    /// The query whose result is written, as its text stands in the statement.
    public let query: String

    /// The statement's query, or nil when `sql` is not one of these statements (or does not lex).
    public static func of(_ sql: String) -> WritingStatement? {
        guard let tokens = try? Lexer.tokenize(sql), let first = tokens.first else { return nil }
        let bytes = Array(sql.utf8)
        func text(from start: Int, to end: Int) -> String {
            guard start < end else { return "" }
            return String(decoding: bytes[start..<end], as: UTF8.self).trimmingWhitespace()
        }
        /// The statement, when its query has text.
        func statement(_ kind: String, _ target: String, _ query: String) -> WritingStatement? {
            query.isEmpty ? nil : WritingStatement(kind: kind, target: target, query: query)
        }
        /// The end of the statement: before a trailing `;`, and before `WITH [NO] DATA` when asked.
        func end(dropData: Bool) -> Int {
            var last = tokens.count - 1
            while last > 0, tokens[last].kind == .end || tokens[last].isSymbol(";") { last -= 1 }
            if dropData, last >= 2, tokens[last].isKeyword("DATA") {
                let no = tokens[last - 1].isKeyword("NO") ? 1 : 0
                if tokens[last - 1 - no].isKeyword("WITH") { last -= 2 + no }
            }
            return tokens[last].end
        }
        /// The dotted name from `index`, and the index after it.
        func name(at index: Int) -> (String, Int)? {
            var cursor = index
            guard cursor < tokens.count, tokens[cursor].kind == .word || tokens[cursor].kind == .quotedWord else {
                return nil
            }
            var parts = [tokens[cursor].text]
            while cursor + 2 < tokens.count, tokens[cursor + 1].isSymbol("."),
                tokens[cursor + 2].kind == .word || tokens[cursor + 2].kind == .quotedWord
            {
                cursor += 2
                parts.append(tokens[cursor].text)
            }
            return (parts.joined(separator: "."), cursor + 1)
        }
        /// The index after the parenthesised group opening at `index`.
        func skipGroup(at index: Int) -> Int? {
            guard index < tokens.count, tokens[index].isSymbol("(") else { return nil }
            var depth = 0
            for cursor in index..<tokens.count {
                if tokens[cursor].isSymbol("(") { depth += 1 }
                if tokens[cursor].isSymbol(")") {
                    depth -= 1
                    if depth == 0 { return cursor + 1 }
                }
            }
            return nil
        }
        func isQueryStart(_ index: Int) -> Bool {
            index < tokens.count
                && (tokens[index].isKeyword("SELECT") || tokens[index].isKeyword("WITH")
                    || tokens[index].isKeyword("VALUES") || tokens[index].isKeyword("TABLE")
                    || tokens[index].isSymbol("("))
        }

        if first.isKeyword("INSERT"), tokens.count > 2, tokens[1].isKeyword("INTO"), let (table, after) = name(at: 2) {
            // An optional column list, told from a parenthesised query by what opens it.
            var start = after
            if start + 1 < tokens.count, tokens[start].isSymbol("("), !isQueryStart(start + 1),
                let past = skipGroup(at: start)
            {
                start = past
            }
            guard isQueryStart(start) else { return nil }
            return statement("INSERT INTO", table, text(from: tokens[start].start, to: end(dropData: false)))
        }
        if first.isKeyword("CREATE"), tokens.count > 2, tokens[1].isKeyword("TABLE") {
            var cursor = 2
            if tokens[cursor].isKeyword("IF"), cursor + 2 < tokens.count { cursor += 3 }
            guard let (table, after) = name(at: cursor) else { return nil }
            cursor = after
            if cursor < tokens.count, tokens[cursor].isKeyword("WITH"), let past = skipGroup(at: cursor + 1) {
                cursor = past
            }
            guard cursor + 1 < tokens.count, tokens[cursor].isKeyword("AS"), isQueryStart(cursor + 1) else {
                return nil
            }
            return statement("CREATE TABLE AS", table, text(from: tokens[cursor + 1].start, to: end(dropData: true)))
        }
        if first.isKeyword("UNLOAD"), let past = skipGroup(at: 1), past - 1 > 2 {
            let location =
                past + 1 < tokens.count && tokens[past].isKeyword("TO") && tokens[past + 1].kind == .string
                ? tokens[past + 1].text : "?"
            return statement("UNLOAD", location, text(from: tokens[2].start, to: tokens[past - 1].start))
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

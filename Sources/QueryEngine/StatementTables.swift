/// The tables a statement reads, told by its tokens: an Athena workgroup's history mixes the
/// CloudTrail table's queries with those of other tables (load balancer logs, VPC Flow Logs), and
/// TrailMeter would run either kind on its store.
public enum StatementTables {
    /// The names after `FROM` and `JOIN`, without their database, unquoted and lowercased, each
    /// once in order of appearance. Subqueries, table functions (`UNNEST(...)`), common table
    /// expressions and event data store ids are not tables here. Empty when `sql` does not lex.
    public static func named(in sql: String) -> [String] {
        guard let tokens = try? Lexer.tokenize(sql) else { return [] }
        let expressions = commonTableExpressions(tokens)
        let inFunctions = fromsInFunctions(tokens)
        var names: [String] = []
        for index in tokens.indices.dropLast()
        where (tokens[index].isKeyword("FROM") && !inFunctions.contains(index)) || tokens[index].isKeyword("JOIN") {
            var cursor = index + 1
            guard isName(tokens[cursor]) else { continue }
            var name = tokens[cursor].text
            while cursor + 2 < tokens.count, tokens[cursor + 1].isSymbol("."), isName(tokens[cursor + 2]) {
                cursor += 2
                name = tokens[cursor].text
            }
            // A name called like a function (`UNNEST(...)`, `TABLE(...)`) is not a table.
            if cursor + 1 < tokens.count, tokens[cursor + 1].isSymbol("(") { continue }
            let folded = name.lowercased()
            if !expressions.contains(folded), !names.contains(folded) { names.append(folded) }
        }
        return names
    }

    /// The event data store ids (or their placeholders, as written) after `FROM` and `JOIN`,
    /// lowercased, each once in order of appearance. Empty when `sql` does not lex.
    public static func eventDataStores(in sql: String) -> [String] {
        guard let tokens = try? Lexer.tokenize(sql) else { return [] }
        var ids: [String] = []
        for index in tokens.indices.dropLast()
        where tokens[index].isKeyword("FROM") || tokens[index].isKeyword("JOIN") {
            let next = tokens[index + 1]
            guard next.kind == .storeReference else { continue }
            let id = next.text.lowercased()
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// The `FROM`s that belong to a function's arguments (`extract(hour FROM eventtime)`,
    /// `trim(LEADING ' ' FROM name)`, `substring(s FROM 2)`).
    private static func fromsInFunctions(_ tokens: [Token]) -> Set<Int> {
        let functions: Set<String> = ["EXTRACT", "TRIM", "SUBSTRING", "OVERLAY"]
        var openers: [Bool] = []
        var found: Set<Int> = []
        for index in tokens.indices {
            if tokens[index].isSymbol("(") {
                openers.append(index > 0 && functions.contains(tokens[index - 1].keyword ?? ""))
            } else if tokens[index].isSymbol(")") {
                _ = openers.popLast()
            } else if tokens[index].isKeyword("FROM"), openers.last == true {
                found.insert(index)
            }
        }
        return found
    }

    private static func isName(_ token: Token) -> Bool { token.kind == .word || token.kind == .quotedWord }

    /// Names `WITH` defines: `name AS (`, or `name (columns) AS (`, after `WITH`, `RECURSIVE` or a comma.
    private static func commonTableExpressions(_ tokens: [Token]) -> Set<String> {
        guard tokens.contains(where: { $0.isKeyword("WITH") }) else { return [] }
        var names: Set<String> = []
        for index in tokens.indices.dropFirst() where isName(tokens[index]) {
            let before = tokens[index - 1]
            guard before.isKeyword("WITH") || before.isKeyword("RECURSIVE") || before.isSymbol(",") else { continue }
            var cursor = index + 1
            if cursor < tokens.count, tokens[cursor].isSymbol("(") {
                while cursor < tokens.count, !tokens[cursor].isSymbol(")") { cursor += 1 }
                cursor += 1
            }
            if cursor + 1 < tokens.count, tokens[cursor].isKeyword("AS"), tokens[cursor + 1].isSymbol("(") {
                names.insert(tokens[index].text.lowercased())
            }
        }
        return names
    }
}

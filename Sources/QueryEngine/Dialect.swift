import CloudTrail

/// The SQL a query is written in.
public enum Dialect: String, Sendable, CaseIterable {
    /// Amazon Athena (Trino) over the CloudTrail JSON table: every column a string as logged,
    /// plus the table's partition columns.
    case athena
    /// AWS CloudTrail Lake (Trino with `FROM <event data store id>`): typed columns.
    case lake

    /// Guesses the dialect of `sql` by what it means (see `Translator.detectDialect`), with the
    /// default Athena table (every partition column).
    public static func detect(_ sql: String) -> Dialect {
        Translator(tableName: "events").detectDialect(sql)
    }

    /// The dialect the table names say: Lake when a FROM (or JOIN) names an event data store by
    /// UUID, by a hyphenated id (`EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE`) or by one of the
    /// placeholders published samples use; Athena otherwise.
    /// A placeholder given a value by `parameters` names what its value names (an event data store
    /// id, or a table).
    static func byTableName(_ sql: String, parameters: [String: String] = [:]) -> Dialect {
        guard let tokens = try? Lexer.tokenize(sql) else { return .athena }
        for (index, token) in tokens.enumerated() where token.isKeyword("FROM") || token.isKeyword("JOIN") {
            let next = tokens[min(index + 1, tokens.count - 1)]
            if let value = parameterValue(after: index, in: tokens, sql: sql, parameters: parameters) {
                guard let valueTokens = try? Lexer.tokenize(value), let first = valueTokens.first else { continue }
                if first.kind == .storeReference || Parser.hyphenatedNameLength(valueTokens, from: 0) != nil {
                    return .lake
                }
                continue
            }
            // `${database}."table"`, `<DB>.<TABLE>`: a placeholder qualifying an Athena table name.
            if tokens[min(index + 2, tokens.count - 1)].isSymbol(".") { continue }
            if next.isSymbol("<"), let close = tokens[(index + 1)...].firstIndex(where: { $0.isSymbol(">") }),
                tokens[min(close + 1, tokens.count - 1)].isSymbol(".")
            {
                continue
            }
            if next.kind == .storeReference || next.isSymbol("<") { return .lake }
            if next.kind == .word, StorePlaceholder.isPlaceholder(next.text) { return .lake }
            if Parser.hyphenatedNameLength(tokens, from: index + 1) != nil { return .lake }
        }
        return .athena
    }

    /// The `--param` value of the placeholder (`<name>`, `${name}`, `$NAME`) right after the
    /// FROM or JOIN at `index`, nil when none is there or it has no value.
    private static func parameterValue(
        after index: Int, in tokens: [Token], sql: String, parameters: [String: String]
    ) -> String? {
        guard !parameters.isEmpty, index + 1 < tokens.count else { return nil }
        let next = tokens[index + 1]
        if next.kind == .storeReference, let name = PlaceholderBinder.name(of: next.text, quoted: false) {
            return parameters[name]
        }
        guard next.isSymbol("<"), let close = tokens[(index + 1)...].firstIndex(where: { $0.isSymbol(">") }) else {
            return nil
        }
        let written = String(decoding: Array(sql.utf8)[next.start..<tokens[close].end], as: UTF8.self)
        return parameters[String(written.dropFirst().dropLast()).trimmingSpaces]
    }

    /// The other dialect.
    var other: Dialect { self == .athena ? .lake : .athena }
}

/// Names that stand for "the event data store" in published Lake samples. A UUID, `<...>`,
/// `$NAME`, `${name}` and `{name}` are recognised by their shape; these bare words by name.
public enum StorePlaceholder {
    /// Bare words (compared case-insensitively) that mean "your event data store".
    public static let words: Set<String> = [
        "eds_id", "edsid", "eds", "event_data_store_id", "eventdatastoreid", "event_data_store",
        "config_event_data_store_id", "your_event_data_store_id", "my_event_data_store",
    ]

    /// True for a bare word that names an event data store placeholder.
    public static func isPlaceholder(_ word: String) -> Bool {
        let folded = word.lowercased()
        return words.contains(folded) || folded.hasSuffix("event_data_store_id")
    }
}

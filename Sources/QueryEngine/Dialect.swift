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
    static func byTableName(_ sql: String) -> Dialect {
        guard let tokens = try? Lexer.tokenize(sql) else { return .athena }
        for (index, token) in tokens.enumerated() where token.isKeyword("FROM") || token.isKeyword("JOIN") {
            let next = tokens[min(index + 1, tokens.count - 1)]
            // `${database}."table"`: a placeholder qualifying an Athena table name.
            if tokens[min(index + 2, tokens.count - 1)].isSymbol(".") { continue }
            if next.kind == .storeReference || next.isSymbol("<") { return .lake }
            if next.kind == .word, StorePlaceholder.isPlaceholder(next.text) { return .lake }
            if Parser.hyphenatedNameLength(tokens, from: index + 1) != nil { return .lake }
        }
        return .athena
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

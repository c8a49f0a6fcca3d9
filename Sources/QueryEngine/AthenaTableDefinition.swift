import TrailMeterCore

/// A Hive type as an Athena `CREATE EXTERNAL TABLE` declares a column.
public indirect enum HiveType: Sendable, Equatable {
    /// `string`, `bigint`, `int`, `boolean`, `timestamp`, ...
    case scalar(String)
    case structure([HiveField])
    case map(HiveType, HiveType)
    case array(HiveType)

    /// How the translator treats a stored JSON column (or a field of a struct over one)
    /// declared with this type.
    var sqlType: SQLType {
        switch self {
        case .scalar(let name):
            switch DeclaredScalar(name) {
            case .integer: return .bigint
            case .floating: return .double
            case .boolean: return .boolean
            default: return .varchar
            }
        case .structure: return .structure
        case .map: return .map
        case .array(let element): return .array(element.sqlType)
        }
    }
}

/// One column or struct field: its name (folded to lower case, as Athena does) and type.
public struct HiveField: Sendable, Equatable {
    public let name: String
    public let type: HiveType
}

/// The user's Athena table for CloudTrail, read from its `CREATE EXTERNAL TABLE` statement: the
/// columns it declares (and their types), its partition columns, `LOCATION` and `TBLPROPERTIES`
/// (`projection.*`, `storage.location.template`). It decides the raw layout's schema and what
/// its partition columns prune: each partition column is mapped to the part of the CloudTrail
/// S3 key it stands for (`timestamp` for `yyyy/MM/dd`, `region`, `year`, `month`, `day`, `account`).
public struct AthenaTableDefinition: Sendable {
    public let tableName: String
    public let columns: [HiveField]
    public let partitionColumns: [HiveField]
    public let location: String?
    /// TBLPROPERTIES, keys as written.
    public let properties: [String: String]
    /// Partition column (folded) → the layout's partition (`DialectSchema.partitionColumns`).
    public let partitionMapping: [String: String]

    /// True when the table uses partition projection.
    public var isProjected: Bool { properties["projection.enabled"]?.lowercased() == "true" }

    /// The layout partitions the table's partition columns stand for.
    public var layoutPartitions: [String] {
        DialectSchema.partitionColumns.filter { Set(partitionMapping.values).contains($0) }
    }

    /// The shape in words, for reports: `unpartitioned (console table)`, `partition projection
    /// on timestamp, region, account`, `manual partitions region, year, month, day`.
    public var shape: String {
        if partitionColumns.isEmpty { return "unpartitioned" }
        let names = partitionColumns.map(\.name).joined(separator: ", ")
        return isProjected ? "partition projection on \(names)" : "manual partitions \(names)"
    }

    /// Whether `sql` names this table, as `name` or `database.name`, quoted or not: the last part
    /// of the table name is one of its identifiers, compared without case. False when `sql` does
    /// not lex (its own run reports why).
    public func isNamed(in sql: String) -> Bool {
        let bare = (tableName.split(separator: ".").last.map(String.init) ?? tableName).lowercased()
        guard let tokens = try? Lexer.tokenize(sql) else { return false }
        return tokens.contains { ($0.kind == .word || $0.kind == .quotedWord) && $0.text.lowercased() == bare }
    }

    /// The declared type of a top-level column, nil when the table does not declare it.
    public func column(_ name: String) -> HiveField? { columns.first { $0.name == name.lowercased() } }

    /// Reads `text` (one `CREATE EXTERNAL TABLE` statement; comments allowed).
    public static func parse(_ text: String) throws(QueryError) -> AthenaTableDefinition {
        var reader = DDLReader(source: text, tokens: try Lexer.tokenize(text))
        return try reader.table()
    }
}

/// Reads a `CREATE EXTERNAL TABLE` statement from tokens.
private struct DDLReader {
    let source: String
    let tokens: [Token]
    var position = 0
    /// How deep the type being read nests (`array<map<string, struct<...>>>`), bounded as the
    /// query parser's nesting is, so no input exhausts the stack.
    var depth = 0

    var current: Token { tokens[position] }
    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func error(_ what: String) -> QueryError {
        let found = current.kind == .end ? "end of input" : "'\(current.text)'"
        return .syntax(
            message: "unexpected \(found) where \(what) was expected",
            at: SourceLocation(offset: current.start, in: source))
    }

    mutating func accept(_ keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func expect(_ keyword: String) throws(QueryError) { if !accept(keyword) { throw error(keyword) } }

    mutating func expect(symbol: String) throws(QueryError) {
        guard current.isSymbol(symbol) else { throw error("'\(symbol)'") }
        advance()
    }

    mutating func name(_ what: String) throws(QueryError) -> String {
        guard current.kind == .word || current.kind == .quotedWord else { throw error(what) }
        let text = current.text
        advance()
        return text
    }

    mutating func string(_ what: String) throws(QueryError) -> String {
        guard current.kind == .string else { throw error(what) }
        let text = current.text
        advance()
        return text
    }

    mutating func table() throws(QueryError) -> AthenaTableDefinition {
        try expect("CREATE")
        _ = accept("EXTERNAL")
        try expect("TABLE")
        if accept("IF") {
            try expect("NOT")
            try expect("EXISTS")
        }
        var tableName = try name("a table name")
        while current.isSymbol(".") {
            advance()
            tableName += "." + (try name("a table name"))
        }
        let columns = try fieldList(checkingTypes: true)
        var partitions: [HiveField] = []
        var location: String?
        var properties: [String: String] = [:]
        while current.kind != .end, !current.isSymbol(";") {
            if accept("PARTITIONED") {
                try expect("BY")
                partitions = try fieldList()
            } else if accept("LOCATION") {
                location = try string("an S3 location")
            } else if accept("TBLPROPERTIES") {
                try expect(symbol: "(")
                repeat {
                    let key = try string("a property name")
                    try expect(symbol: "=")
                    properties[key] = try string("a property value")
                } while current.isSymbol(",")
                    && {
                        advance()
                        return true
                    }()
                try expect(symbol: ")")
            } else if current.isSymbol("(") {
                try skipParenthesized()  // WITH SERDEPROPERTIES (...)
            } else {
                advance()  // COMMENT, ROW FORMAT SERDE, STORED AS ..., and their strings
            }
        }
        let mapping = try Self.mapPartitions(partitions, properties: properties, at: source)
        return AthenaTableDefinition(
            tableName: tableName, columns: columns, partitionColumns: partitions, location: location,
            properties: properties, partitionMapping: mapping)
    }

    mutating func skipParenthesized() throws(QueryError) {
        var depth = 0
        repeat {
            if current.kind == .end { throw error("')'") }
            if current.isSymbol("(") { depth += 1 }
            if current.isSymbol(")") { depth -= 1 }
            advance()
        } while depth > 0
    }

    /// `(name type [COMMENT '...'], ...)`; with `checkingTypes`, each type is one TrailMeter
    /// can honour (`AthenaTableDefinition.checkDeclared`).
    mutating func fieldList(checkingTypes: Bool = false) throws(QueryError) -> [HiveField] {
        try expect(symbol: "(")
        var fields: [HiveField] = []
        repeat {
            let name = try name("a column name").lowercased()
            let typeStart = current.start
            let field = HiveField(name: name, type: try type())
            if checkingTypes { try AthenaTableDefinition.checkDeclared(field, typeAt: typeStart, in: source) }
            fields.append(field)
            if accept("COMMENT") { _ = try string("a comment") }
        } while current.isSymbol(",")
            && {
                advance()
                return true
            }()
        try expect(symbol: ")")
        return fields
    }

    mutating func type() throws(QueryError) -> HiveType {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maxDepth else {
            throw .unsupported(
                construct: "a type nested more than \(Parser.maxDepth) levels deep",
                at: SourceLocation(offset: current.start, in: source))
        }
        let word = try name("a type").lowercased()
        switch word {
        case "struct":
            try expect(symbol: "<")
            var fields: [HiveField] = []
            repeat {
                let field = try name("a struct field").lowercased()
                try expect(symbol: ":")
                fields.append(HiveField(name: field, type: try type()))
            } while current.isSymbol(",")
                && {
                    advance()
                    return true
                }()
            try expect(symbol: ">")
            return .structure(fields)
        case "map":
            try expect(symbol: "<")
            let key = try type()
            try expect(symbol: ",")
            let value = try type()
            try expect(symbol: ">")
            return .map(key, value)
        case "array":
            try expect(symbol: "<")
            let element = try type()
            try expect(symbol: ">")
            return .array(element)
        default:
            if current.isSymbol("(") { try skipParenthesized() }  // decimal(10,2), varchar(65535)
            return .scalar(word)
        }
    }

    /// What part of the S3 key each partition column stands for: a projected `date` column is
    /// the day (`yyyy/MM/dd`); otherwise the segment of `storage.location.template` it fills
    /// (after `AWSLogs` or an organization id, or just before `CloudTrail`: the account; after
    /// `CloudTrail`: the region);
    /// otherwise its name (`region`, `year`, `month`, `day`, `account`, `timestamp` and the
    /// aliases of `DialectSchema.partitionAliases`).
    static func mapPartitions(_ partitions: [HiveField], properties: [String: String], at source: String)
        throws(QueryError) -> [String: String]
    {
        let template = (properties["storage.location.template"] ?? "").split(separator: "/").map(String.init)
        var mapping: [String: String] = [:]
        for partition in partitions {
            let name = partition.name
            if properties["projection.\(name).type"]?.lowercased() == "date" {
                mapping[name] = "timestamp"
                continue
            }
            if let index = template.firstIndex(where: { $0.lowercased() == "${\(name)}" }), index > 0 {
                let before = template[index - 1]
                if before == "CloudTrail" {
                    mapping[name] = "region"
                    continue
                }
                let after = index + 1 < template.count ? template[index + 1] : ""
                if before == "AWSLogs" || before.hasPrefix("o-") || after == "CloudTrail" {
                    // A table over a copy of the logs may drop AWSLogs/ from the key; the account
                    // is still the segment before CloudTrail.
                    mapping[name] = "account"
                    continue
                }
            }
            let byName = DialectSchema.partitionAliases[name] ?? name
            guard DialectSchema.partitionColumns.contains(byName) else {
                throw .invalid(
                    message:
                        "partition column '\(name)': cannot tell which part of the CloudTrail S3 key it stands for (name it timestamp, region, year, month, day or account, or give storage.location.template)",
                    at: SourceLocation(offset: 0, in: source))
            }
            mapping[name] = byName
        }
        return mapping
    }
}

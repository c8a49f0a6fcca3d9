import CloudTrail

/// A constant known at translation time (literals, `now()`, folded time arithmetic).
enum Constant {
    case string(String)
    case number(String)
    case boolean(Bool)
    case null
    case timestamp(Int64)
    case date(Int64)
    /// Milliseconds, or months.
    case interval(Int64, months: Bool)
    /// Sortable hex form (see `IPAddress`).
    case ipaddress(String)

    var sql: String {
        switch self {
        case .string(let value): return SQLText.string(value)
        case .number(let digits): return digits
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .null: return "NULL"
        case .timestamp(let millis): return SQLText.string(TrinoTime.format(millis))
        case .date(let days): return SQLText.string(TrinoTime.formatDate(days: days))
        case .interval: return "NULL"
        case .ipaddress(let hex): return SQLText.string(hex)
        }
    }

    var type: SQLType {
        switch self {
        case .string: return .varchar
        case .number(let digits): return Int64(digits) != nil ? .bigint : .double
        case .boolean: return .boolean
        case .null: return .null
        case .timestamp: return .timestamp
        case .date: return .date
        case .interval(_, let months): return .interval(months: months)
        case .ipaddress: return .ipaddress
        }
    }
}

/// A translated expression: its SQLite text, its Trino type, and what the grouping check and
/// output naming need to know.
struct TExpr {
    var sql: Fragment
    var type: SQLType
    var constant: Constant?
    var isAggregateCall = false
    var containsAggregate = false
    var isColumn = false
    /// The user's spelling, for messages.
    var display = ""
    /// The result column name Trino gives it (a column's last path component).
    var outputName: String?
    var kids: [TExpr] = []
    var at: Int
    /// Key and value types of a map built in the query (`MAP(ARRAY[1], ARRAY['a'])`); nil for a
    /// stored map, whose keys and values are varchar.
    var mapTypes: (key: SQLType, value: SQLType)?
    /// The zone a timestamp constant was written with; printed with it.
    var zone: WrittenZone?

    init(sql: Fragment, type: SQLType, at: Int) {
        self.sql = sql
        self.type = type
        self.at = at
    }

    init(constant: Constant, at: Int) {
        self.init(sql: Fragment(constant.sql, at: at), type: constant.type, at: at)
        self.constant = constant
    }

    /// A node built from `kids`.
    static func node(_ sql: Fragment, _ type: SQLType, at: Int, kids: [TExpr]) -> TExpr {
        var result = TExpr(sql: sql, type: type, at: at)
        result.kids = kids
        result.containsAggregate = kids.contains { $0.containsAggregate }
        return result
    }

    /// Milliseconds of a constant timestamp or date.
    var constantTime: Int64? {
        switch constant {
        case .timestamp(let millis): return millis
        case .date(let days): return days * TrinoTime.millisPerDay
        default: return nil
        }
    }

    var constantString: String? {
        if case .string(let value) = constant { return value }
        return nil
    }
}

extension TranslationContext {
    func emitValue(_ expression: TExpr) -> Fragment { expression.sql }

    /// The statement's own result: booleans print as Trino prints them.
    func presentForOutput(_ expression: TExpr) -> Fragment {
        if let zone = expression.zone, let instant = expression.constantTime {
            return Fragment(SQLText.string(zone.present(instant)), at: expression.at)
        }
        if case .interval(let amount, let months) = expression.constant {
            return Fragment(SQLText.string(TrinoTime.formatInterval(amount, months: months)), at: expression.at)
        }
        switch expression.type {
        case .boolean: return "tm_bool_text(" + expression.sql + ")"
        case .ipaddress: return "tm_ipaddress_text(" + expression.sql + ")"
        default: return expression.sql
        }
    }

    func translateExpression(_ expression: Expr, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        switch expression {
        case .string(let value, let at):
            return TExpr(constant: .string(value), at: at)
        case .number(let digits, let at):
            return TExpr(constant: .number(digits), at: at)
        case .boolean(let value, let at):
            return TExpr(constant: .boolean(value), at: at)
        case .null(let at):
            return TExpr(constant: .null, at: at)
        case .typedLiteral(let type, let value, let at):
            return try typedLiteral(type, value, at: at)
        case .interval(let value, let unit, let negative, let at):
            guard var amount = Int64(value.trimmingSpaces) else {
                throw .unsupported(construct: "interval value '\(value)' (only whole numbers)", at: location(at))
            }
            if negative {
                guard amount != .min else {
                    throw .invalid(message: "interval '-\(value)' is out of range", at: location(at))
                }
                amount = -amount
            }
            switch unit {
            case "year", "years":
                let (months, overflow) = amount.multipliedReportingOverflow(by: 12)
                guard !overflow else {
                    throw .invalid(message: "interval '\(value)' \(unit) is out of range", at: location(at))
                }
                return TExpr(constant: .interval(months, months: true), at: at)
            case "month", "months": return TExpr(constant: .interval(amount, months: true), at: at)
            default:
                guard let parsed = TrinoTime.Unit(trino: unit), let fixed = parsed.fixedMillis, parsed != .week else {
                    throw .invalid(message: "unknown interval unit '\(unit)'", at: location(at))
                }
                let (millis, overflow) = amount.multipliedReportingOverflow(by: fixed)
                guard !overflow else {
                    throw .invalid(message: "interval '\(value)' \(unit) is out of range", at: location(at))
                }
                return TExpr(constant: .interval(millis, months: false), at: at)
            }
        case .name(let parts):
            return try resolveName(parts, scope: scope)
        case .star(_, let at):
            throw .invalid(message: "'*' stands only in a select list or count(*)", at: location(at))
        case .call(let call):
            return try translateCall(call, scope: scope, ctes: ctes)
        case .unary(let op, let operand, let at):
            let value = try translateExpression(operand, scope: scope, ctes: ctes)
            if op == "NOT" {
                guard [.boolean, .unknown, .null].contains(value.type) else {
                    throw .invalid(message: "NOT takes a boolean, not \(value.type.name)", at: location(at))
                }
                return .node(Fragment("(NOT ", at: at) + value.sql + ")", .boolean, at: at, kids: [value])
            }
            try requireNumeric(value, op)
            if value.type == .double {
                return .node(Fragment("(-", at: at) + value.sql + ")", value.type, at: at, kids: [value])
            }
            // Checked: SQLite negates the smallest bigint into a double where Trino fails.
            return .node(Fragment("tm_neg(", at: at) + value.sql + ")", value.type, at: at, kids: [value])
        case .binary(let op, let left, let right, let at):
            let l = try translateExpression(left, scope: scope, ctes: ctes)
            let r = try translateExpression(right, scope: scope, ctes: ctes)
            return try binary(op, l, r, at: at)
        case .between(let value, let low, let high, let negated, let at):
            var v = try translateExpression(value, scope: scope, ctes: ctes)
            var lo = try translateExpression(low, scope: scope, ctes: ctes)
            var hi = try translateExpression(high, scope: scope, ctes: ctes)
            (v, lo) = try coerceForComparison(v, lo, op: "BETWEEN", at: at)
            (v, hi) = try coerceForComparison(v, hi, op: "BETWEEN", at: at)
            // Two plain comparisons, so a layout's xBestIndex sees both bounds on eventtime.
            let body = "(" + v.sql + " >= " + lo.sql + Fragment(" AND ", at: at) + v.sql + " <= " + hi.sql + ")"
            return .node(negated ? "(NOT " + body + ")" : body, .boolean, at: at, kids: [v, lo, hi])
        case .inList(let value, let list, let negated, let at):
            let v = try translateExpression(value, scope: scope, ctes: ctes)
            var items: [TExpr] = []
            for element in list {
                let (_, item) = try coerceForComparison(
                    v, try translateExpression(element, scope: scope, ctes: ctes), op: "IN", at: at)
                items.append(item)
            }
            return .node(
                "(" + v.sql + Fragment(negated ? " NOT IN (" : " IN (", at: at) + Fragment.join(items.map(\.sql), ", ")
                    + "))", .boolean, at: at, kids: [v] + items)
        case .inQuery(let value, let query, let negated, let at):
            let v = try translateExpression(value, scope: scope, ctes: ctes)
            let (inner, columns) = try translateQuery(query, scope: scope, ctes: ctes, top: false, names: nil)
            guard columns.count == 1 else {
                throw .invalid(message: "IN subquery must return one column, not \(columns.count)", at: location(at))
            }
            return .node(
                "(" + v.sql + Fragment(negated ? " NOT IN (" : " IN (", at: at) + inner + "))", .boolean, at: at,
                kids: [v])
        case .exists(let query, let at):
            let (inner, _) = try translateQuery(query, scope: scope, ctes: ctes, top: false, names: nil)
            return TExpr(sql: Fragment("EXISTS (", at: at) + inner + ")", type: .boolean, at: at)
        case .like(let value, let pattern, let escape, let negated, let at):
            return try like(value, pattern, escape, negated: negated, at: at, scope: scope, ctes: ctes)
        case .isNull(let value, let negated, let at):
            let v = try translateExpression(value, scope: scope, ctes: ctes)
            return .node(
                "(" + v.sql + Fragment(negated ? " IS NOT NULL)" : " IS NULL)", at: at), .boolean, at: at, kids: [v])
        case .isDistinct(let left, let right, let negated, let at):
            let (l, r) = try coerceForComparison(
                try translateExpression(left, scope: scope, ctes: ctes),
                try translateExpression(right, scope: scope, ctes: ctes), op: "IS DISTINCT FROM", at: at)
            return .node(
                "(" + l.sql + Fragment(negated ? " IS " : " IS NOT ", at: at) + r.sql + ")", .boolean, at: at,
                kids: [l, r])
        case .caseWhen(let operand, let whens, let otherwise, let at):
            var kids: [TExpr] = []
            var out = Fragment("CASE", at: at)
            var subject: TExpr?
            if let operand {
                let value = try translateExpression(operand, scope: scope, ctes: ctes)
                subject = value
                kids.append(value)
                out.append(" ")
                out.append(value.sql)
            }
            var resultType: SQLType = .null
            for (condition, result) in whens {
                var c = try translateExpression(condition, scope: scope, ctes: ctes)
                if let subject {
                    (_, c) = try coerceForComparison(subject, c, op: "CASE", at: condition.start)
                } else {
                    try requireBooleanCondition(c)
                }
                let r = try translateExpression(result, scope: scope, ctes: ctes)
                if resultType == .null { resultType = r.type }
                kids += [c, r]
                out.append(" WHEN ")
                out.append(c.sql)
                out.append(" THEN ")
                out.append(r.sql)
            }
            if let otherwise {
                let e = try translateExpression(otherwise, scope: scope, ctes: ctes)
                if resultType == .null { resultType = e.type }
                kids.append(e)
                out.append(" ELSE ")
                out.append(e.sql)
            }
            out.append(" END")
            return .node(out, resultType, at: at, kids: kids)
        case .cast(let value, let type, let isTry, let at):
            return try cast(try translateExpression(value, scope: scope, ctes: ctes), to: type, isTry: isTry, at: at)
        case .subscript(let base, let index, let at):
            let b = try translateExpression(base, scope: scope, ctes: ctes)
            let i = try translateExpression(index, scope: scope, ctes: ctes)
            let resultType: SQLType
            switch b.type {
            case .map: resultType = b.mapTypes?.value ?? .varchar
            case .array(let element): resultType = element
            case .unknown, .null: resultType = .unknown
            case .json: throw .invalid(message: "cannot subscript json; use json_extract", at: location(at))
            default:
                throw .invalid(
                    message:
                        "cannot subscript \(b.type.name)\(b.type == .varchar ? " (JSON text here: use json_extract_scalar)" : "")",
                    at: location(at))
            }
            var result = TExpr.node(
                Fragment("tm_subscript(", at: at) + b.sql + ", " + i.sql + ")", resultType, at: at, kids: [b, i])
            result.outputName = nil
            return result
        case .field(let base, let field):
            return try fieldAccess(try translateExpression(base, scope: scope, ctes: ctes), field)
        case .subquery(let query, let at):
            let (inner, columns) = try translateQuery(query, scope: scope, ctes: ctes, top: false, names: nil)
            guard columns.count == 1 else {
                throw .invalid(
                    message: "a scalar subquery must return one column, not \(columns.count)", at: location(at))
            }
            return TExpr(sql: Fragment("(", at: at) + inner + ")", type: columns[0].type, at: at)
        case .array(let elements, let at):
            var items: [TExpr] = []
            for element in elements { items.append(try translateExpression(element, scope: scope, ctes: ctes)) }
            let elementType = items.first?.type ?? .unknown
            let parts = items.map { item -> Fragment in
                switch item.type {
                case .boolean: return "json(tm_bool_text(" + item.sql + "))"
                case .array, .map, .structure, .json: return "json(" + item.sql + ")"
                default: return item.sql
                }
            }
            return .node(
                Fragment("json_array(", at: at) + Fragment.join(parts, ", ") + ")", .array(elementType), at: at,
                kids: items)
        case .niladic(let name, let at):
            switch name {
            case "current_timestamp", "localtimestamp": return TExpr(constant: .timestamp(now), at: at)
            case "current_date": return TExpr(constant: .date(TrinoTime.floorDiv(now, TrinoTime.millisPerDay)), at: at)
            default: throw .unsupported(construct: name, at: location(at))
            }
        case .extract(let field, let value, let at):
            let v = try translateExpression(value, scope: scope, ctes: ctes)
            return try timeField(field, v, at: at, function: "extract")
        case .parenthesized(let inner):
            var value = try translateExpression(inner, scope: scope, ctes: ctes)
            // A lone column or constant needs no parentheses; leaving them off lets `DISTINCT(x)`
            // and `x` compare equal (array_agg ordering, GROUP BY matching).
            if value.constant == nil, !(value.isColumn && value.kids.isEmpty) { value.sql = "(" + value.sql + ")" }
            return value
        case .unsupported(let construct, let at):
            throw .unsupported(construct: construct, at: location(at))
        case .lambda(_, _, let at):
            throw .invalid(
                message: "a lambda expression stands only as an argument of a function that takes one",
                at: location(at))
        case .quantified(let op, let value, let quantifier, let query, let at):
            return try quantifiedComparison(op, value, quantifier, query, at: at, scope: scope, ctes: ctes)
        case .jsonConstructor(let object, let arguments, let absentOnNull, let at):
            return try jsonConstructor(
                object: object, arguments, absentOnNull: absentOnNull, at: at, scope: scope, ctes: ctes)
        }
    }

    private func typedLiteral(_ type: String, _ value: String, at: Int) throws(QueryError) -> TExpr {
        switch type {
        case "timestamp":
            if let (_, zone) = WrittenZone.split(value) {
                if case .named(let name) = zone {
                    throw .unsupported(
                        construct: "timestamp in the time zone \(name) (only UTC and offsets)", at: location(at))
                }
                guard let (instant, written) = WrittenZone.parse(value) else {
                    throw .invalid(message: "'\(value)' is not a valid timestamp literal", at: location(at))
                }
                var result = TExpr(constant: .timestamp(instant), at: at)
                result.zone = written
                return result
            }
            guard let millis = TrinoTime.parseTimestamp(value) else {
                throw .invalid(message: "'\(value)' is not a valid timestamp literal", at: location(at))
            }
            return TExpr(constant: .timestamp(millis), at: at)
        case "date":
            guard let days = TrinoTime.parseDate(value) else {
                throw .invalid(message: "'\(value)' is not a valid date literal", at: location(at))
            }
            return TExpr(constant: .date(days), at: at)
        case "ipaddress":
            guard let hex = IPAddress.sortable(value) else {
                throw .invalid(message: "'\(value)' is not a valid IP address", at: location(at))
            }
            return TExpr(constant: .ipaddress(hex), at: at)
        case "json":
            var bytes = Array(value.utf8)
            let canonical = bytes.withUnsafeMutableBytes { buffer -> [UInt8]? in
                let scan = JSONScan(bytes: UnsafeRawBufferPointer(buffer))
                return scan.root().map { scan.canonical($0) }
            }
            guard let canonical else {
                throw .invalid(message: "'\(value)' is not a valid JSON literal", at: location(at))
            }
            var literal = TExpr(constant: .string(String(decoding: canonical, as: UTF8.self)), at: at)
            literal.type = .json
            return literal
        case "decimal", "double", "real":
            guard Double(value.trimmingSpaces) != nil else {
                throw .invalid(message: "'\(value)' is not a number", at: location(at))
            }
            return TExpr(
                constant: .number(
                    value.trimmingSpaces.contains(".") ? value.trimmingSpaces : value.trimmingSpaces + ".0"), at: at)
        case "bigint", "integer":
            guard Int64(value.trimmingSpaces) != nil else {
                throw .invalid(message: "'\(value)' is not an integer", at: location(at))
            }
            return TExpr(constant: .number(value.trimmingSpaces), at: at)
        case "varchar", "char":
            return TExpr(constant: .string(value), at: at)
        default:
            throw .unsupported(construct: "\(type.uppercased()) literal", at: location(at))
        }
    }

    // MARK: Names

    /// Resolves a dotted name against the sources in scope, innermost first: a qualified column
    /// (`t.useridentity.arn`), a column or struct path (`useridentity.sessioncontext.sessionissuer.arn`),
    /// a derived table's column, an UNNEST alias (`r.arn`).
    func resolveName(_ parts: [Identifier], scope: Scope) throws(QueryError) -> TExpr {
        let folded = parts.map(\.folded)
        var current: Scope? = scope
        var sawEvents = false
        while let level = current {
            var matches: [TExpr] = []
            for source in level.sources {
                if case .events = source.kind { sawEvents = true }
                for qualifier in source.qualifiers
                where qualifier.count < folded.count && Array(folded.prefix(qualifier.count)) == qualifier {
                    if let found = try resolve(Array(parts.dropFirst(qualifier.count)), in: source) {
                        matches.append(found)
                        break
                    }
                }
            }
            if matches.isEmpty {
                for source in level.sources {
                    if let found = try resolve(parts, in: source) { matches.append(found) }
                }
            }
            if matches.count > 1 {
                throw .invalid(
                    message: "column '\(parts.map(\.text).joined(separator: "."))' is ambiguous",
                    at: location(parts[0].start))
            }
            if let found = matches.first { return found }
            current = level.parent
        }
        let name = parts.map(\.text).joined(separator: ".")
        if sawEvents {
            if folded[0] == "eventdata" {
                throw .unsupported(
                    construct: "column \(parts[0].text) (AWS Config configuration-item event data store)",
                    at: location(parts[0].start))
            }
            if let stored = folded.last, DialectSchema.notStored.contains(stored) {
                throw .unsupported(
                    construct: "column \(parts.last!.text) (not stored by TrailMeter)", at: location(parts.last!.start))
            }
        }
        throw .unknownColumn(name: name, at: location(parts[0].start))
    }

    func resolve(_ parts: [Identifier], in source: Source) throws(QueryError) -> TExpr? {
        guard !parts.isEmpty else { return nil }
        let folded = parts.map(\.folded)
        let ref = SQLText.identifier(source.alias)
        switch source.kind {
        case .events:
            if dialect == .athena, parts.count == 1, let name = athenaPartition(folded[0]) {
                return column("\(ref).\(SQLText.identifier(name))", .varchar, parts)
            }
            for length in stride(from: folded.count, through: 1, by: -1) {
                let path = folded[0..<length].joined(separator: ".")
                if let index = EventSchema.indexByName[path] {
                    guard let type = columnType(EventSchema.columns[index]) else { return nil }
                    try checkDeclaredPath(parts[0..<length])
                    let result = column("\(ref).\(SQLText.identifier(path))", type, Array(parts[0..<length]))
                    return try accessFields(result, parts[length...], column: parts[0..<length])
                }
                if length == folded.count, DialectSchema.structPrefixes.contains(path) {
                    try checkDeclaredPath(parts[...])
                    var result = column(structObject(path, ref: ref), .structure, parts)
                    result.isColumn = true
                    return result
                }
            }
            return nil
        case .derived(let columns):
            for length in stride(from: folded.count, through: 1, by: -1) {
                let path = folded[0..<length].joined(separator: ".")
                if let match = columns.first(where: { $0.name == path }) {
                    var result = column(
                        "\(ref).\(SQLText.identifier(match.display))", match.type, Array(parts[0..<length]))
                    var walked = path
                    for field in parts[length...] {
                        result = try fieldAccess(result, field)
                        // A struct of the events table passed through (`SELECT *` in a subquery)
                        // keeps its fields' types, nested structs included.
                        walked += "." + field.folded
                        if match.type == .structure, let type = eventFieldType(walked) { result.type = type }
                    }
                    return result
                }
            }
            return nil
        case .unnest(let columns):
            guard let match = columns.first(where: { $0.0 == folded[0] }) else { return nil }
            var result = column(match.1, match.2, [parts[0]])
            for field in parts.dropFirst() { result = try fieldAccess(result, field) }
            return result
        }
    }

    /// The column `parts` name; its display is those parts alone, so that a field read after it
    /// (`requestParameters.bucketName`) is named in errors apart from the column it reads.
    /// The type of the events table's field at `path` (`useridentity.sessioncontext`), nil when
    /// the table has no such field.
    private func eventFieldType(_ path: String) -> SQLType? {
        if let index = EventSchema.indexByName[path] { return columnType(EventSchema.columns[index]) }
        return DialectSchema.structPrefixes.contains(path) ? .structure : nil
    }

    private func column(_ sql: String, _ type: SQLType, _ parts: [Identifier]) -> TExpr {
        var result = TExpr(sql: Fragment(sql, at: parts[0].start), type: type, at: parts[0].start)
        result.isColumn = true
        result.display = parts.map(\.text).joined(separator: ".")
        result.outputName = parts.last?.text
        return result
    }

    /// A struct prefix (`useridentity.sessioncontext`) rebuilt as a JSON object of its stored
    /// fields (those the user's Athena table declares, when it declares the struct).
    private func structObject(_ prefix: String, ref: String) -> String {
        var children: [String] = []
        var seen: Set<String> = []
        let declared = declaredFieldNames(prefix)
        for column in EventSchema.columns where column.name.hasPrefix(prefix + ".") {
            guard let type = DialectSchema.type(of: column, in: dialect) else { continue }
            let rest = column.name.dropFirst(prefix.count + 1)
            let child = String(rest.split(separator: ".")[0])
            if let declared, !declared.contains(child) { continue }
            guard seen.insert(child).inserted else { continue }
            let childPath = prefix + "." + child
            if childPath == column.name {
                let value = "\(ref).\(SQLText.identifier(column.name))"
                switch type {
                case .map, .structure, .array: children.append("\(SQLText.string(child)), json(\(value))")
                case .boolean: children.append("\(SQLText.string(child)), json(tm_bool_text(\(value)))")
                default: children.append("\(SQLText.string(child)), \(value)")
                }
            } else {
                children.append("\(SQLText.string(child)), json(\(structObject(childPath, ref: ref)))")
            }
        }
        return "json_object(" + children.joined(separator: ", ") + ")"
    }

    func fieldAccess(_ base: TExpr, _ field: Identifier) throws(QueryError) -> TExpr {
        let resultType: SQLType
        switch base.type {
        case .structure: resultType = .varchar
        case .unknown, .null: resultType = .unknown
        case .map:
            throw .invalid(
                message:
                    "'\(base.display)' is a map: use element_at(\(base.display), '\(field.text)') or \(base.display)['\(field.text)']",
                at: location(field.start))
        case .varchar where base.isColumn:
            throw .invalid(
                message:
                    "'\(base.display)' is varchar (JSON text) in this dialect: use json_extract_scalar(\(base.display), '$.\(field.text)')",
                at: location(field.start))
        default:
            throw .invalid(
                message: "cannot dereference field '\(field.text)' of \(base.type.name)", at: location(field.start))
        }
        var result = TExpr.node(
            "tm_field(" + base.sql + ", " + Fragment(SQLText.string(field.folded), at: field.start) + ")", resultType,
            at: base.at, kids: [base])
        result.outputName = field.text
        result.isColumn = base.isColumn
        result.display = base.display.isEmpty ? field.text : base.display + "." + field.text
        if base.isColumn { result.kids = [] }
        return result
    }

    // MARK: Operators

    private func requireNumeric(_ value: TExpr, _ op: String) throws(QueryError) {
        switch value.type {
        case .bigint, .double, .unknown, .null: return
        default: throw .invalid(message: "cannot apply operator \(op) to \(value.type.name)", at: location(value.at))
        }
    }

    private func requireBooleanCondition(_ value: TExpr) throws(QueryError) {
        switch value.type {
        case .boolean, .unknown, .null: return
        default:
            throw .invalid(message: "WHEN condition must be boolean, not \(value.type.name)", at: location(value.at))
        }
    }

    private func binary(_ op: String, _ l: TExpr, _ r: TExpr, at: Int) throws(QueryError) -> TExpr {
        switch op {
        case "AND", "OR":
            for side in [l, r] where ![.boolean, .unknown, .null].contains(side.type) {
                throw .invalid(message: "\(op) takes booleans, not \(side.type.name)", at: location(side.at))
            }
            return .node("(" + l.sql + Fragment(" \(op) ", at: at) + r.sql + ")", .boolean, at: at, kids: [l, r])
        case "=", "<>", "<", "<=", ">", ">=":
            let (a, b) = try coerceForComparison(l, r, op: op, at: at)
            return .node("(" + a.sql + Fragment(" \(op) ", at: at) + b.sql + ")", .boolean, at: at, kids: [a, b])
        case "||":
            for side in [l, r] {
                if case .array = side.type { return try arrayConcatenation([l, r], at: at) }
            }
            return .node("(" + l.sql + Fragment(" || ", at: at) + r.sql + ")", .varchar, at: at, kids: [l, r])
        case "+", "-":
            if case .interval(let amount, let months) = l.constant,
                case .interval(let other, let otherMonths) = r.constant
            {
                guard months == otherMonths else {
                    throw .invalid(
                        message: "cannot apply operator \(op) to \(l.type.name) and \(r.type.name)", at: location(at))
                }
                let (sum, overflow) =
                    op == "+" ? amount.addingReportingOverflow(other) : amount.subtractingReportingOverflow(other)
                guard !overflow else {
                    throw .invalid(message: "interval arithmetic: result out of range", at: location(at))
                }
                return TExpr(constant: .interval(sum, months: months), at: l.at)
            }
            if case .interval(let months) = r.type, case .interval(let amount, _) = r.constant {
                guard op == "+" || amount != .min else {
                    throw .invalid(message: TrinoTime.outOfRange("interval arithmetic"), at: location(at))
                }
                return try shiftTime(l, by: op == "+" ? amount : -amount, months: months, at: at)
            }
            if op == "+", case .interval(let months) = l.type, case .interval(let amount, _) = l.constant {
                return try shiftTime(r, by: amount, months: months, at: at)
            }
            if [SQLType.timestamp, .date].contains(l.type), [SQLType.timestamp, .date].contains(r.type) {
                throw .unsupported(construct: "subtracting timestamps (use date_diff)", at: location(at))
            }
            try requireNumeric(l, op)
            try requireNumeric(r, op)
            return arithmetic(op, l, r, at: at)
        case "*":
            try requireNumeric(l, op)
            try requireNumeric(r, op)
            return arithmetic(op, l, r, at: at)
        case "/", "%":
            try requireNumeric(l, op)
            try requireNumeric(r, op)
            if case .number(let digits) = r.constant, let value = Double(digits), value != 0 {
                // SQLite already truncates integer division toward zero, as Trino does.
                return .node(
                    "(" + l.sql + Fragment(" \(op) ", at: at) + r.sql + ")", numericResult(l, r), at: at, kids: [l, r])
            }
            // SQLite answers NULL for a zero divisor; Trino fails.
            let function = op == "/" ? "tm_div(" : "tm_mod("
            return .node(
                Fragment(function, at: at) + l.sql + ", " + r.sql + ")", numericResult(l, r), at: at, kids: [l, r])
        default:
            throw .unsupported(construct: "operator \(op)", at: location(at))
        }
    }

    /// `+`, `-`, `*`: SQLite's own operator when a double is involved (no overflow to check),
    /// else the checked `tm_` function, since SQLite turns a bigint overflow into a double.
    private func arithmetic(_ op: String, _ l: TExpr, _ r: TExpr, at: Int) -> TExpr {
        let type = numericResult(l, r)
        if type == .double {
            return .node("(" + l.sql + Fragment(" \(op) ", at: at) + r.sql + ")", type, at: at, kids: [l, r])
        }
        let function = op == "+" ? "tm_add(" : op == "-" ? "tm_sub(" : "tm_mul("
        return .node(Fragment(function, at: at) + l.sql + ", " + r.sql + ")", type, at: at, kids: [l, r])
    }

    private func numericResult(_ l: TExpr, _ r: TExpr) -> SQLType {
        if l.type == .double || r.type == .double { return .double }
        if l.type == .bigint && r.type == .bigint { return .bigint }
        if l.type == .bigint, r.type == .null { return .bigint }
        if r.type == .bigint, l.type == .null { return .bigint }
        return .unknown
    }

    /// `ts ± interval`: folded when both are constant, so `eventtime > now() - interval '1' day`
    /// stays a column-against-constant comparison a layout can prune by.
    private func shiftTime(_ base: TExpr, by amount: Int64, months: Bool, at: Int) throws(QueryError) -> TExpr {
        guard [SQLType.timestamp, .date, .unknown].contains(base.type) else {
            throw .invalid(message: "cannot add an interval to \(base.type.name)", at: location(at))
        }
        let resultType: SQLType =
            base.type == .date && (months || amount % TrinoTime.millisPerDay == 0)
            ? .date : (base.type == .unknown ? .unknown : .timestamp)
        if let millis = base.constantTime {
            let offset = base.zone?.offsetMillis ?? 0
            guard let local = TrinoTime.add(months ? .month : .millisecond, amount, to: millis + offset) else {
                throw .invalid(message: TrinoTime.outOfRange("interval arithmetic"), at: location(at))
            }
            let shifted = local - offset
            if resultType == .date {
                return TExpr(constant: .date(TrinoTime.floorDiv(shifted, TrinoTime.millisPerDay)), at: base.at)
            }
            var result = TExpr(constant: .timestamp(shifted), at: base.at)
            result.zone = base.zone.map { WrittenZone(name: $0.name, offsetMillis: $0.offsetMillis) }
            return result
        }
        let unit = months ? "month" : (resultType == .date ? "day" : "millisecond")
        let value = resultType == .date && !months ? amount / TrinoTime.millisPerDay : amount
        return .node(
            Fragment("tm_date_add(", at: at) + "'\(unit)', \(value), " + base.sql + ")", resultType, at: at,
            kids: [base])
    }

    /// Brings a constant to the other side's type the way Trino coerces it (`eventTime >=
    /// '2022-01-22 00:00:30'` compares a timestamp), and refuses comparisons Trino refuses.
    func coerceForComparison(_ l: TExpr, _ r: TExpr, op: String, at: Int) throws(QueryError) -> (TExpr, TExpr) {
        var a = l
        var b = r
        if let converted = try coerceConstant(b, toward: a) {
            b = converted
        } else if let converted = try coerceConstant(a, toward: b) {
            a = converted
        }
        if a.type == .date, b.type == .timestamp, a.constant == nil {
            a = .node("(" + a.sql + " || ' 00:00:00.000')", .timestamp, at: a.at, kids: [a])
        }
        if b.type == .date, a.type == .timestamp, b.constant == nil {
            b = .node("(" + b.sql + " || ' 00:00:00.000')", .timestamp, at: b.at, kids: [b])
        }
        if !comparable(a.type, b.type) {
            throw .invalid(
                message: "cannot apply operator \(op) to \(a.type.name) and \(b.type.name)", at: location(at))
        }
        return (a, b)
    }

    private func coerceConstant(_ value: TExpr, toward other: TExpr) throws(QueryError) -> TExpr? {
        guard let constant = value.constant else { return nil }
        switch (constant, other.type) {
        case (.string(let text), .timestamp):
            guard let millis = TrinoTime.parseTimestamp(text) else {
                throw .invalid(message: "cannot cast '\(text)' to timestamp", at: location(value.at))
            }
            return TExpr(constant: .timestamp(millis), at: value.at)
        case (.string(let text), .date):
            guard let millis = TrinoTime.parseTimestamp(text) else {
                throw .invalid(message: "cannot cast '\(text)' to date", at: location(value.at))
            }
            return TExpr(constant: .date(TrinoTime.floorDiv(millis, TrinoTime.millisPerDay)), at: value.at)
        case (.date(let days), .timestamp):
            return TExpr(constant: .timestamp(days * TrinoTime.millisPerDay), at: value.at)
        case (.string(let text), .boolean):
            switch text.lowercased() {
            case "true": return TExpr(constant: .boolean(true), at: value.at)
            case "false": return TExpr(constant: .boolean(false), at: value.at)
            default: throw .invalid(message: "cannot cast '\(text)' to boolean", at: location(value.at))
            }
        case (.boolean(let flag), .varchar) where other.constant == nil:
            // CloudTrail logs some flags as strings ("sessionCredentialFromConsole": "true");
            // published Lake samples compare them with TRUE.
            return TExpr(constant: .string(flag ? "true" : "false"), at: value.at)
        case (.string(let text), .ipaddress):
            guard let hex = IPAddress.sortable(text) else {
                throw .invalid(message: "cannot cast '\(text)' to ipaddress", at: location(value.at))
            }
            return TExpr(constant: .ipaddress(hex), at: value.at)
        default:
            return nil
        }
    }

    private func comparable(_ a: SQLType, _ b: SQLType) -> Bool {
        if a == b { return true }
        let loose: [SQLType] = [.unknown, .null]
        if loose.contains(a) || loose.contains(b) { return true }
        if a.isNumeric && b.isNumeric { return true }
        let texts: [SQLType] = [.varchar, .json]
        if texts.contains(a) && texts.contains(b) { return true }
        if case .array = a, case .array = b { return true }
        return false
    }

    private func like(_ value: Expr, _ pattern: Expr, _ escape: Expr?, negated: Bool, at: Int, scope: Scope, ctes: CTEs)
        throws(QueryError) -> TExpr
    {
        let v = try translateExpression(value, scope: scope, ctes: ctes)
        guard [.varchar, .json, .unknown, .null].contains(v.type) else {
            throw .invalid(message: "LIKE takes varchar, not \(v.type.name)", at: location(value.start))
        }
        let p = try translateExpression(pattern, scope: scope, ctes: ctes)
        let e = try escape.map { expression throws(QueryError) in
            try translateExpression(expression, scope: scope, ctes: ctes)
        }
        if let text = p.constantString, e == nil || e?.constantString != nil {
            // Trino's LIKE is case-sensitive, SQLite's is not; GLOB is, so a constant pattern
            // becomes a GLOB pattern (native speed).
            let escapeCharacter = e?.constantString.flatMap { $0.count == 1 ? $0.first : nil }
            if let e, escapeCharacter == nil {
                throw .invalid(message: "ESCAPE takes a single character", at: location(e.at))
            }
            let glob = Fragment(SQLText.string(likeToGlob(text, escape: escapeCharacter)), at: p.at)
            return .node(
                "(" + v.sql + Fragment(negated ? " NOT GLOB " : " GLOB ", at: at) + glob + ")", .boolean, at: at,
                kids: [v])
        }
        var call = Fragment("tm_like(", at: at) + v.sql + ", " + p.sql
        if let e {
            call.append(", ")
            call.append(e.sql)
        }
        call.append(")")
        return .node(negated ? "(NOT " + call + ")" : call, .boolean, at: at, kids: [v, p])
    }

    func likeToGlob(_ pattern: String, escape: Character?) -> String {
        var out = ""
        var escaped = false
        for character in pattern {
            if escaped {
                escaped = false
                out += globLiteral(character)
                continue
            }
            if let escape, character == escape {
                escaped = true
                continue
            }
            switch character {
            case "%": out += "*"
            case "_": out += "?"
            default: out += globLiteral(character)
            }
        }
        return out
    }

    private func globLiteral(_ character: Character) -> String {
        switch character {
        case "*": return "[*]"
        case "?": return "[?]"
        case "[": return "[[]"
        default: return String(character)
        }
    }
}

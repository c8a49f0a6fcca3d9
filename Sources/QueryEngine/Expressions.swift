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
        // Held as its amount (milliseconds, or months), so intervals compare and order as numbers.
        case .interval(let amount, _): return String(amount)
        case .ipaddress(let hex): return SQLText.string(hex)
        }
    }

    var type: SQLType {
        switch self {
        case .string: return .varchar
        case .number(let digits):
            if Int64(digits) != nil { return .bigint }
            // Trino reads `100.0` as DECIMAL(4,1) and `1e2` as DOUBLE.
            if let point = digits.firstIndex(of: "."), !digits.contains(where: { $0 == "e" || $0 == "E" }) {
                return .decimal(scale: digits.distance(from: point, to: digits.endIndex) - 1)
            }
            return .double
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
    /// The zone a timestamp prints in, as Trino's `timestamp(3) with time zone` does: the one a
    /// constant was written with, or UTC (Athena's session zone) for the values of functions that
    /// return that type (`from_iso8601_timestamp`, `from_unixtime`, `now()`) and of what is
    /// computed from them. nil for a plain timestamp (CloudTrail Lake's `eventTime`).
    var zone: WrittenZone?
    /// The events table's struct a `structure` value is (`useridentity.sessioncontext`), so that
    /// its fields keep their types when it is read through a subquery under another name.
    var structPath: String?
    /// The zone the timestamps of an array print in (`array_agg(from_iso8601_timestamp(...))`),
    /// read only where the array is printed.
    var elementZone: WrittenZone?

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
    /// A node built from `kids`. A timestamp computed from a zoned one keeps its zone, as
    /// `date_trunc`, `date_add`, `min` or `coalesce` of a `timestamp with time zone` do in Trino.
    static func node(_ sql: Fragment, _ type: SQLType, at: Int, kids: [TExpr]) -> TExpr {
        var result = TExpr(sql: sql, type: type, at: at)
        result.kids = kids
        result.containsAggregate = kids.contains { $0.containsAggregate }
        if type == .timestamp, let zone = kids.first(where: { $0.type == .timestamp && $0.zone != nil })?.zone {
            result.zone = zone.withoutFraction
        }
        return result
    }

    /// This expression as a `timestamp with time zone` in UTC, unless it already has a zone.
    func inUTC() -> TExpr {
        guard zone == nil else { return self }
        var result = self
        result.zone = WrittenZone(name: "UTC", offsetMillis: 0)
        return result
    }

    /// This expression without its zone: a plain timestamp.
    func withoutZone() -> TExpr {
        var result = self
        result.zone = nil
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
        if expression.type == .timestamp, expression.zone != nil { return zonedText(expression) }
        if case .interval(let amount, let months) = expression.constant {
            return Fragment(SQLText.string(TrinoTime.formatInterval(amount, months: months)), at: expression.at)
        }
        if case .interval(let months) = expression.type {
            return "tm_interval_text(" + expression.sql + Fragment(months ? ", 1)" : ", 0)", at: expression.at)
        }
        switch expression.type {
        case .decimal(let scale): return "tm_decimal_text(" + expression.sql + ", \(scale))"
        // Arrays print as Trino prints them (`[a, b]`, doubles and decimals by their type); an
        // array of JSON values keeps their text.
        case .array(.json):
            return "tm_trino_json_items_text(" + expression.sql + ")"
        case .map where dialect == .athena && expression.mapTypes?.value == .json:
            return "tm_trino_json_items_text(" + expression.sql + ")"
        case .array(let element) where element != .unknown:
            switch element.leafElement {
            case .timestamp:
                guard let zone = expression.elementZone, zone.isLocalText || zone.offsetMillis == 0 else {
                    return "tm_trino_text(" + expression.sql + ")"
                }
                return "tm_trino_zoned_array_text(" + expression.sql + ", "
                    + Fragment(SQLText.string(" " + zone.name), at: expression.at) + ")"
            case .double: return "tm_trino_array_text(" + expression.sql + ", -1)"
            case .decimal(let scale): return "tm_trino_array_text(" + expression.sql + ", \(scale))"
            default: return "tm_trino_text(" + expression.sql + ")"
            }
        // Athena and Lake print a struct `{type=IAMUser, principalid=..., sessioncontext=null}`;
        // Athena a map `{k=v}`. What Lake prints for its maps (`requestParameters`, whose values
        // may be objects) is not documented, so Lake keeps their JSON text.
        case .structure:
            return "tm_trino_text(" + expression.sql + ")"
        case .map where dialect == .athena:
            return "tm_trino_text(" + expression.sql + ")"
        case .boolean: return "tm_bool_text(" + expression.sql + ")"
        case .ipaddress: return "tm_ipaddress_text(" + expression.sql + ")"
        case .varbinary: return "tm_varbinary_text(" + expression.sql + ")"
        default: return expression.sql
        }
    }

    /// A non-constant zoned timestamp as Trino prints it: the local time in its zone, then the
    /// zone (`2022-01-22 05:00:00.000 UTC`); NULL stays NULL.
    func zonedText(_ expression: TExpr) -> Fragment {
        guard let zone = expression.zone else { return expression.sql }
        let local =
            zone.isLocalText || zone.offsetMillis == 0
            ? expression.sql : "tm_date_add('millisecond', \(zone.offsetMillis), " + expression.sql + ")"
        return "(" + local + " || " + Fragment(SQLText.string(" " + zone.name), at: expression.at) + ")"
    }

    func translateExpression(_ expression: Expr, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let translated = try translateExpressionNode(expression, scope: scope, ctes: ctes)
        guard let grouping = scope.grouping, aggregateArgumentDepth == 0 else { return translated }
        return grouping.asGrouped(translated)
    }

    private func translateExpressionNode(_ expression: Expr, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
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
                if let name = PlaceholderBinder.name(of: value, quoted: true) {
                    throw .invalid(
                        message: "template placeholder '\(value)' has no value: give it one with --param \(name)=VALUE",
                        at: location(at))
                }
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
            if value.type == .double || value.type.exactScale ?? 0 > 0 {
                return .node(Fragment("(-", at: at) + value.sql + ")", value.type, at: at, kids: [value])
            }
            // Checked: SQLite negates the smallest bigint into a double where Trino fails.
            return .node(Fragment("tm_neg(", at: at) + value.sql + ")", value.type, at: at, kids: [value])
        case .binary(let op, let left, let right, let at):
            if let fields = try rowComparison(expression) {
                return try translateExpression(fields, scope: scope, ctes: ctes)
            }
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
            if let fields = try rowComparison(expression) {
                return try translateExpression(fields, scope: scope, ctes: ctes)
            }
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
            let (inner, columns) = try translateSubqueryExpression(query, scope: scope, ctes: ctes)
            guard columns.count == 1 else {
                throw .invalid(message: "IN subquery must return one column, not \(columns.count)", at: location(at))
            }
            // Trino skips files by a `$path` domain known when it plans, never by a subquery's
            // answer: the unary `+` keeps SQLite from handing the list to the layout.
            let fileBound = v.isColumn && v.sql.text.hasSuffix(".\"$path\"")
            return .node(
                (fileBound ? "(+" : "(") + v.sql + Fragment(negated ? " NOT IN (" : " IN (", at: at) + inner + "))",
                .boolean, at: at, kids: [v])
        case .exists(let query, let at):
            let (inner, _) = try translateSubqueryExpression(query, scope: scope, ctes: ctes)
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
            if let parsed = try parsedAsWritten(value, castTo: type, scope: scope, ctes: ctes) {
                return try cast(parsed, to: type, isTry: isTry, at: at)
            }
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
            let function = resultType == .json ? "tm_subscript_json(" : "tm_subscript("
            var result = TExpr.node(
                Fragment(function, at: at) + b.sql + ", " + i.sql + ")", resultType, at: at, kids: [b, i])
            result.outputName = nil
            return result
        case .field(let base, let field):
            return try fieldAccess(try translateExpression(base, scope: scope, ctes: ctes), field)
        case .subquery(let query, let at):
            let (inner, columns) = try translateSubqueryExpression(query, scope: scope, ctes: ctes)
            guard columns.count == 1 else {
                throw .invalid(
                    message: "a scalar subquery must return one column, not \(columns.count)", at: location(at))
            }
            return TExpr(sql: Fragment("(", at: at) + inner + ")", type: columns[0].type, at: at)
        case .array(let elements, let at):
            var items: [TExpr] = []
            for element in elements { items.append(try translateExpression(element, scope: scope, ctes: ctes)) }
            if let binary = items.first(where: { $0.type == .varbinary }) {
                throw .unsupported(construct: "array of varbinary", at: location(binary.at))
            }
            var elementType = items.first?.type ?? .unknown
            // Exact numbers of several scales (`ARRAY[1.5, 2.25]`) share the largest.
            let scales = items.compactMap(\.type.exactScale)
            if scales.count == items.count, let largest = scales.max(), largest > 0 {
                elementType = .decimal(scale: largest)
            }
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
            case "current_timestamp": return TExpr(constant: .timestamp(now), at: at).inUTC()
            case "localtimestamp": return TExpr(constant: .timestamp(now), at: at)
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
            guard let parsed = JacksonJSON.normalized(value, keys: .sorted) else {
                throw .invalid(message: "'\(value)' is not a valid JSON literal", at: location(at))
            }
            var literal = TExpr(constant: .string(parsed), at: at)
            literal.type = .json
            return literal
        case "decimal":
            let digits = value.trimmingSpaces
            guard Double(digits) != nil, !digits.contains(where: { $0 == "e" || $0 == "E" }) else {
                throw .invalid(message: "'\(value)' is not a decimal", at: location(at))
            }
            var literal = TExpr(constant: .number(digits.hasPrefix(".") ? "0" + digits : digits), at: at)
            literal.type = .decimal(
                scale: digits.firstIndex(of: ".").map { digits.distance(from: $0, to: digits.endIndex) - 1 } ?? 0)
            return literal
        case "double", "real":
            guard Double(value.trimmingSpaces) != nil else {
                throw .invalid(message: "'\(value)' is not a number", at: location(at))
            }
            var literal = TExpr(
                constant: .number(
                    value.trimmingSpaces.contains(".") ? value.trimmingSpaces : value.trimmingSpaces + ".0"), at: at)
            literal.type = .double
            return literal
        case "bigint", "integer":
            guard Int64(value.trimmingSpaces) != nil else {
                throw .invalid(message: "'\(value)' is not an integer", at: location(at))
            }
            return TExpr(constant: .number(value.trimmingSpaces), at: at)
        case "varchar", "char":
            return TExpr(constant: .string(value), at: at)
        case "x":
            // Trino's binary literal, X'65 68 3F': hex digits, whitespace ignored.
            let digits = value.filter { !$0.isWhitespace }
            guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else {
                throw .invalid(message: "binary literal can only contain hexadecimal digits", at: location(at))
            }
            return TExpr(sql: Fragment("X'\(digits)'", at: at), type: .varbinary, at: at)
        default:
            throw .unsupported(construct: "\(type.uppercased()) literal", at: location(at))
        }
    }
}

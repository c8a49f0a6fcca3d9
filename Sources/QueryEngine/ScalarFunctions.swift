import CloudTrail

/// Trino scalar functions that translate to one `tm_` call or one SQLite expression (see
/// `SQLFunctionsScalar.swift`, `SQLFunctionsArrays.swift`), and the few folded at translation
/// time (`typeof`, `parse_duration`, `from_unixtime_nanos`).
extension TranslationContext {
    /// The translation of a call to one of these functions, else nil.
    func translateScalarCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func arity(_ allowed: ClosedRange<Int>) throws(QueryError) { try self.arity(call, args, allowed) }
        func tm(_ function: String, _ type: SQLType, prefix: [String] = []) -> TExpr {
            callN(function, args, type, at: at, prefix: prefix)
        }
        func elementType(_ value: TExpr) -> SQLType {
            if case .array(let element) = value.type { return element }
            return .unknown
        }
        switch name {
        case "bitwise_and", "bitwise_or", "bitwise_xor":
            try arity(2...2)
            try requireIntegers(args, call)
            let (a, b) = (args[0].sql, args[1].sql)
            let sql: Fragment =
                switch name {
                case "bitwise_and": "(" + a + " & " + b + ")"
                case "bitwise_or": "(" + a + " | " + b + ")"
                default: "((" + a + " | " + b + ") - (" + a + " & " + b + "))"
                }
            return .node(sql, .bigint, at: at, kids: args)
        case "bitwise_not":
            try arity(1...1)
            try requireIntegers(args, call)
            return .node(Fragment("(~", at: at) + args[0].sql + ")", .bigint, at: at, kids: args)
        case "bitwise_left_shift", "bitwise_right_shift", "bitwise_right_shift_arithmetic":
            try arity(2...2)
            try requireIntegers(args, call)
            let kind = name == "bitwise_left_shift" ? "'l'" : (name == "bitwise_right_shift" ? "'r'" : "'a'")
            return tm("tm_shift", .bigint, prefix: [kind])
        case "title_case":
            try arity(1...1)
            return tm("tm_title_case", .varchar)
        case "format":
            if args.isEmpty { try arity(1...1) }
            let values = args.map { arg -> Fragment in
                // A decimal literal keeps its digits, as Trino's DECIMAL prints them (`1.50`).
                if case .number(let digits) = arg.constant, digits.contains(".") {
                    return Fragment(SQLText.string(digits))
                }
                switch arg.type {
                case .boolean: return "tm_bool_text(" + arg.sql + ")"
                case .ipaddress: return "tm_ipaddress_text(" + arg.sql + ")"
                default: return arg.sql
                }
            }
            return .node(
                Fragment("tm_format(", at: at) + Fragment.join(values, ", ") + ")", .varchar, at: at, kids: args)
        case "date_parse":
            try arity(2...2)
            if let text = args[0].constantString, let format = args[1].constantString {
                switch TrinoTime.dateParse(text, format) {
                case .success(let millis): return TExpr(constant: .timestamp(millis), at: at)
                case .failure(.mismatch):
                    throw .invalid(message: "'\(text)' does not match the format '\(format)'", at: location(args[0].at))
                case .failure(.unsupported(let specifier)):
                    throw .unsupported(construct: "date_parse specifier \(specifier)", at: location(args[1].at))
                }
            }
            return tm("tm_date_parse", .timestamp)
        case "translate":
            try arity(3...3)
            return tm("tm_translate", .varchar)
        case "regexp_position":
            try arity(2...4)
            return tm("tm_regexp_position", .bigint)
        case "regexp_count":
            try arity(2...2)
            return tm("tm_regexp_count", .bigint)
        case "regexp_split":
            try arity(2...2)
            return tm("tm_regexp_split", .array(.varchar))
        case "luhn_check":
            try arity(1...1)
            return tm("tm_luhn_check", .boolean)
        case "overlay":
            try arity(3...4)
            return tm("tm_overlay", .varchar)
        case "is_json_scalar":
            try arity(1...1)
            return tm("tm_is_json_scalar", .boolean)
        case "url_extract_protocol":
            try arity(1...1)
            return tm("tm_url_extract_protocol", .varchar)
        case "parse_data_size":
            try arity(1...1)
            return tm("tm_parse_data_size", .bigint)
        case "human_readable_seconds":
            try arity(1...1)
            return tm("tm_human_readable_seconds", .varchar)
        case "ngrams", "combinations":
            try arity(2...2)
            return tm("tm_" + name, .array(.array(elementType(args[0]))))
        case "trim_array":
            try arity(2...2)
            return tm("tm_trim_array", args[0].type)
        case "array_histogram":
            try arity(1...1)
            var result = tm("tm_array_histogram", .map)
            result.mapTypes = (elementType(args[0]), .bigint)
            return result
        case "cosine_similarity", "cosine_distance", "euclidean_distance", "dot_product":
            try arity(2...2)
            return tm("tm_vector", .double, prefix: ["'\(name)'"])
        case "typeof":
            try arity(1...1)
            guard let type = trinoTypeName(args[0]) else {
                throw .unsupported(construct: "typeof of this expression", at: location(args[0].at))
            }
            return TExpr(constant: .string(type), at: at)
        case "timezone_hour", "timezone_minute":
            // The zone's offset, hours and minutes both signed (-05:30 is -5 and -30).
            try arity(1...1)
            guard args[0].type == .timestamp || args[0].type == .null, let zone = args[0].zone ?? nil else {
                throw .invalid(
                    message: "\(call.name.text) takes a timestamp with time zone, not \(args[0].type.name)",
                    at: location(args[0].at))
            }
            guard !zone.isLocalText else {
                throw .unsupported(
                    construct: "\(call.name.text) in a region whose offset changes with the instant", at: location(at))
            }
            let minutes = zone.offsetMillis / 60_000
            let part = name == "timezone_hour" ? minutes / 60 : minutes % 60
            if args[0].constant != nil { return TExpr(constant: .number(String(part)), at: at) }
            return .node(
                Fragment("CASE WHEN ", at: at) + args[0].sql + " IS NULL THEN NULL ELSE \(part) END", .bigint, at: at,
                kids: args)
        case "to_milliseconds":
            try arity(1...1)
            if case .interval(let millis, months: false) = args[0].constant {
                return TExpr(constant: .number(String(millis)), at: at)
            }
            guard args[0].type == .interval(months: false) else {
                throw .invalid(
                    message: "to_milliseconds takes an interval day to second, not \(args[0].type.name)",
                    at: location(args[0].at))
            }
            return .node(Fragment("", at: at) + args[0].sql, .bigint, at: at, kids: args)
        case "parse_duration":
            try arity(1...1)
            guard let text = args[0].constantString else {
                throw .unsupported(construct: "parse_duration of a non-constant", at: location(args[0].at))
            }
            guard let millis = TrinoTime.parseDuration(text) else {
                throw .invalid(message: "'\(text)' is not a duration", at: location(args[0].at))
            }
            return TExpr(constant: .interval(millis, months: false), at: at)
        case "from_unixtime_nanos":
            try arity(1...1)
            guard case .number(let digits) = args[0].constant, let nanos = Self.wholeNanos(digits) else {
                throw .unsupported(construct: "from_unixtime_nanos of a non-constant", at: location(args[0].at))
            }
            let millis = TrinoTime.floorDiv(nanos, 1_000_000)
            let fraction = String(nanos - millis * 1_000_000 + 1_000_000).dropFirst()
            let milliDigits = String(millis - TrinoTime.floorDiv(millis, 1000) * 1000 + 1000).dropFirst()
            var result = TExpr(constant: .timestamp(millis), at: at)
            result.zone = WrittenZone(name: "UTC", offsetMillis: 0, fraction: String(milliDigits) + String(fraction))
            return result
        default:
            return nil
        }
    }

    /// `timezone(ts)`: the zone a timestamp constant was written with.
    func zoneName(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let at = call.name.start
        guard call.arguments.count == 1 else {
            throw .invalid(message: "timezone takes 1 argument, not \(call.arguments.count)", at: location(at))
        }
        if case .typedLiteral("timestamp", let text, _) = call.arguments[0], let (_, zone) = WrittenZone.split(text) {
            switch zone {
            case .fixed(let written): return TExpr(constant: .string(written.name), at: at)
            case .named(let name): return TExpr(constant: .string(name), at: at)
            }
        }
        let value = try translateExpression(call.arguments[0], scope: scope, ctes: ctes)
        guard let zone = value.zone else {
            throw .unsupported(
                construct: "timezone of a timestamp without a written zone", at: location(call.arguments[0].start))
        }
        return TExpr(constant: .string(zone.name), at: at)
    }

    /// `CAST(json AS ARRAY(...)|MAP(...))` and `CAST(json AS DATE|TIMESTAMP)`; nil for other casts.
    func castFromJSON(_ value: TExpr, to target: TypeName, isTry: Bool, at: Int) throws(QueryError) -> TExpr? {
        if value.type == .null, let type = Self.sqlType(of: target) {
            var result = TExpr(constant: .null, at: at)
            result.type = type
            return result
        }
        guard value.type == .json else { return nil }
        switch target {
        case .simple(let name) where name == "date" || name == "timestamp":
            if let text = value.constantString {
                if text == "null" { return TExpr(constant: .null, at: at) }
                guard text.hasPrefix("\""), text.count >= 2, !text.contains("\\") else {
                    if isTry { return TExpr(constant: .null, at: at) }
                    throw .invalid(message: "cannot cast JSON \(text) to \(name)", at: location(at))
                }
                return try cast(
                    TExpr(constant: .string(String(text.dropFirst().dropLast())), at: at), to: target, isTry: isTry,
                    at: at)
            }
            let text = TExpr.node(
                Fragment("tm_json_to_varchar(", at: at) + value.sql + ", \(isTry ? 0 : 1))", .varchar, at: at,
                kids: [value])
            return try cast(text, to: target, isTry: isTry, at: at)
        case .array, .map, .row:
            guard let type = Self.sqlType(of: target), let descriptor = Self.castDescriptor(target) else {
                throw .unsupported(construct: "CAST to \(target.description)", at: location(at))
            }
            var result = TExpr.node(
                Fragment("tm_cast_json(", at: at) + value.sql + ", '\(descriptor)')", type, at: at, kids: [value])
            if case .map(let key, let value) = target, let keyType = Self.sqlType(of: key),
                let valueType = Self.sqlType(of: value)
            {
                result.mapTypes = (keyType, valueType)
            }
            if isTry { throw .unsupported(construct: "TRY_CAST to \(target.description)", at: location(at)) }
            return result
        default:
            return nil
        }
    }

    /// The translator's type for a cast target that JSON converts to, nil when not supported.
    private static func sqlType(of type: TypeName) -> SQLType? {
        switch type {
        case .simple(let name):
            switch name {
            case "bigint", "integer", "int", "smallint", "tinyint": return .bigint
            case "double", "real": return .double
            case "boolean": return .boolean
            case "varchar": return .varchar
            case "json": return .json
            default: return nil
            }
        case .array(let element): return sqlType(of: element).map { .array($0) }
        case .map(let key, let value):
            guard let keyType = sqlType(of: key), sqlType(of: value) != nil, [.bigint, .varchar].contains(keyType)
            else { return nil }
            return .map
        case .row(let fields):
            guard fields.allSatisfy({ $0.name != nil && sqlType(of: $0.type) != nil }) else { return nil }
            return .structure
        }
    }

    /// The target as `tm_cast_json` reads it: `array(bigint)`, `map(varchar,json)`,
    /// `row(v1:bigint,v2:varchar)`.
    private static func castDescriptor(_ type: TypeName) -> String? {
        switch type {
        case .simple(let name): return name
        case .array(let element): return castDescriptor(element).map { "array(\($0))" }
        case .map(let key, let value):
            guard let key = castDescriptor(key), let value = castDescriptor(value) else { return nil }
            return "map(\(key),\(value))"
        case .row(let fields):
            var parts: [String] = []
            for field in fields {
                guard let name = field.name, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                    let inner = castDescriptor(field.type)
                else { return nil }
                parts.append(name + ":" + inner)
            }
            return "row(" + parts.joined(separator: ",") + ")"
        }
    }

    /// Nanoseconds from a number's digits, cut toward zero (Trino's decimal to bigint).
    private static func wholeNanos(_ digits: String) -> Int64? {
        let parts = digits.split(separator: ".", maxSplits: 1).map(String.init)
        // Cutting and rounding agree below half a nanosecond; Trino's rule past it is not checked.
        if parts.count == 2, let first = parts[1].first, first >= "5" { return nil }
        return parts.first.flatMap { Int64($0) }
    }

    /// Trino's name for a value's type, where TrailMeter knows it exactly.
    private func trinoTypeName(_ value: TExpr) -> String? {
        switch value.constant {
        case .number(let digits):
            if let number = Int64(digits) { return Int32(exactly: number) != nil ? "integer" : "bigint" }
            if case .decimal(let scale) = value.type {
                // A decimal literal's precision is its digits, leading zeros of the whole part aside.
                let whole = digits.prefix { $0 != "." }.drop { $0 == "0" || $0 == "-" || $0 == "+" }
                return "decimal(\(max(1, whole.count + scale)),\(scale))"
            }
        case .string(let text) where value.type == .varchar: return "varchar(\(text.unicodeScalars.count))"
        default: break
        }
        switch value.type {
        case .timestamp: return value.zone == nil ? "timestamp(3)" : "timestamp(3) with time zone"
        case .structure:
            guard let path = value.structPath,
                case .structure(let fields)? = declaredShape(path.split(separator: ".").map(String.init))
            else { return nil }
            return rowTypeName(path, fields)
        case .map:
            let (key, element) = value.mapTypes ?? (.varchar, .varchar)
            guard let k = typeName(key), let v = typeName(element) else { return nil }
            return "map(\(k), \(v))"
        case let type where value.constant == nil || type == .double || type == .boolean: return typeName(type)
        default: return nil
        }
    }

    /// A value type's Trino name where the type alone decides it; nil where it does not (a
    /// decimal's precision, which TrailMeter does not track).
    private func typeName(_ type: SQLType) -> String? {
        switch type {
        case .varchar: return "varchar"
        case .bigint: return "bigint"
        case .double: return "double"
        case .boolean: return "boolean"
        case .date: return "date"
        case .json: return "json"
        case .ipaddress: return "ipaddress"
        case .varbinary: return "varbinary"
        case .timestamp: return "timestamp(3)"
        case .interval(let months): return months ? "interval year to month" : "interval day to second"
        case .array(let element): return typeName(element).map { "array(\($0))" }
        default: return nil
        }
    }

    /// A struct of the events table as Trino names its type: `row(type varchar, ...)`, each
    /// field typed as the table reads it.
    private func rowTypeName(_ prefix: String, _ fields: [HiveField]) -> String? {
        var parts: [String] = []
        for field in fields {
            let path = prefix + "." + field.name
            let name: String?
            if let index = EventSchema.indexByName[path], let type = columnType(EventSchema.columns[index]) {
                switch field.type {
                case .structure(let inner) where type == .structure || type == .varchar:
                    name = rowTypeName(path, inner)
                case .array(.structure(let inner)):
                    name = rowTypeName(path, inner).map { "array(\($0))" }
                case .map: name = "map(varchar, varchar)"
                default: name = type == .structure ? nil : typeName(type)
                }
            } else if case .structure(let inner) = field.type {
                name = rowTypeName(path, inner)
            } else if case .map = field.type {
                name = "map(varchar, varchar)"
            } else {
                name = "varchar"
            }
            guard let name else { return nil }
            parts.append("\(field.name) \(name)")
        }
        return "row(" + parts.joined(separator: ", ") + ")"
    }

    private func requireIntegers(_ args: [TExpr], _ call: Call) throws(QueryError) {
        for arg in args where ![.bigint, .unknown, .null].contains(arg.type) {
            throw .invalid(message: "\(call.name.text) takes integers, not \(arg.type.name)", at: location(arg.at))
        }
    }
}

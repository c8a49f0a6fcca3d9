/// Trino scalar functions that translate to one `tm_` call or one SQLite expression (see
/// `SQLFunctionsScalar.swift`, `SQLFunctionsArrays.swift`), and the few folded at translation
/// time (`pi()`, `typeof`, `parse_duration`, `from_unixtime_nanos`).
extension TranslationContext {
    /// The translation of a call to one of these functions, else nil.
    func translateScalarCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func arity(_ allowed: ClosedRange<Int>) throws(QueryError) {
            guard allowed.contains(args.count) else {
                let expected =
                    allowed.count == 1 ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
                throw .invalid(
                    message: "\(call.name.text) takes \(expected) arguments, not \(args.count)", at: location(at))
            }
        }
        func tm(_ function: String, _ type: SQLType, prefix: [String] = []) -> TExpr {
            let parts = prefix.map { Fragment($0) } + args.map(\.sql)
            return .node(Fragment(function + "(", at: at) + Fragment.join(parts, ", ") + ")", type, at: at, kids: args)
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
        case "pi":
            try arity(0...0)
            return TExpr(constant: .number("3.141592653589793"), at: at)
        case "e":
            try arity(0...0)
            return TExpr(constant: .number("2.718281828459045"), at: at)
        case "cos", "sin", "tan", "acos", "asin", "atan", "cosh", "sinh", "tanh", "radians", "degrees":
            try arity(1...1)
            return tm(name, .double)
        case "atan2":
            try arity(2...2)
            return tm(name, .double)
        case "typeof":
            try arity(1...1)
            guard let type = trinoTypeName(args[0]) else {
                throw .unsupported(construct: "typeof of this expression", at: location(args[0].at))
            }
            return TExpr(constant: .string(type), at: at)
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

    /// Nanoseconds from a number's digits, cut toward zero (Trino's decimal to bigint).
    private static func wholeNanos(_ digits: String) -> Int64? {
        let whole = digits.split(separator: ".", maxSplits: 1).first.map(String.init) ?? digits
        return Int64(whole)
    }

    /// Trino's name for a value's type, where TrailMeter knows it exactly.
    private func trinoTypeName(_ value: TExpr) -> String? {
        switch value.constant {
        case .number(let digits):
            if let number = Int64(digits) { return Int32(exactly: number) != nil ? "integer" : "bigint" }
            return nil  // a decimal literal: its precision and scale are not tracked
        case .string(let text) where value.type == .varchar: return "varchar(\(text.unicodeScalars.count))"
        default: break
        }
        switch value.type {
        case .double: return "double"
        case .boolean: return "boolean"
        case .date: return "date"
        case .json: return "json"
        case .varchar where value.constant == nil: return "varchar"
        default: return nil
        }
    }

    private func requireIntegers(_ args: [TExpr], _ call: Call) throws(QueryError) {
        for arg in args where ![.bigint, .unknown, .null].contains(arg.type) {
            throw .invalid(message: "\(call.name.text) takes integers, not \(arg.type.name)", at: location(arg.at))
        }
    }
}

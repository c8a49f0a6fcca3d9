import SQLite

/// The `tm_` SQL functions translated queries call: Trino semantics SQLite lacks (JSON paths,
/// maps, time arithmetic, strict casts, case-sensitive LIKE, regular expressions, ordered
/// array_agg). All deterministic and innocuous.
public enum SQLFunctions {
    /// Registers every `tm_` function on `connection`. `clock` serves `tm_now()`; translation
    /// already folds `now()` into a constant, so this matters only to hand-written SQL.
    public static func register(on connection: Connection, clock: QueryClock = .system) throws(SQLiteError) {
        try registerOperators(connection)
        try registerJSON(connection)
        try registerRowText(connection)
        try registerTime(connection, clock: clock)
        try registerZones(connection)
        try registerDecimals(connection)
        try registerText(connection)
        try registerAggregates(connection)
        try registerMapBuilders(connection)
        try registerCollections(connection)
        try registerScalars(connection)
        try registerConversions(connection)
        try registerBinary(connection)
        try registerDoubles(connection)
        try registerIntegers(connection)
        try registerRandom(connection)
        try FormatNumber.register(connection)
    }

    // MARK: Operators and casts

    private static func registerOperators(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_div", argumentCount: 2) { args, result in divide(args, result, modulo: false) }
        try define(c, "tm_mod", argumentCount: 2) { args, result in divide(args, result, modulo: true) }
        try define(c, "tm_add", argumentCount: 2) { args, result in checked(args, result, .add) }
        try define(c, "tm_sub", argumentCount: 2) { args, result in checked(args, result, .subtract) }
        try define(c, "tm_mul", argumentCount: 2) { args, result in checked(args, result, .multiply) }
        try define(c, "tm_neg", argumentCount: 1) { args, result in
            switch args.type(0) {
            case .null: result.null()
            case .integer:
                let value = args.int64(0)
                guard value != .min else { return result.error("bigint negation overflow: \(value)") }
                result.int64(-value)
            default: result.double(-args.double(0))
            }
        }
        try define(c, "tm_bool_text", argumentCount: 1) { args, result in
            switch args.type(0) {
            case .null: result.null()
            case .integer, .real: result.text(args.double(0) != 0 ? "true" : "false")
            default:
                let text = args.text(0)?.lowercased()
                if text == "true" || text == "false" { result.text(text!) } else { result.value(args[0]) }
            }
        }
        try define(c, "tm_cast_bigint", argumentCount: 2) { args, result in
            switch args.type(0) {
            case .null: result.null()
            case .integer: result.int64(args.int64(0))
            case .real:
                let value = args.double(0).rounded(.toNearestOrAwayFromZero)
                guard value.isFinite, abs(value) < 9.2e18 else { return castFailure(args, result, "BIGINT") }
                result.int64(Int64(value))
            default:
                guard let value = Int64(args.text(0)?.trimmingSpaces ?? "") else {
                    return castFailure(args, result, "BIGINT")
                }
                result.int64(value)
            }
        }
        try define(c, "tm_cast_double", argumentCount: 2) { args, result in
            switch args.type(0) {
            case .null: result.null()
            case .integer, .real: result.double(args.double(0))
            default:
                guard let value = Double(args.text(0)?.trimmingSpaces ?? "") else {
                    return castFailure(args, result, "DOUBLE")
                }
                double(value, result)
            }
        }
        try define(c, "tm_cast_boolean", argumentCount: 2) { args, result in
            switch args.type(0) {
            case .null: result.null()
            case .integer, .real: result.bool(args.double(0) != 0)
            default:
                switch args.text(0)?.trimmingSpaces.lowercased() {
                case "true", "t", "1": result.bool(true)
                case "false", "f", "0": result.bool(false)
                default: castFailure(args, result, "BOOLEAN")
                }
            }
        }
        try define(c, "tm_cast_timestamp", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            guard let millis = TrinoTime.parseTimestamp(bytes) else { return castFailure(args, result, "TIMESTAMP") }
            result.text(TrinoTime.format(millis))
        }
        try define(c, "tm_cast_date", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            guard let millis = TrinoTime.parseTimestamp(bytes) else { return castFailure(args, result, "DATE") }
            result.text(TrinoTime.formatDate(days: TrinoTime.floorDiv(millis, TrinoTime.millisPerDay)))
        }
        try define(c, "tm_ipaddress", argumentCount: 2) { args, result in
            guard let text = args.text(0) else { return result.null() }
            guard let hex = IPAddress.sortable(text) else { return castFailure(args, result, "IPADDRESS") }
            result.text(hex)
        }
        try define(c, "tm_ipaddress_text", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            result.text(IPAddress.text(text) ?? text)
        }
    }

    /// Trino fails a CAST that cannot convert; TRY_CAST (strict = 0) yields NULL.
    private static func castFailure(_ args: FunctionArguments, _ result: FunctionResult, _ type: String) {
        if args.int64(1) == 0 { return result.null() }
        result.error("Cannot cast '\(args.text(0) ?? "")' to \(type)")
    }

    private static func divide(_ args: FunctionArguments, _ result: FunctionResult, modulo: Bool) {
        if args.isNull(0) || args.isNull(1) { return result.null() }
        let integers = args.type(0) == .integer && args.type(1) == .integer
        if integers {
            let a = args.int64(0)
            let b = args.int64(1)
            if b == 0 { return result.error("Division by zero") }
            if a == .min, b == -1 { return result.error("bigint overflow") }
            result.int64(modulo ? a % b : a / b)
        } else {
            // IEEE 754, as Trino divides doubles: x / 0 is an infinity, 0 / 0 a NaN.
            let a = args.double(0)
            let b = args.double(1)
            double(modulo ? a.truncatingRemainder(dividingBy: b) : a / b, result)
        }
    }

    enum Arithmetic: String {
        case add = "addition"
        case subtract = "subtraction"
        case multiply = "multiplication"
    }

    /// `+`, `-` and `*` as Trino computes them: two integers overflow into an error (SQLite would
    /// quietly answer a double), anything else is double arithmetic.
    private static func checked(_ args: FunctionArguments, _ result: FunctionResult, _ operation: Arithmetic) {
        if args.isNull(0) || args.isNull(1) { return result.null() }
        func integer(_ index: Int) -> Int64? {
            switch args.type(index) {
            case .integer: return args.int64(index)
            case .text: return Int64(args.text(index)?.trimmingSpaces ?? "")
            default: return nil
            }
        }
        if let a = integer(0), let b = integer(1) {
            let (value, overflow) =
                switch operation {
                case .add: a.addingReportingOverflow(b)
                case .subtract: a.subtractingReportingOverflow(b)
                case .multiply: a.multipliedReportingOverflow(by: b)
                }
            guard !overflow else {
                let symbol = operation == .add ? "+" : operation == .subtract ? "-" : "*"
                return result.error("bigint \(operation.rawValue) overflow: \(a) \(symbol) \(b)")
            }
            return result.int64(value)
        }
        let a = args.double(0)
        let b = args.double(1)
        switch operation {
        case .add: result.double(a + b)
        case .subtract: result.double(a - b)
        case .multiply: result.double(a * b)
        }
    }

    // MARK: JSON, maps, arrays

    private static func registerJSON(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_json_extract_scalar", argumentCount: 2) { args, result in
            withJSONPath(args, result) { scan, range in JSONValues.scalarText(scan, range, result) }
        }
        try define(c, "tm_json_extract", argumentCount: 2) { args, result in
            withJSONPath(args, result) { scan, range in
                guard let copy = JacksonJSON.copied(scan, range) else { return result.null() }
                result.text(copy)
            }
        }
        try define(c, "tm_json_format", argumentCount: 1) { args, result in
            withRoot(args, result) { scan, root in result.text(scan.canonical(root)) }
        }
        try define(c, "tm_json_parse", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            guard let parsed = JacksonJSON.normalized(bytes, keys: .sorted) else {
                return result.error("Cannot convert value to JSON: '\(args.text(0) ?? "")'")
            }
            result.text(parsed)
        }
        // `CAST(json_parse(x) AS map(...))`: Trino reads the text straight into the map, in the
        // order written, without the parsed value's sorted keys.
        try define(c, "tm_json_parse_as_written", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            guard let parsed = JacksonJSON.normalized(bytes, keys: .asWritten) else {
                return result.error("Cannot convert value to JSON: '\(args.text(0) ?? "")'")
            }
            result.text(parsed)
        }
        try define(c, "tm_json_to_varchar", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let range = scan.root(), let kind = JSONScan.kind(of: bytes[range.lowerBound]) else {
                return args.int64(1) == 0
                    ? result.null() : result.error("Cannot convert '\(args.text(0) ?? "")' to JSON")
            }
            if kind == .object || kind == .array {
                return args.int64(1) == 0
                    ? result.null()
                    : result.error("Cannot cast JSON \(kind == .object ? "object" : "array") to varchar")
            }
            JSONValues.scalarText(scan, range, result)
        }
        try define(c, "tm_json_quote", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            result.text(JSONScan.quote(text))
        }
        try define(c, "tm_json_array_get", argumentCount: 2) { args, result in
            withRoot(args, result) { scan, root in
                guard let range = scan.element(Int(args.int64(1)), in: root) else { return result.null() }
                // Trino's json_array_get gives a string element without its quotes (documented).
                if scan.bytes[range.lowerBound] == 0x22,
                    let decoded = JSONScan.decodeString(UnsafeRawBufferPointer(rebasing: scan.bytes[range]))
                {
                    return result.text(decoded)
                }
                guard let copy = JacksonJSON.copied(scan, range) else { return result.null() }
                result.text(copy)
            }
        }
        try define(c, "tm_json_array_length", argumentCount: 1) { args, result in
            withRoot(args, result) { scan, root in
                guard let elements = scan.elements(in: root) else { return result.null() }
                result.int64(Int64(elements.count))
            }
        }
        try define(c, "tm_json_array_contains", argumentCount: 2) { args, result in
            withRoot(args, result) { scan, root in
                guard let elements = scan.elements(in: root), !args.isNull(1) else { return result.null() }
                let wanted = args.sqliteValue(1)
                result.bool(elements.contains { JSONValues.sqlValue(scan, $0) == wanted })
            }
        }
        try define(c, "tm_json_size", argumentCount: 2) { args, result in
            withJSONPath(args, result) { scan, range in
                if let elements = scan.elements(in: range) { return result.int64(Int64(elements.count)) }
                if let members = scan.members(in: range) { return result.int64(Int64(members.count)) }
                result.int64(0)
            }
        }
        try define(c, "tm_element_at", argumentCount: 2) { args, result in
            JSONValues.elementAt(args, result, strict: false)
        }
        try define(c, "tm_subscript", argumentCount: 2) { args, result in
            JSONValues.elementAt(args, result, strict: true)
        }
        // The same for an element of type JSON: its JSON text (`"x"` keeps its quotes).
        try define(c, "tm_element_at_json", argumentCount: 2) { args, result in
            JSONValues.elementAt(args, result, strict: false, json: true)
        }
        try define(c, "tm_subscript_json", argumentCount: 2) { args, result in
            JSONValues.elementAt(args, result, strict: true, json: true)
        }
        try define(c, "tm_field", argumentCount: 2) { args, result in
            withRoot(args, result) { scan, root in
                guard let key = args.bytes(1), let range = scan.member(key, in: root, caseInsensitive: true) else {
                    return result.null()
                }
                JSONValues.sqlResult(scan, range, result)
            }
        }
        try define(c, "tm_cardinality", argumentCount: 1) { args, result in
            withRoot(args, result) { scan, root in
                if let elements = scan.elements(in: root) { return result.int64(Int64(elements.count)) }
                if let members = scan.members(in: root) { return result.int64(Int64(members.count)) }
                result.null()
            }
        }
        // The second argument says how the elements are typed: 0 text (non-strings quoted), 1 as
        // their JSON (numbers stay numbers: integer keys, or values of a JSON or number type).
        try define(c, "tm_map_keys", argumentCount: 2) { args, result in
            withRoot(args, result) { scan, root in
                guard let members = scan.members(in: root) else { return result.null() }
                let asJSON = args.int64(1) != 0
                var out: [UInt8] = [0x5B]
                for (index, (key, _)) in members.enumerated() {
                    if index > 0 { out.append(0x2C) }
                    if asJSON, let text = scan.keyText(key) { out += text } else { out += scan.bytes[key] }
                }
                out.append(0x5D)
                result.text(out)
            }
        }
        try define(c, "tm_map_values", argumentCount: 2) { args, result in
            withRoot(args, result) { scan, root in
                guard let members = scan.members(in: root) else { return result.null() }
                let asJSON = args.int64(1) != 0
                var out: [UInt8] = [0x5B]
                for (index, (_, value)) in members.enumerated() {
                    if index > 0 { out.append(0x2C) }
                    let raw = UnsafeRawBufferPointer(rebasing: scan.bytes[value])
                    switch JSONScan.kind(of: raw[0]) {
                    case _ where asJSON: out += scan.canonical(value)
                    case .string: out += raw
                    case .null: out += Array("null".utf8)
                    default: out += Array(JSONScan.quote(String(decoding: raw, as: UTF8.self)).utf8)
                    }
                }
                out.append(0x5D)
                result.text(out)
            }
        }
        try define(c, "tm_contains", argumentCount: 2) { args, result in
            withRoot(args, result) { scan, root in
                guard let elements = scan.elements(in: root), !args.isNull(1) else { return result.null() }
                let wanted = args.sqliteValue(1)
                result.bool(elements.contains { JSONValues.sqlValue(scan, $0) == wanted })
            }
        }
        try define(c, "tm_array_join", argumentCount: -1) { args, result in
            withRoot(args, result) { scan, root in
                guard let elements = scan.elements(in: root), let separator = args.text(1) else { return result.null() }
                let replacement = args.count > 2 ? args.text(2) : nil
                var parts: [String] = []
                for element in elements {
                    switch JSONValues.sqlValue(scan, element) {
                    case .null: if let replacement { parts.append(replacement) }
                    case .text(let text): parts.append(text)
                    case .integer(let value): parts.append(String(value))
                    case .real(let value): parts.append(String(value))
                    case .blob: break
                    }
                }
                result.text(parts.joined(separator: separator))
            }
        }
        try define(c, "tm_split", argumentCount: 2) { args, result in
            guard let text = args.text(0), let separator = args.text(1) else { return result.null() }
            guard !separator.isEmpty else { return result.error("The delimiter may not be the empty string") }
            let parts = text.components(separatedByString: separator)
            result.text("[" + parts.map(JSONScan.quote).joined(separator: ",") + "]")
        }
    }

    /// Calls `body` with the first argument's JSON root, or answers NULL.
    private static func withRoot(
        _ args: FunctionArguments, _ result: FunctionResult, _ body: (JSONScan, Range<Int>) -> Void
    ) {
        guard let bytes = args.bytes(0) else { return result.null() }
        let scan = JSONScan(bytes: bytes)
        guard let root = scan.root() else { return result.null() }
        body(scan, root)
    }

    private static func withJSONPath(
        _ args: FunctionArguments, _ result: FunctionResult, _ body: (JSONScan, Range<Int>) -> Void
    ) {
        guard let bytes = args.bytes(0), let path = args.text(1) else { return result.null() }
        guard let steps = JSONPath.parse(path) else { return result.error("Invalid JSON path: '\(path)'") }
        let scan = JSONScan(bytes: bytes)
        guard let range = scan.evaluate(steps) else { return result.null() }
        body(scan, range)
    }
}

/// How JSON values become SQL values.
enum JSONValues {
    /// json_extract_scalar: strings unescaped, numbers and booleans as text, NULL otherwise.
    static func scalarText(_ scan: JSONScan, _ range: Range<Int>, _ result: FunctionResult) {
        let raw = UnsafeRawBufferPointer(rebasing: scan.bytes[range])
        switch JSONScan.kind(of: raw[0]) {
        case .string:
            guard let decoded = JSONScan.decodeString(raw) else { return result.null() }
            result.text(decoded)
        case .number, .boolean: result.text(raw)
        default: result.null()
        }
    }

    /// A `map<varchar, varchar>` value: strings unescaped, anything else as its JSON text.
    static func mapValue(_ scan: JSONScan, _ range: Range<Int>, _ result: FunctionResult) {
        let raw = UnsafeRawBufferPointer(rebasing: scan.bytes[range])
        switch JSONScan.kind(of: raw[0]) {
        case .string:
            guard let decoded = JSONScan.decodeString(raw) else { return result.null() }
            result.text(decoded)
        case .null: result.null()
        default: result.text(raw)
        }
    }

    /// An array element or struct field: strings unescaped, numbers as numbers, booleans 1/0,
    /// objects and arrays as JSON text.
    static func sqlResult(_ scan: JSONScan, _ range: Range<Int>, _ result: FunctionResult) {
        let raw = UnsafeRawBufferPointer(rebasing: scan.bytes[range])
        switch JSONScan.kind(of: raw[0]) {
        case .string:
            guard let decoded = JSONScan.decodeString(raw) else { return result.null() }
            result.text(decoded)
        case .null, nil: result.null()
        case .boolean: result.bool(raw[0] == 0x74)
        case .number: result.value(sqlValue(scan, range))
        case .object, .array: result.text(raw)
        }
    }

    static func sqlValue(_ scan: JSONScan, _ range: Range<Int>) -> SQLiteValue {
        let raw = UnsafeRawBufferPointer(rebasing: scan.bytes[range])
        let text = String(decoding: raw, as: UTF8.self)
        switch JSONScan.kind(of: raw[0]) {
        case .string: return JSONScan.decodeString(raw).map { .text(String(decoding: $0, as: UTF8.self)) } ?? .null
        case .null, nil: return .null
        case .boolean: return .integer(raw[0] == 0x74 ? 1 : 0)
        case .number:
            if let value = Int64(text) { return .integer(value) }
            return Double(text).map { .real($0) } ?? .text(text)
        case .object, .array: return .text(text)
        }
    }

    /// `element_at` (lenient: NULL when absent) and `x[k]` (strict: fails when absent, as Trino does).
    static func elementAt(_ args: FunctionArguments, _ result: FunctionResult, strict: Bool, json: Bool = false) {
        guard let bytes = args.bytes(0), !args.isNull(1) else { return result.null() }
        let scan = JSONScan(bytes: bytes)
        guard let root = scan.root() else { return result.null() }
        if bytes[root.lowerBound] == 0x7B {
            guard let key = args.bytes(1) else { return result.null() }
            guard let range = scan.member(key, in: root) else {
                return strict ? result.error("Key not present in map: \(args.text(1) ?? "")") : result.null()
            }
            return json ? result.text(scan.canonical(range)) : mapValue(scan, range, result)
        }
        guard bytes[root.lowerBound] == 0x5B else { return result.null() }
        let index = args.int64(1)
        if index == 0 { return result.error("SQL array indices start at 1") }
        if strict, index < 0 { return result.error("Array subscript is negative: \(index)") }
        guard let range = scan.element(index > 0 ? Int(index - 1) : Int(index), in: root) else {
            if strict {
                let count = scan.elements(in: root)?.count ?? 0
                return result.error("Array subscript must be less than or equal to array length: \(index) > \(count)")
            }
            return result.null()
        }
        json ? result.text(scan.canonical(range)) : sqlResult(scan, range, result)
    }
}

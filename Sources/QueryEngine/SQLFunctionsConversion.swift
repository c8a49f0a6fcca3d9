import SQLite

/// Casts from JSON to arrays and maps, CIDR containment, `title_case` and Java-style `format`.
extension SQLFunctions {
    static func registerConversions(_ c: Connection) throws(SQLiteError) {
        // tm_cast_json(json, type): `type` is the target as `array(bigint)`, `map(varchar,json)`...
        try define(c, "tm_cast_json", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0), let type = args.text(1) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let root = scan.root() else { return result.error("Cannot cast to \(type): invalid JSON") }
            switch JSONCast.convert(scan, root, to: Substring(type)) {
            case .success(let text): text == "null" ? result.null() : result.text(text)
            case .failure(let message): result.error("Cannot cast to \(type). \(message.text)")
            }
        }
        try define(c, "tm_cidr_contains", argumentCount: 2) { args, result in
            guard let network = args.text(0), let address = args.text(1) else { return result.null() }
            let parts = network.split(separator: "/")
            guard parts.count == 2, let prefix = Int(parts[1]), let base = IPAddress.parse(String(parts[0])),
                let hex = IPAddress.text(address).flatMap(IPAddress.parse)
            else { return result.error("Invalid CIDR: '\(network)'") }
            let isV4 = !parts[0].contains(":")
            let bits = isV4 ? prefix + 96 : prefix
            guard (0...128).contains(bits), !isV4 || prefix <= 32 else {
                return result.error("Invalid CIDR: '\(network)'")
            }
            for bit in 0..<bits where (base[bit / 8] ^ hex[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
                return result.bool(false)
            }
            result.bool(true)
        }
        try define(c, "tm_date_parse", argumentCount: 2) { args, result in
            guard let text = args.text(0), let format = args.text(1) else { return result.null() }
            switch TrinoTime.dateParse(text, format) {
            case .success(let millis): result.text(TrinoTime.format(millis))
            case .failure(.mismatch): result.error("Invalid format: \"\(text)\" does not match '\(format)'")
            case .failure(.unsupported(let specifier)):
                result.error("unsupported: date_parse specifier \(specifier)")
            }
        }
        try define(c, "tm_title_case", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            var out = ""
            var atWordStart = true
            for character in text {
                out += atWordStart ? character.uppercased() : character.lowercased()
                atWordStart = character.isWhitespace
            }
            result.text(out)
        }
        try define(c, "tm_format", argumentCount: -1) { args, result in
            guard let format = args.text(0) else { return result.null() }
            let values = (1..<args.count).map { args.sqliteValue($0) }
            switch JavaFormat.format(format, values) {
            case .success(let text): result.text(text)
            case .failure(let message): result.error(message.text)
            }
        }
    }
}

/// A failure with its message (for `Result`).
struct ConversionFailure: Error {
    let text: String
}

/// JSON to Trino array, map and scalar types, the way Trino's casts convert them.
enum JSONCast {
    static func convert(_ scan: JSONScan, _ range: Range<Int>, to type: Substring) -> Result<String, ConversionFailure>
    {
        let raw = UnsafeRawBufferPointer(rebasing: scan.bytes[range])
        let text = String(decoding: raw, as: UTF8.self)
        guard let kind = JSONScan.kind(of: raw[0]) else { return .failure(ConversionFailure(text: "Invalid JSON")) }
        if kind == .null { return .success("null") }
        if type == "json" { return .success(String(decoding: scan.canonical(range), as: UTF8.self)) }
        if type.hasPrefix("array(") {
            guard let elements = scan.elements(in: range) else {
                return .failure(ConversionFailure(text: "Expected a JSON array, but got \(text)"))
            }
            let inner = type.dropFirst(6).dropLast()
            var out: [String] = []
            for element in elements {
                switch convert(scan, element, to: inner) {
                case .success(let value): out.append(value)
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success("[" + out.joined(separator: ",") + "]")
        }
        if type.hasPrefix("map(") {
            guard let members = scan.members(in: range) else {
                return .failure(ConversionFailure(text: "Expected a JSON object, but got \(text)"))
            }
            let inner = type.dropFirst(4).dropLast()
            guard let comma = topLevelComma(inner) else { return .failure(ConversionFailure(text: "Bad map type")) }
            let keyType = inner[..<comma]
            let valueType = inner[inner.index(after: comma)...]
            var out: [String] = []
            for (key, value) in members {
                guard case .success(let keyJSON) = convert(scan, key, to: keyType),
                    keyJSON != "null", let decoded = decodeKey(keyJSON)
                else { return .failure(ConversionFailure(text: "Cannot convert map key")) }
                switch convert(scan, value, to: valueType) {
                case .success(let converted): out.append(JSONScan.quote(decoded) + ":" + converted)
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success("{" + out.joined(separator: ",") + "}")
        }
        if type.hasPrefix("row(") { return row(scan, range, text, fields: type.dropFirst(4).dropLast()) }
        return scalar(text, kind, to: type)
    }

    /// A JSON object (fields by name, ignoring case; absent ones NULL) or array (by position) as
    /// a row, kept as a JSON object of the row's fields.
    private static func row(_ scan: JSONScan, _ range: Range<Int>, _ text: String, fields: Substring) -> Result<
        String, ConversionFailure
    > {
        var specs: [(String, Substring)] = []
        var rest = fields
        while !rest.isEmpty {
            let end = topLevelComma(rest) ?? rest.endIndex
            let field = rest[..<end]
            guard let colon = field.firstIndex(of: ":") else {
                return .failure(ConversionFailure(text: "Bad row type"))
            }
            specs.append((String(field[..<colon]), field[field.index(after: colon)...]))
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        var values: [Range<Int>?] = []
        if let elements = scan.elements(in: range) {
            guard elements.count == specs.count else {
                return .failure(ConversionFailure(text: "Expected \(specs.count) fields, but got \(elements.count)"))
            }
            values = elements
        } else if scan.members(in: range) != nil {
            values = specs.map { scan.member($0.0, in: range, caseInsensitive: true) }
        } else {
            return .failure(ConversionFailure(text: "Expected a JSON object or array, but got \(text)"))
        }
        var out: [String] = []
        for ((name, type), value) in zip(specs, values) {
            guard let value else {
                out.append(JSONScan.quote(name) + ":null")
                continue
            }
            switch convert(scan, value, to: type) {
            case .success(let converted): out.append(JSONScan.quote(name) + ":" + converted)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success("{" + out.joined(separator: ",") + "}")
    }

    private static func scalar(_ text: String, _ kind: JSONScan.Kind, to type: Substring) -> Result<
        String, ConversionFailure
    > {
        let failure = Result<String, ConversionFailure>.failure(
            ConversionFailure(text: "Cannot cast \(text) to \(type)"))
        let unquoted = kind == .string ? String(text.dropFirst().dropLast()) : text
        switch type {
        case "bigint", "integer", "int", "smallint", "tinyint":
            if kind == .boolean { return .success(text == "true" ? "1" : "0") }
            if let value = Int64(unquoted) { return .success(String(value)) }
            if let value = Double(unquoted), value.isFinite, abs(value) < 9.2e18 {
                return .success(String(Int64(value.rounded(.toNearestOrAwayFromZero))))
            }
            return failure
        case "double", "real":
            if kind == .boolean { return .success(text == "true" ? "1.0" : "0.0") }
            return Double(unquoted).map { .success(String($0)) } ?? failure
        case "boolean":
            if kind == .boolean { return .success(text) }
            if kind == .number { return .success(Double(text).map { $0 != 0 } == true ? "true" : "false") }
            return ["true", "false"].contains(unquoted.lowercased()) ? .success(unquoted.lowercased()) : failure
        case "varchar":
            return .success(kind == .string ? text : JSONScan.quote(text))
        default:
            return .failure(ConversionFailure(text: "unsupported target type \(type)"))
        }
    }

    private static func topLevelComma(_ text: Substring) -> Substring.Index? {
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0: return index
            default: break
            }
        }
        return nil
    }

    private static func decodeKey(_ json: String) -> String? {
        guard json.hasPrefix("\"") else { return json }
        var bytes = Array(json.utf8)
        return bytes.withUnsafeMutableBytes { buffer in
            JSONScan.decodeString(UnsafeRawBufferPointer(buffer)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}

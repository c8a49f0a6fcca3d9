import CloudTrail
import SQLite

/// The `tm_` functions that build maps, arrays and JSON text (called by `CollectionFunctions`
/// and `LambdaFunctions` translations).
extension SQLFunctions {
    static func registerCollections(_ c: Connection) throws(SQLiteError) {
        // MAP(keys, values): Trino refuses NULL keys, duplicates and arrays of different lengths.
        try define(c, "tm_map", argumentCount: 2) { args, result in
            guard let keyBytes = args.bytes(0), let valueBytes = args.bytes(1) else { return result.null() }
            let keys = JSONScan(bytes: keyBytes)
            let values = JSONScan(bytes: valueBytes)
            guard let keyRoot = keys.root(), let valueRoot = values.root(),
                let keyRanges = keys.elements(in: keyRoot), let valueRanges = values.elements(in: valueRoot)
            else { return result.null() }
            guard keyRanges.count == valueRanges.count else {
                return result.error("Key and value arrays must be the same length")
            }
            var seen: Set<[UInt8]> = []
            var out: [UInt8] = [0x7B]
            for (index, (key, value)) in zip(keyRanges, valueRanges).enumerated() {
                guard let text = keys.keyText(key) else { return result.error("map key cannot be null") }
                guard seen.insert(text).inserted else {
                    return result.error("Duplicate map keys (\(String(decoding: text, as: UTF8.self))) are not allowed")
                }
                if index > 0 { out.append(0x2C) }
                out += Array(JSONScan.quote(String(decoding: text, as: UTF8.self)).utf8)
                out.append(0x3A)
                out += values.canonical(value)
            }
            out.append(0x7D)
            result.text(out)
        }
        // A map a lambda built (transform_keys): each key once, as Trino requires.
        try define(c, "tm_map_checked", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let root = scan.root(), let members = scan.members(in: root) else { return result.null() }
            var seen: Set<[UInt8]> = []
            for (key, _) in members {
                let text = scan.keyText(key) ?? []
                guard seen.insert(text).inserted else {
                    return result.error("Duplicate map keys (\(String(decoding: text, as: UTF8.self))) are not allowed")
                }
            }
            result.value(args[0])
        }
        // UNNEST(a, b, ...): the arrays' elements side by side, `[[a1,b1],[a2,null]]`, as long as
        // the longest; a NULL array counts as empty.
        try define(c, "tm_unnest_zip", argumentCount: -1) { args, result in
            var columns: [[[UInt8]]] = []
            for index in 0..<args.count {
                guard let bytes = args.bytes(index) else {
                    columns.append([])
                    continue
                }
                let scan = JSONScan(bytes: bytes)
                guard let root = scan.root(), let elements = scan.elements(in: root) else {
                    return result.error("UNNEST takes arrays")
                }
                columns.append(elements.map { scan.canonical($0) })
            }
            let length = columns.map(\.count).max() ?? 0
            var out: [UInt8] = [0x5B]
            for position in 0..<length {
                if position > 0 { out.append(0x2C) }
                out.append(0x5B)
                for (index, column) in columns.enumerated() {
                    if index > 0 { out.append(0x2C) }
                    out += position < column.count ? column[position] : Array("null".utf8)
                }
                out.append(0x5D)
            }
            out.append(0x5D)
            result.text(out)
        }
        try define(c, "tm_array_concat", argumentCount: -1) { args, result in
            var out: [UInt8] = [0x5B]
            var count = 0
            for index in 0..<args.count {
                guard let bytes = args.bytes(index) else { return result.null() }
                let scan = JSONScan(bytes: bytes)
                guard let root = scan.root(), let elements = scan.elements(in: root) else {
                    return result.error("Cannot concatenate: argument \(index + 1) is not an array")
                }
                for element in elements {
                    if count > 0 { out.append(0x2C) }
                    out += scan.canonical(element)
                    count += 1
                }
            }
            out.append(0x5D)
            result.text(out)
        }
        try define(c, "tm_json_build", argumentCount: -1) { args, result in jsonBuild(args, result) }
    }

    /// `tm_json_build(isObject, absentOnNull, kind, value, ...)`: kinds `j` JSON text, `b`
    /// boolean, `n` number, `s` string, `?` by SQLite type. An object's keys come as `s` values
    /// before each value.
    private static func jsonBuild(_ args: FunctionArguments, _ result: FunctionResult) {
        let object = args.int64(0) != 0
        let absentOnNull = args.int64(1) != 0
        var items: [String] = []
        var index = 2
        while index + 1 < args.count {
            var key: String?
            if object {
                guard let text = args.text(index + 1) else { return result.error("JSON object key is null") }
                key = JSONScan.quote(text)
                index += 2
            }
            let kind = args.text(index) ?? "?"
            let value: String?
            if args.isNull(index + 1) {
                value = nil
            } else {
                switch kind {
                case "j":
                    guard let bytes = args.bytes(index + 1) else { return result.null() }
                    let scan = JSONScan(bytes: bytes)
                    guard let root = scan.root() else { return result.error("Invalid JSON value") }
                    value = String(decoding: scan.canonical(root), as: UTF8.self)
                case "b": value = args.int64(index + 1) != 0 ? "true" : "false"
                case "n": value = jsonNumber(args.sqliteValue(index + 1))
                default:
                    switch args.sqliteValue(index + 1) {
                    case .text(let text): value = JSONScan.quote(text)
                    case let other: value = jsonNumber(other)
                    }
                }
            }
            index += 2
            if value == nil, absentOnNull { continue }
            items.append((key.map { $0 + ":" } ?? "") + (value ?? "null"))
        }
        let joined = items.joined(separator: ",")
        result.text(object ? "{" + joined + "}" : "[" + joined + "]")
    }

    private static func jsonNumber(_ value: SQLiteValue) -> String {
        switch value {
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .text(let text): return JSONScan.quote(text)
        case .null, .blob: return "null"
        }
    }
}

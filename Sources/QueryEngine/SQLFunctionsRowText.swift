import SQLite

/// How a statement's arrays, maps and rows become text, as Trino prints them (`[a, b]`,
/// `{type=IAMUser, sessioncontext=null}`), and how a JSON value takes the shape its table
/// declares (`RowShape`).
extension SQLFunctions {
    static func registerRowText(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_trino_text", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            var out: [UInt8] = []
            guard let root = scan.root(), scan.trinoText(root, into: &out) else { return result.text(bytes) }
            result.text(out)
        }
        // An array of JSON, or a map whose values are JSON: each value's JSON text, as Trino's
        // client receives a JSON value (`["x", {"c":1}]`, `{a="x", b={"c":1}}`).
        try define(c, "tm_trino_json_items_text", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let root = scan.root() else { return result.text(bytes) }
            var out: [UInt8] = []
            if let items = scan.elements(in: root) {
                out.append(0x5B)
                for (index, item) in items.enumerated() {
                    if index > 0 { out += [0x2C, 0x20] }
                    out += scan.canonical(item)
                }
                out.append(0x5D)
            } else if let members = scan.members(in: root) {
                out.append(0x7B)
                for (index, (key, value)) in members.enumerated() {
                    if index > 0 { out += [0x2C, 0x20] }
                    out += scan.keyText(key) ?? []
                    out.append(0x3D)
                    out += scan.canonical(value)
                }
                out.append(0x7D)
            } else {
                return result.text(bytes)
            }
            result.text(out)
        }
        try define(c, "tm_trino_array_text", argumentCount: 2) { args, result in
            // An array of DOUBLE (second argument -1) or of DECIMAL of that scale.
            guard let bytes = args.bytes(0) else { return result.null() }
            let scale = Int(args.int64(1))
            let scan = JSONScan(bytes: bytes)
            var out: [UInt8] = []
            guard let root = scan.root(),
                scan.trinoText(root, into: &out, elements: scale < 0 ? .double : .decimal(scale: min(scale, 38)))
            else { return result.text(bytes) }
            result.text(out)
        }
        try define(c, "tm_trino_zoned_array_text", argumentCount: 2) { args, result in
            // An array of timestamps with a time zone, held as local text: each followed by the zone.
            guard let bytes = args.bytes(0), let suffix = args.bytes(1) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            var out: [UInt8] = []
            guard let root = scan.root(), scan.trinoText(root, into: &out, elements: .zoned(suffix: Array(suffix)))
            else { return result.text(bytes) }
            result.text(out)
        }
        try define(c, "tm_reshape", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0), let spec = args.bytes(1) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let root = scan.root() else { return result.null() }
            var out: [UInt8] = []
            var cursor = 0
            guard scan.reshape(root, spec: spec, cursor: &cursor, into: &out), cursor == spec.count else {
                return result.error("malformed row shape '\(args.text(1) ?? "")'")
            }
            if out == Array("null".utf8) { return result.null() }
            result.text(out)
        }
    }
}

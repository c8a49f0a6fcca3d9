import SQLite

// Trino's `try(x)`: x, or NULL where evaluating it fails (a division by zero, a malformed
// timestamp, a bad cast). SQLite cannot catch an error inside an expression, so every `tm_`
// function has a twin, `tm_try_...`, whose errors are NULLs, and the expression under `try`
// calls the twins.
extension SQLFunctions {
    /// Registers the `tm_` function `name` and its twin that answers NULL where it would fail.
    static func define(
        _ c: Connection, _ name: String, argumentCount: Int32, deterministic: Bool = true,
        _ body: @escaping (FunctionArguments, FunctionResult) -> Void
    ) throws(SQLiteError) {
        try c.defineFunction(name, argumentCount: argumentCount, deterministic: deterministic, body)
        try c.defineFunction(
            tryTwin(of: name), argumentCount: argumentCount, deterministic: deterministic
        ) { args, result in body(args, result.nullingErrors) }
    }

    static func tryTwin(of name: String) -> String { "tm_try_" + name.dropFirst(3) }

    /// `sql` calling the twin of each scalar `tm_` function it calls (aggregates have none: an
    /// aggregate under `try` fails as it would without it). Quoted text and names are left alone.
    static func nullingErrors(in sql: String) -> String {
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            b == 0x5F || (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x27 || b == 0x22 {
                // A string literal or a quoted name, its doubled quotes included.
                var j = i + 1
                while j < bytes.count {
                    if bytes[j] == b {
                        if j + 1 < bytes.count, bytes[j + 1] == b {
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, bytes.count)
                out += bytes[i..<end]
                i = end
                continue
            }
            if isNameByte(b), i == 0 || !isNameByte(bytes[i - 1]) {
                var j = i
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                let name = String(decoding: bytes[i..<j], as: UTF8.self)
                if name.hasPrefix("tm_"), j < bytes.count, bytes[j] == 0x28, !aggregateFunctionNames.contains(name) {
                    out += Array(tryTwin(of: name).utf8)
                } else {
                    out += bytes[i..<j]
                }
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension TranslationContext {
    /// `try(x)`: x with every `tm_` function it calls answering NULL where it would fail. A
    /// value TrailMeter computes while translating (`try(from_iso8601_timestamp('bad'))`) and
    /// finds invalid is NULL too.
    func tryCall(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let at = call.name.start
        guard call.arguments.count == 1 else {
            throw .invalid(message: "try takes 1 argument, not \(call.arguments.count)", at: location(at))
        }
        let value: TExpr
        do {
            value = try translateExpression(call.arguments[0], scope: scope, ctes: ctes)
        } catch .invalid {
            return TExpr(constant: .null, at: at)
        }
        guard value.constant == nil else { return value }
        var result = value
        result.sql = Fragment(SQLFunctions.nullingErrors(in: value.sql.text), at: at)
        return result
    }
}

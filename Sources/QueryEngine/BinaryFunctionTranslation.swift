/// Trino's VARBINARY functions (`to_hex(sha256(to_utf8(x)))`, base64, xxhash64, crc32), held as
/// SQLite BLOBs; the functions themselves are in `SQLFunctionsBinary`.
extension TranslationContext {
    private static let digests: Set<String> = ["md5", "sha1", "sha256", "sha512"]

    private enum Input {
        case binary, textOrBinary
    }

    /// The one-argument functions: the SQL around the argument, what it takes, what it returns.
    private static func oneArgument(_ name: String) -> (prefix: String, suffix: String, input: Input, type: SQLType)? {
        switch name {
        case "to_hex": return ("hex(", ")", .binary, .varchar)
        case "from_hex": return ("tm_from_hex(", ")", .textOrBinary, .varbinary)
        case "to_base64": return ("tm_to_base64(", ", 0)", .binary, .varchar)
        case "to_base64url": return ("tm_to_base64(", ", 1)", .binary, .varchar)
        case "from_base64": return ("tm_from_base64(", ", 0)", .textOrBinary, .varbinary)
        case "from_base64url": return ("tm_from_base64(", ", 1)", .textOrBinary, .varbinary)
        case "md5": return ("tm_digest('md5', ", ")", .binary, .varbinary)
        case "sha1": return ("tm_digest('sha1', ", ")", .binary, .varbinary)
        case "sha256": return ("tm_digest('sha256', ", ")", .binary, .varbinary)
        case "sha512": return ("tm_digest('sha512', ", ")", .binary, .varbinary)
        case "xxhash64": return ("tm_xxhash64(", ")", .binary, .varbinary)
        case "murmur3": return ("tm_murmur3(", ")", .binary, .varbinary)
        case "crc32": return ("tm_crc32(", ")", .binary, .bigint)
        case "from_big_endian_64": return ("tm_from_big_endian(", ", 8)", .binary, .bigint)
        case "from_big_endian_32": return ("tm_from_big_endian(", ", 4)", .binary, .bigint)
        default: return nil
        }
    }

    func translateBinaryCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func node(_ sql: Fragment, _ type: SQLType) -> TExpr {
            .node(Fragment("", at: at) + sql, type, at: at, kids: args)
        }
        if let function = Self.oneArgument(name) {
            try arity(call, args, 1)
            switch function.input {
            case .binary: try requireBinary(args[0], call)
            case .textOrBinary: try requireTextOrBinary(args[0], call)
            }
            return node(Fragment(function.prefix) + args[0].sql + function.suffix, function.type)
        }
        switch name {
        case "to_utf8":
            try arity(call, args, 1)
            try requireText(args[0], call)
            return node("CAST(" + args[0].sql + " AS BLOB)", .varbinary)
        case "from_utf8":
            guard args.count == 1 || args.count == 2 else { throw arityError(call, "1 or 2") }
            try requireBinary(args[0], call)
            var replacement = Fragment("")
            if args.count == 2 {
                if args[1].type == .bigint {
                    replacement = ", tm_chr(" + args[1].sql + ")"
                } else {
                    try requireText(args[1], call)
                    replacement = ", " + args[1].sql
                }
            }
            return node("tm_from_utf8(" + args[0].sql + replacement + ")", .varchar)
        case _ where name.hasPrefix("hmac_") && Self.digests.contains(String(name.dropFirst(5))):
            try arity(call, args, 2)
            try requireBinary(args[0], call)
            try requireBinary(args[1], call)
            return node(
                Fragment("tm_hmac('\(name.dropFirst(5))', ") + args[0].sql + ", " + args[1].sql + ")", .varbinary)
        case "to_big_endian_64", "to_big_endian_32":
            try arity(call, args, 1)
            try requireInteger(args[0], call)
            let width = name.hasSuffix("64") ? 8 : 4
            if width == 4, case .number(let digits) = args[0].constant, let value = Int64(digits),
                Int32(exactly: value) == nil
            {
                throw .invalid(message: "\(value) is out of range for an integer", at: location(args[0].at))
            }
            return node("tm_to_big_endian(" + args[0].sql + ", \(width))", .varbinary)
        default:
            return nil
        }
    }

    /// Binary concatenation (`to_utf8(a) || to_utf8(b)`, `concat(...)`): every part varbinary.
    func binaryConcatenation(_ parts: [TExpr], at: Int) throws(QueryError) -> TExpr? {
        guard parts.contains(where: { $0.type == .varbinary }) else { return nil }
        for part in parts where ![.varbinary, .null, .unknown].contains(part.type) {
            throw .invalid(message: "cannot concatenate varbinary and \(part.type.name)", at: location(part.at))
        }
        return .node(
            Fragment("CAST((", at: at) + Fragment.join(parts.map(\.sql), " || ") + ") AS BLOB)", .varbinary, at: at,
            kids: parts)
    }

    func requireBinary(_ value: TExpr, _ call: Call) throws(QueryError) {
        guard [.varbinary, .unknown, .null].contains(value.type) else {
            throw .invalid(message: "\(call.name.text) takes varbinary, not \(value.type.name)", at: location(value.at))
        }
    }

    private func requireTextOrBinary(_ value: TExpr, _ call: Call) throws(QueryError) {
        guard [.varbinary, .varchar, .unknown, .null].contains(value.type) else {
            throw .invalid(
                message: "\(call.name.text) takes varchar or varbinary, not \(value.type.name)", at: location(value.at))
        }
    }
}

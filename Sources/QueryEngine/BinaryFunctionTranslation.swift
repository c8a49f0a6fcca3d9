/// Trino's VARBINARY functions (`to_hex(sha256(to_utf8(x)))`, base64, xxhash64, crc32), held as
/// SQLite BLOBs; the functions themselves are in `SQLFunctionsBinary`.
extension TranslationContext {
    private static let digests: Set<String> = ["md5", "sha1", "sha256", "sha512"]

    func translateBinaryCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func node(_ sql: Fragment, _ type: SQLType) -> TExpr {
            .node(Fragment("", at: at) + sql, type, at: at, kids: args)
        }
        switch name {
        case "to_utf8":
            try arity(call, args, 1)
            try requireText(args[0], call)
            return node("CAST(" + args[0].sql + " AS BLOB)", .varbinary)
        case "from_utf8":
            guard args.count == 1 || args.count == 2 else { throw arityError(call, "1 or 2") }
            try requireBinary(args[0], call)
            var replacement = Fragment("NULL")
            if args.count == 2 {
                if args[1].type == .bigint {
                    replacement = "tm_chr(" + args[1].sql + ")"
                } else {
                    try requireText(args[1], call)
                    replacement = args[1].sql
                }
            }
            return node("tm_from_utf8(" + args[0].sql + ", " + replacement + ")", .varchar)
        case "to_hex":
            try arity(call, args, 1)
            try requireBinary(args[0], call)
            return node("hex(" + args[0].sql + ")", .varchar)
        case "from_hex":
            try arity(call, args, 1)
            try requireTextOrBinary(args[0], call)
            return node("tm_from_hex(" + args[0].sql + ")", .varbinary)
        case "to_base64", "to_base64url":
            try arity(call, args, 1)
            try requireBinary(args[0], call)
            return node("tm_to_base64(" + args[0].sql + (name == "to_base64url" ? ", 1)" : ", 0)"), .varchar)
        case "from_base64", "from_base64url":
            try arity(call, args, 1)
            try requireTextOrBinary(args[0], call)
            return node("tm_from_base64(" + args[0].sql + (name == "from_base64url" ? ", 1)" : ", 0)"), .varbinary)
        case _ where Self.digests.contains(name):
            try arity(call, args, 1)
            try requireBinary(args[0], call)
            return node(Fragment("tm_digest('\(name)', ") + args[0].sql + ")", .varbinary)
        case _ where name.hasPrefix("hmac_") && Self.digests.contains(String(name.dropFirst(5))):
            try arity(call, args, 2)
            try requireBinary(args[0], call)
            try requireBinary(args[1], call)
            return node(
                Fragment("tm_hmac('\(name.dropFirst(5))', ") + args[0].sql + ", " + args[1].sql + ")", .varbinary)
        case "xxhash64":
            try arity(call, args, 1)
            try requireBinary(args[0], call)
            return node("tm_xxhash64(" + args[0].sql + ")", .varbinary)
        case "crc32":
            try arity(call, args, 1)
            try requireBinary(args[0], call)
            return node("tm_crc32(" + args[0].sql + ")", .bigint)
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
        case "from_big_endian_64", "from_big_endian_32":
            try arity(call, args, 1)
            try requireBinary(args[0], call)
            return node("tm_from_big_endian(" + args[0].sql + (name.hasSuffix("64") ? ", 8)" : ", 4)"), .bigint)
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

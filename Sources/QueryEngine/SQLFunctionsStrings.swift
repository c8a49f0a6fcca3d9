import Foundation
import SQLite

/// Trino's padding, code point, edit distance and URL functions (`lpad`, `chr`,
/// `levenshtein_distance`, `url_decode`, `url_extract_host`, ...). Lengths count code points,
/// as Trino's do.
extension SQLFunctions {
    static func registerStrings(_ c: Connection) throws(SQLiteError) {
        for (name, left) in [("tm_lpad", true), ("tm_rpad", false)] {
            try define(c, name, argumentCount: 3) { args, result in
                guard let text = args.text(0), !args.isNull(1), let pad = args.text(2) else { return result.null() }
                let size = args.int64(1)
                guard size >= 0, size <= 1 << 20 else {
                    return result.error("Target length must be in the range [0..1048576]")
                }
                guard !pad.isEmpty else { return result.error("Padding string must not be empty") }
                let scalars = Array(text.unicodeScalars)
                guard scalars.count < size else { return result.text(string(scalars.prefix(Int(size)))) }
                let filler = Array(pad.unicodeScalars)
                let padding = (0..<(Int(size) - scalars.count)).map { filler[$0 % filler.count] }
                result.text(left ? string(padding + scalars) : string(scalars + padding))
            }
        }
        try define(c, "tm_chr", argumentCount: 1) { args, result in
            guard !args.isNull(0) else { return result.null() }
            let value = args.int64(0)
            guard let code = UInt32(exactly: value), let scalar = Unicode.Scalar(code) else {
                return result.error("Not a valid Unicode code point: \(value)")
            }
            result.text(String(scalar))
        }
        try define(c, "tm_codepoint", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 1 else {
                return result.error("Input string must be a single character string")
            }
            result.int64(Int64(scalars[0].value))
        }
        try define(c, "tm_levenshtein_distance", argumentCount: 2) { args, result in
            guard let a = args.text(0), let b = args.text(1) else { return result.null() }
            result.int64(Int64(levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars))))
        }
        try define(c, "tm_hamming_distance", argumentCount: 2) { args, result in
            guard let a = args.text(0), let b = args.text(1) else { return result.null() }
            let (x, y) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
            guard x.count == y.count else {
                return result.error("The input strings to hamming_distance function must have the same length")
            }
            result.int64(Int64(zip(x, y).filter { $0 != $1 }.count))
        }
        try define(c, "tm_url_encode", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            var out = ""
            for byte in text.utf8 {
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x2D, 0x2A, 0x5F:
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                case 0x20: out += "+"
                default: out += String(format: "%%%02X", byte)
                }
            }
            result.text(out)
        }
        try define(c, "tm_url_decode", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            var bytes: [UInt8] = []
            var utf8 = Array(text.utf8)[...]
            while let byte = utf8.popFirst() {
                if byte == 0x2B {
                    bytes.append(0x20)
                } else if byte == 0x25 {
                    guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
                    else { return result.error("Incomplete trailing escape (%) pattern") }
                    bytes.append(value)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
            result.text(bytes)
        }
        try define(c, "tm_url_extract", argumentCount: 2) { args, result in
            guard let url = args.text(0), let part = args.text(1) else { return result.null() }
            guard let components = URLComponents(string: url) else { return result.null() }
            switch part {
            case "host": components.percentEncodedHost.map { result.text($0) } ?? result.null()
            case "path": result.text(components.percentEncodedPath)
            case "query": components.percentEncodedQuery.map { result.text($0) } ?? result.null()
            case "fragment": components.percentEncodedFragment.map { result.text($0) } ?? result.null()
            case "port": components.port.map { result.int64(Int64($0)) } ?? result.null()
            default: result.null()
            }
        }
        try define(c, "tm_url_extract_parameter", argumentCount: 2) { args, result in
            guard let url = args.text(0), let name = args.text(1) else { return result.null() }
            guard let query = URLComponents(string: url)?.percentEncodedQuery else { return result.null() }
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts[0] == name { return result.text(parts.count > 1 ? String(parts[1]) : "") }
            }
            result.null()
        }
    }

    private static func string<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Edits (insertions, deletions, substitutions) from `a` to `b`, one row of the table at a time.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for (i, x) in a.enumerated() {
            current[0] = i + 1
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension TranslationContext {
    /// The translation of a call to one of the functions above, or `last_day_of_month`; else nil.
    func translateStringCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func tm(_ function: String, _ type: SQLType, prefix: [String] = []) -> TExpr {
            let parts = prefix.map { Fragment($0) } + args.map(\.sql)
            return .node(Fragment(function + "(", at: at) + Fragment.join(parts, ", ") + ")", type, at: at, kids: args)
        }
        switch name {
        case "soundex":
            try arity(call, args, 1)
            try requireText(args[0], call)
            return tm("tm_soundex", .varchar)
        case "concat_ws":
            // concat_ws(separator, s1, ...) or concat_ws(separator, array): NULLs skipped.
            guard args.count >= 2 else { throw arityError(call, "at least 2") }
            try requireText(args[0], call)
            if args.count == 2, case .array(let element) = args[1].type {
                guard [.varchar, .unknown, .null].contains(element) else {
                    throw .invalid(message: "concat_ws takes an array of varchar", at: location(args[1].at))
                }
                return .node(
                    Fragment("tm_array_join(", at: at) + args[1].sql + ", " + args[0].sql + ")", .varchar, at: at,
                    kids: args)
            }
            for arg in args.dropFirst() { try requireText(arg, call) }
            return tm("tm_concat_ws", .varchar)
        case "lpad", "rpad":
            try arity(call, args, 3)
            try requireInteger(args[1], call)
            return tm("tm_" + name, .varchar)
        case "chr":
            try arity(call, args, 1)
            try requireInteger(args[0], call)
            return tm("tm_chr", .varchar)
        case "codepoint":
            try arity(call, args, 1)
            return tm("tm_codepoint", .bigint)
        case "levenshtein_distance", "hamming_distance":
            try arity(call, args, 2)
            return tm("tm_" + name, .bigint)
        case "url_encode", "url_decode":
            try arity(call, args, 1)
            return tm("tm_" + name, .varchar)
        case "url_extract_host", "url_extract_path", "url_extract_query", "url_extract_fragment", "url_extract_port":
            try arity(call, args, 1)
            let part = String(name.dropFirst("url_extract_".count))
            return .node(
                Fragment("tm_url_extract(", at: at) + args[0].sql + Fragment(", '\(part)')", at: at),
                part == "port" ? .bigint : .varchar, at: at, kids: args)
        case "url_extract_parameter":
            try arity(call, args, 2)
            return tm("tm_url_extract_parameter", .varchar)
        case "last_day_of_month":
            try arity(call, args, 1)
            try requireTime(args[0], call)
            // The first of the next month, less a day.
            let month = TExpr.node(
                Fragment("tm_date_trunc('month', ", at: at) + args[0].sql + ")", .date, at: at, kids: args)
            let next = TExpr.node(
                Fragment("tm_date_add('month', 1, ", at: at) + month.sql + ")", .date, at: at, kids: [month])
            return .node(
                Fragment("substr(tm_date_add('day', -1, ", at: at) + next.sql + "), 1, 10)", .date, at: at, kids: [next]
            )
        default:
            return nil
        }
    }
}

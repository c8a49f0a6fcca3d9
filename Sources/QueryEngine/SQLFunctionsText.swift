import PatternMatching
import SQLite

extension SQLFunctions {
    static func registerText(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_lower", argumentCount: 1) { args, result in changeCase(args, result, upper: false) }
        try define(c, "tm_upper", argumentCount: 1) { args, result in changeCase(args, result, upper: true) }
        try define(c, "tm_like", argumentCount: -1) { args, result in
            guard let text = args.text(0), let pattern = args.text(1) else { return result.null() }
            var escape: Unicode.Scalar?
            if args.count > 2 {
                guard let e = args.text(2) else { return result.null() }
                guard e.unicodeScalars.count == 1 else {
                    return result.error("Escape string must be a single character")
                }
                escape = e.unicodeScalars.first
            }
            result.bool(likeMatch(Array(text.unicodeScalars)[...], Array(pattern.unicodeScalars)[...], escape: escape))
        }
        try define(c, "tm_substr", argumentCount: -1) { args, result in
            guard let text = args.text(0), !args.isNull(1) else { return result.null() }
            let characters = Array(text)
            var start = args.int64(1)
            if start == 0 { return result.text("") }
            if start < 0 { start += Int64(characters.count) + 1 }
            if start < 1 || start > Int64(characters.count) { return result.text("") }
            var end = Int64(characters.count)
            if args.count > 2 {
                if args.isNull(2) { return result.null() }
                let length = args.int64(2)
                if length < 0 { return result.error("Length must be greater than or equal to zero") }
                // Capped before adding: a length near Int64.max would overflow the sum.
                end = min(end, start - 1 + min(length, end))
            }
            result.text(String(characters[Int(start - 1)..<Int(max(end, start - 1))]))
        }
        try define(c, "tm_starts_with", argumentCount: 2) { args, result in
            guard let text = args.bytes(0), let prefix = args.bytes(1) else { return result.null() }
            result.bool(text.count >= prefix.count && text.prefix(prefix.count).elementsEqual(prefix))
        }
        try define(c, "tm_soundex", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            guard let code = Soundex.code(bytes) else {
                return result.unrepresentable("soundex of text with non-ASCII letters is not supported by TrailMeter")
            }
            result.text(code)
        }
        try define(c, "tm_ends_with", argumentCount: 2) { args, result in
            guard let text = args.bytes(0), let suffix = args.bytes(1) else { return result.null() }
            result.bool(text.count >= suffix.count && text.suffix(suffix.count).elementsEqual(suffix))
        }
        // tm_concat_ws(separator, s1, ...): the strings joined, NULLs skipped; NULL only for a NULL separator.
        try define(c, "tm_concat_ws", argumentCount: -1) { args, result in
            guard let separator = args.bytes(0) else { return result.null() }
            var out: [UInt8] = []
            var first = true
            for index in 1..<args.count {
                guard let part = args.bytes(index) else { continue }
                if !first { out.append(contentsOf: separator) }
                out.append(contentsOf: part)
                first = false
            }
            result.text(out)
        }
        try define(c, "tm_split_part", argumentCount: 3) { args, result in
            guard let text = args.text(0), let separator = args.text(1), !args.isNull(2) else { return result.null() }
            let index = args.int64(2)
            guard index > 0 else { return result.error("Index must be greater than zero") }
            let parts = separator.isEmpty ? text.map(String.init) : text.components(separatedByString: separator)
            guard index <= parts.count else { return result.null() }
            result.text(parts[Int(index - 1)])
        }
        let regexes = RegexCache(c)
        try define(c, "tm_regexp_like", argumentCount: 2) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            _ = UTF8Subject.with(args, 0) { text in
                switch regexes.firstMatch(regex, in: text, result) {
                case .found: result.bool(true)
                case .none: result.bool(false)
                case .failed: break
                }
            }
        }
        try define(c, "tm_regexp_extract", argumentCount: -1) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            let group = args.count > 2 ? Int(args.int64(2)) : 0
            _ = UTF8Subject.with(args, 0) { text in
                guard case .found(let match) = regexes.firstMatch(regex, in: text, result) else {
                    return  // no match leaves the result NULL; a failure has set the error
                }
                guard group >= 0, group <= regex.groupCount else {
                    return result.error("Pattern has \(regex.groupCount) groups. Cannot access group \(group)")
                }
                guard let range = match.groups[group] else { return result.null() }
                result.text(UnsafeRawBufferPointer(rebasing: text.bytes[range]))
            }
        }
        try define(c, "tm_regexp_extract_all", argumentCount: -1) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            let group = args.count > 2 ? Int(args.int64(2)) : 0
            _ = UTF8Subject.with(args, 0) { text in
                var values: [String] = []
                var badGroup = false
                let finished = regexes.forEachMatch(regex, in: text, result) { match in
                    guard group >= 0, group <= regex.groupCount else {
                        badGroup = true
                        return false
                    }
                    values.append(match.groups[group].map { JSONScan.quote(text.text($0)) } ?? "null")
                    return true
                }
                guard finished else { return }
                if badGroup {
                    return result.error("Pattern has \(regex.groupCount) groups. Cannot access group \(group)")
                }
                result.text("[" + values.joined(separator: ",") + "]")
            }
        }
        try define(c, "tm_regexp_replace", argumentCount: -1) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            let replacement = args.count > 2 ? (args.text(2) ?? "") : ""
            _ = UTF8Subject.with(args, 0) { text in
                var replaced = ""
                var rest = 0
                let finished = regexes.forEachMatch(regex, in: text, result) { match in
                    replaced += text.text(rest..<match.range.lowerBound)
                    replaced += expandReplacement(replacement, match, text)
                    rest = match.range.upperBound
                    return true
                }
                guard finished else { return }
                replaced += text.text(rest..<text.bytes.count)
                result.text(replaced)
            }
        }
    }

    private static func changeCase(_ args: FunctionArguments, _ result: FunctionResult, upper: Bool) {
        guard let bytes = args.bytes(0) else { return result.null() }
        if !bytes.contains(where: { $0 >= 0x80 }) {
            var out = [UInt8](bytes)
            for i in out.indices {
                if upper, out[i] >= 0x61, out[i] <= 0x7A { out[i] -= 32 }
                if !upper, out[i] >= 0x41, out[i] <= 0x5A { out[i] += 32 }
            }
            return result.text(out)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        result.text(upper ? text.uppercased() : text.lowercased())
    }

    /// SQL LIKE over Unicode scalars, case-sensitive as in Trino.
    static func likeMatch(
        _ text: ArraySlice<Unicode.Scalar>, _ pattern: ArraySlice<Unicode.Scalar>, escape: Unicode.Scalar?
    ) -> Bool {
        var t = text.startIndex
        var p = pattern.startIndex
        var starP: Int?
        var starT = 0
        while t < text.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if let escape, c == escape, p + 1 < pattern.endIndex {
                    if pattern[p + 1] == text[t] {
                        p += 2
                        t += 1
                        continue
                    }
                } else if c == "%" {
                    starP = p
                    starT = t
                    p += 1
                    continue
                } else if c == "_" || c == text[t] {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starT += 1
            t = starT
        }
        while p < pattern.endIndex, pattern[p] == "%" { p += 1 }
        return p == pattern.endIndex
    }

    /// Trino's replacement syntax: `$1`, `${name}` unsupported, `\$` a literal dollar.
    private static func expandReplacement(_ replacement: String, _ match: PatternMatch, _ text: UTF8Subject) -> String {
        var out = ""
        var chars = Array(replacement)[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.popFirst() {
                out.append(next)
                continue
            }
            if c == "$" {
                var digits = ""
                while let d = chars.first, d.isASCII, d.isNumber {
                    digits.append(d)
                    chars.removeFirst()
                }
                if let group = Int(digits), group < match.groups.count {
                    if let range = match.groups[group] { out += text.text(range) }
                    continue
                }
                out.append("$")
                out += digits
                continue
            }
            out.append(c)
        }
        return out
    }
}

import CloudTrail
import PatternMatching
import SQLite

/// Trino's scalar functions SQLite lacks, beyond the first set: bit shifts, `translate`, the
/// other regular-expression functions, Luhn checks, data sizes, URLs, CIDR containment and the
/// array helpers (`ngrams`, `combinations`, `trim_array`, `array_histogram`, vector distances).
extension SQLFunctions {
    static func registerScalars(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_shift", argumentCount: 3) { args, result in shift(args, result) }
        try define(c, "tm_translate", argumentCount: 3) { args, result in
            guard let text = args.text(0), let from = args.text(1), let to = args.text(2) else { return result.null() }
            let targets = Array(to.unicodeScalars)
            var mapping: [Unicode.Scalar: Unicode.Scalar?] = [:]
            for (index, scalar) in from.unicodeScalars.enumerated() where mapping[scalar] == nil {
                mapping[scalar] = .some(index < targets.count ? targets[index] : nil)
            }
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if let mapped = mapping[scalar] {
                    if let mapped { out.append(mapped) }
                } else {
                    out.append(scalar)
                }
            }
            result.text(String(out))
        }
        let regexes = RegexCache(c)
        try define(c, "tm_regexp_position", argumentCount: -1) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            let start = args.count > 2 ? args.int64(2) : 1
            let occurrence = args.count > 3 ? args.int64(3) : 1
            guard start >= 1 else { return result.error("start position must be a positive integer") }
            guard occurrence >= 1 else { return result.error("occurrence must be a positive integer") }
            _ = UTF8Subject.with(args, 0) { text in
                guard start <= Int64(text.bytes.count), let from = text.byteOffset(ofScalar: Int(start - 1)),
                    from < text.bytes.count
                else { return result.int64(-1) }
                var found: Int64 = 0
                var position: Int64 = -1
                let finished = regexes.forEachMatch(regex, in: text, from: from, result) { match in
                    found += 1
                    guard found == occurrence else { return true }
                    position = Int64(text.scalarCount(before: match.range.lowerBound)) + 1
                    return false
                }
                if finished { result.int64(position) }
            }
        }
        // regexp_replace with a lambda: the text cut into a JSON array of the pieces between
        // matches (strings) and each match's capturing groups (arrays, null for a group that did
        // not take part).
        try define(c, "tm_regexp_pieces", argumentCount: 2) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            _ = UTF8Subject.with(args, 0) { text in
                var pieces: [String] = []
                var rest = 0
                let finished = regexes.forEachMatch(regex, in: text, result) { match in
                    pieces.append(JSONScan.quote(text.text(rest..<match.range.lowerBound)))
                    let groups = match.groups.dropFirst().map { range in
                        range.map { JSONScan.quote(text.text($0)) } ?? "null"
                    }
                    pieces.append("[" + groups.joined(separator: ",") + "]")
                    rest = match.range.upperBound
                    return true
                }
                guard finished else { return }
                pieces.append(JSONScan.quote(text.text(rest..<text.bytes.count)))
                result.text("[" + pieces.joined(separator: ",") + "]")
            }
        }
        try define(c, "tm_lambda_returned_null", argumentCount: 1) { _, result in
            result.error("unsupported: the replacement lambda returned NULL")
        }
        try define(c, "tm_regexp_count", argumentCount: 2) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            _ = UTF8Subject.with(args, 0) { text in
                var count: Int64 = 0
                if regexes.forEachMatch(
                    regex, in: text, result,
                    { _ in
                        count += 1
                        return true
                    })
                {
                    result.int64(count)
                }
            }
        }
        try define(c, "tm_regexp_split", argumentCount: 2) { args, result in
            guard !args.isNull(0), let pattern = args.text(1) else { return result.null() }
            guard let regex = regexes.regex(pattern, result) else { return }
            _ = UTF8Subject.with(args, 0) { text in
                var parts: [String] = []
                var rest = 0
                let finished = regexes.forEachMatch(regex, in: text, result) { match in
                    parts.append(JSONScan.quote(text.text(rest..<match.range.lowerBound)))
                    rest = match.range.upperBound
                    return true
                }
                guard finished else { return }
                parts.append(JSONScan.quote(text.text(rest..<text.bytes.count)))
                result.text("[" + parts.joined(separator: ",") + "]")
            }
        }
        try define(c, "tm_luhn_check", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            var sum = 0
            for (index, character) in text.reversed().enumerated() {
                guard let digit = character.wholeNumberValue, character.isASCII else { return result.bool(false) }
                let doubled = index % 2 == 1 ? digit * 2 : digit
                sum += doubled > 9 ? doubled - 9 : doubled
            }
            result.bool(!text.isEmpty && sum % 10 == 0)
        }
        try define(c, "tm_overlay", argumentCount: -1) { args, result in
            guard let text = args.text(0), let replacement = args.text(1), !args.isNull(2) else { return result.null() }
            let characters = Array(text.unicodeScalars)
            let start = Int(args.int64(2))
            let length = args.count > 3 ? Int(args.int64(3)) : replacement.unicodeScalars.count
            guard start >= 1, length >= 0 else { return result.error("Invalid overlay position or length") }
            let head = characters.prefix(min(start - 1, characters.count))
            let tailStart = min(characters.count, start - 1 + length)
            var out = String.UnicodeScalarView(head)
            out.append(contentsOf: replacement.unicodeScalars)
            out.append(contentsOf: characters[tailStart...])
            result.text(String(out))
        }
        try define(c, "tm_is_json_scalar", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let scan = JSONScan(bytes: bytes)
            guard let root = scan.root(), let kind = JSONScan.kind(of: bytes[root.lowerBound]) else {
                return result.error("Invalid JSON value: \(args.text(0) ?? "")")
            }
            result.bool(kind != .object && kind != .array)
        }
        try define(c, "tm_url_extract_protocol", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            guard let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].hasPrefix("//") else {
                return result.null()
            }
            let scheme = text[..<colon]
            guard let first = scheme.first, first.isLetter,
                scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
            else { return result.null() }
            result.text(String(scheme))
        }
        try define(c, "tm_parse_data_size", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            guard let bytes = dataSize(text) else { return result.error("Invalid data size: '\(text)'") }
            result.int64(bytes)
        }
        try define(c, "tm_human_readable_seconds", argumentCount: 1) { args, result in
            guard !args.isNull(0) else { return result.null() }
            let value = args.double(0).rounded(.toNearestOrAwayFromZero)
            guard value >= 0, value < 9.2e18 else {
                return result.error("unsupported: human_readable_seconds of a negative or huge number")
            }
            var seconds = Int64(value)
            var parts: [String] = []
            for (name, size) in [("week", 604_800), ("day", 86_400), ("hour", 3_600), ("minute", 60)]
                as [(String, Int64)]
            where seconds >= size {
                let count = seconds / size
                seconds %= size
                parts.append("\(count) \(name)\(count == 1 ? "" : "s")")
            }
            if seconds > 0 || parts.isEmpty { parts.append("\(seconds) second\(seconds == 1 ? "" : "s")") }
            result.text(parts.joined(separator: ", "))
        }
        try registerArrayHelpers(c)
        try registerArraySets(c)
        try registerSequences(c)
        try registerStrings(c)
        try registerParseDateTime(c)
    }

    /// `tm_shift(kind, value, shift)`: `l` left, `r` logical right, `a` arithmetic right. Trino's
    /// answer for shifts of 32 to 63 bits and for logical right shifts of negative numbers depends
    /// on the argument's integer width, which TrailMeter does not track: those fail.
    private static func shift(_ args: FunctionArguments, _ result: FunctionResult) {
        guard let kind = args.text(0), !args.isNull(1), !args.isNull(2) else { return result.null() }
        let value = args.int64(1)
        let bits = args.int64(2)
        guard bits >= 0 else { return result.error("shift must not be negative") }
        let unsupported = "unsupported: this bit shift's result depends on the integer type's width"
        switch kind {
        case "l":
            if value == 0 || bits == 0 { return result.int64(value) }
            guard bits < 32, let shifted = Int32(exactly: value).map({ Int64($0) << bits }),
                Int32(exactly: shifted) != nil
            else { return result.error(unsupported) }
            result.int64(shifted)
        case "r":
            if bits == 0 || value == 0 { return result.int64(value) }
            if bits >= 64 { return result.int64(0) }
            guard value > 0, bits < 32 else { return result.error(unsupported) }
            result.int64(value >> bits)
        default:
            if bits == 0 || value == 0 { return result.int64(value) }
            if bits >= 64 { return result.int64(value < 0 ? -1 : 0) }
            guard bits < 32 else { return result.error(unsupported) }
            result.int64(value >> bits)
        }
    }

    /// `1kB` = 1024 bytes ... `EB`; fractions are cut toward zero, as Trino's decimal result is.
    static func dataSize(_ text: String) -> Int64? {
        let units: [(String, Double)] = [
            ("EB", 1_152_921_504_606_846_976), ("PB", 1_125_899_906_842_624), ("TB", 1_099_511_627_776),
            ("GB", 1_073_741_824), ("MB", 1_048_576), ("kB", 1024), ("B", 1),
        ]
        let trimmed = text.trimmingSpaces
        for (suffix, size) in units where trimmed.hasSuffix(suffix) {
            let number = String(trimmed.dropLast(suffix.count)).trimmingSpaces
            guard let value = Double(number), value >= 0, number.first?.isNumber == true else { return nil }
            let bytes = (value * size).rounded(.towardZero)
            guard bytes < 9.2e18 else { return nil }
            return Int64(bytes)
        }
        return nil
    }
}

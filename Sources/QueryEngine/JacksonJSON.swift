/// JSON text as Trino holds a value it parsed. `json_parse` and `JSON '...'` literals go through
/// Jackson: the text is read into maps, lists, numbers and strings and written back compact, with
/// every object's keys sorted (`ORDER_MAP_ENTRIES_BY_KEYS`) and a repeated key keeping its last
/// value. So `json_parse('{"b": 1.50, "a": 2}')` is `{"a":2,"b":1.5}`, and a map cast from it
/// lists `a` first. Jackson's reading is strict: what it rejects (leading zeros, unknown escapes,
/// raw control characters, trailing text) is not JSON here either.
enum JacksonJSON {
    /// How objects are written back.
    enum Keys {
        /// Sorted by their UTF-16 code units (Java's `String.compareTo`), a repeated key once with
        /// its last value: a parsed value (`json_parse`).
        case sorted
        /// In the order written, repeats kept: the text as Trino copies it token by token.
        case asWritten
    }

    /// The normal form of `bytes`, or nil when Jackson would not read it.
    static func normalized(_ bytes: UnsafeRawBufferPointer, keys: Keys) -> [UInt8]? {
        var reader = Reader(bytes: bytes, keys: keys)
        reader.skipSpace()
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.position == bytes.count ? value : nil
    }

    static func normalized(_ text: String, keys: Keys) -> String? {
        var copy = text
        return copy.withUTF8 { buffer in
            normalized(UnsafeRawBufferPointer(buffer), keys: keys).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Jackson's default limit on nesting.
    private static let maximumDepth = 1000

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let keys: Keys
        var position = 0

        init(bytes: UnsafeRawBufferPointer, keys: Keys) {
            self.bytes = bytes
            self.keys = keys
        }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func value(depth: Int) -> [UInt8]? {
            guard depth < JacksonJSON.maximumDepth, let first = peek() else { return nil }
            switch first {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22:
                guard let text = string() else { return nil }
                return JacksonJSON.quoted(text)
            case 0x74: return word("true")
            case 0x66: return word("false")
            case 0x6E: return word("null")
            case 0x2D, 0x30...0x39: return number()
            default: return nil
            }
        }

        private mutating func word(_ literal: String) -> [UInt8]? {
            let expected = Array(literal.utf8)
            guard position + expected.count <= bytes.count,
                bytes[position..<(position + expected.count)].elementsEqual(expected)
            else { return nil }
            position += expected.count
            return expected
        }

        private mutating func array(depth: Int) -> [UInt8]? {
            position += 1
            var out: [UInt8] = [0x5B]
            skipSpace()
            if peek() == 0x5D {
                position += 1
                return [0x5B, 0x5D]
            }
            while true {
                skipSpace()
                guard let element = value(depth: depth + 1) else { return nil }
                out += element
                skipSpace()
                switch peek() {
                case 0x2C:
                    position += 1
                    out.append(0x2C)
                case 0x5D:
                    position += 1
                    out.append(0x5D)
                    return out
                default: return nil
                }
            }
        }

        private mutating func object(depth: Int) -> [UInt8]? {
            position += 1
            var members: [(key: [UInt8], value: [UInt8])] = []
            skipSpace()
            if peek() == 0x7D {
                position += 1
                return [0x7B, 0x7D]
            }
            while true {
                skipSpace()
                guard peek() == 0x22, let key = string() else { return nil }
                skipSpace()
                guard peek() == 0x3A else { return nil }
                position += 1
                skipSpace()
                guard let member = value(depth: depth + 1) else { return nil }
                if keys == .sorted, let index = members.firstIndex(where: { $0.key == key }) {
                    members[index].value = member
                } else {
                    members.append((key, member))
                }
                skipSpace()
                switch peek() {
                case 0x2C: position += 1
                case 0x7D:
                    position += 1
                    if keys == .sorted { members.sort { JacksonJSON.javaOrder($0.key, $1.key) } }
                    var out: [UInt8] = [0x7B]
                    for (index, member) in members.enumerated() {
                        if index > 0 { out.append(0x2C) }
                        out += JacksonJSON.quoted(member.key)
                        out.append(0x3A)
                        out += member.value
                    }
                    out.append(0x7D)
                    return out
                default: return nil
                }
            }
        }

        /// A string's text (escapes decoded, as UTF-8); the reader is on its opening quote.
        private mutating func string() -> [UInt8]? {
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case 0x22: return out
                case 0x5C:
                    guard position < bytes.count else { return nil }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case 0x22, 0x5C, 0x2F: out.append(escape)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x75:
                        guard let scalar = unicodeEscape() else { return nil }
                        out += Array(String(Character(scalar)).utf8)
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(byte)
                }
            }
            return nil
        }

        /// The character of `\uXXXX` (the reader is after the `u`), a surrogate pair as one.
        private mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hexUnit() else { return nil }
            guard (0xD800..<0xDC00).contains(high) else { return Unicode.Scalar(high) }
            // Jackson writes a lone surrogate nowhere: it fails, so it is not JSON here.
            guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75 else { return nil }
            position += 2
            guard let low = hexUnit(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }

        private mutating func hexUnit() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var unit: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = Character(Unicode.Scalar(bytes[position])).hexDigitValue else { return nil }
                unit = unit << 4 | UInt32(digit)
                position += 1
            }
            return unit
        }

        /// A number as Jackson writes back what it read: an integer as its value (`-0` is `0`), a
        /// number with a fraction or exponent as the double it is, in Java's form (`1.5`, `100.0`).
        private mutating func number() -> [UInt8]? {
            let start = position
            if peek() == 0x2D { position += 1 }
            guard let lead = peek(), (0x30...0x39).contains(lead) else { return nil }
            position += 1
            if lead != 0x30 { digits() } else if let next = peek(), (0x30...0x39).contains(next) { return nil }
            var isInteger = true
            if peek() == 0x2E {
                position += 1
                guard digits() > 0 else { return nil }
                isInteger = false
            }
            if peek() == 0x45 || peek() == 0x65 {
                position += 1
                if peek() == 0x2B || peek() == 0x2D { position += 1 }
                guard digits() > 0 else { return nil }
                isInteger = false
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if isInteger { return text == "-0" ? [0x30] : Array(text.utf8) }
            guard let value = Double(text) else { return nil }
            let javaText = ValuePresentation.doubleText(value)
            // Jackson quotes the non-finite (QUOTE_NON_NUMERIC_NUMBERS).
            return value.isFinite ? Array(javaText.utf8) : Array("\"\(javaText)\"".utf8)
        }

        @discardableResult
        private mutating func digits() -> Int {
            let start = position
            while let byte = peek(), (0x30...0x39).contains(byte) { position += 1 }
            return position - start
        }
    }

    /// A string as Jackson writes it: `"` and `\` escaped, control characters as `\n`-style or
    /// `\u00XX` escapes (upper-case hex), everything else as its UTF-8 bytes.
    static func quoted(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.count + 2)
        for byte in text {
            switch byte {
            case 0x22, 0x5C: out += [0x5C, byte]
            case 0x08: out += [0x5C, 0x62]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0C: out += [0x5C, 0x66]
            case 0x0D: out += [0x5C, 0x72]
            case 0..<0x20:
                let hex = Array("0123456789ABCDEF".utf8)
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return out
    }

    /// Java's `String.compareTo`: by UTF-16 code units, which orders characters above U+FFFF
    /// (surrogates) before U+E000...U+FFFF, unlike their UTF-8 bytes.
    static func javaOrder(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.allSatisfy({ $0 < 0x80 }) || b.allSatisfy({ $0 < 0x80 }) { return a.lexicographicallyPrecedes(b) }
        return String(decoding: a, as: UTF8.self).utf16.lexicographicallyPrecedes(
            String(decoding: b, as: UTF8.self).utf16)
    }
}

extension JacksonJSON {
    /// A value inside a document as `json_extract` returns it: Trino copies the value's tokens
    /// to new text, so space goes, numbers with a fraction become doubles (`1.50` is `1.5`) and
    /// escapes are written Jackson's way. Values the copy leaves as they are are not rewritten.
    static func copied(_ scan: JSONScan, _ range: Range<Int>) -> [UInt8]? {
        let value = UnsafeRawBufferPointer(rebasing: scan.bytes[range])
        guard let first = value.first else { return nil }
        let unchanged: Bool
        switch first {
        case 0x22: unchanged = !value.contains(0x5C)
        case 0x74, 0x66, 0x6E: unchanged = true
        case 0x2D, 0x30...0x39:
            unchanged =
                !value.contains(where: { $0 == 0x2E || $0 == 0x45 || $0 == 0x65 })
                && !value.elementsEqual([0x2D, 0x30])
        default: unchanged = false
        }
        return unchanged ? Array(value) : normalized(value, keys: .asWritten)
    }
}

extension TranslationContext {
    /// `json_parse(x)` cast to an array, map or row: Trino's planner reads `x` straight into the
    /// target (`$internal$json_string_to_map_cast`), so a map keeps the keys in the order written
    /// rather than a parsed value's sorted order. Nil for any other cast.
    func parsedAsWritten(_ value: Expr, castTo target: TypeName, scope: Scope, ctes: CTEs) throws(QueryError)
        -> TExpr?
    {
        switch target {
        case .array, .map, .row: break
        default: return nil
        }
        guard case .call(let call) = value, call.name.folded == "json_parse", call.window == nil,
            call.arguments.count == 1, !call.distinct, call.filter == nil
        else { return nil }
        let text = try translateExpression(call.arguments[0], scope: scope, ctes: ctes)
        try requireText(text, call)
        return callN("tm_json_parse_as_written", [text], .json, at: call.name.start)
    }
}

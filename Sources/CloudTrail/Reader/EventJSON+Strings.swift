extension EventJSON {
    /// `text` as a JSON string literal, escaped as ``appendString(_:into:)`` escapes.
    public static func quoted(_ text: String) -> String {
        var text = text
        var bytes: [UInt8] = []
        text.withUTF8 { appendString(UnsafeRawBufferPointer($0), into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of a JSON string's body (the bytes between its quotes) with its escapes
    /// undone, surrogate pairs joined and lone surrogates replaced by U+FFFD. Returns false at a
    /// malformed escape, having appended what came before it.
    @discardableResult
    public static func appendUnescaped(_ body: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= body.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = JSONScanner.hexValue(body[at + offset]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        var index = 0
        while index < body.count {
            let byte = body[index]
            guard byte == 0x5C else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < body.count else { return false }
            let code = body[index + 1]
            index += 2
            switch code {
            case 0x22, 0x5C, 0x2F: out.append(code)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var scalar = hex4(index) else { return false }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= body.count, body[index] == 0x5C,
                    body[index + 1] == 0x75, let low = hex4(index + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                out.append(contentsOf: Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? [0xEF, 0xBF, 0xBD])
            default: return false
            }
        }
        return true
    }
}

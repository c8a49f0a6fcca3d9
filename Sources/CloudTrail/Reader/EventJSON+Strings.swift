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
        guard body.count > 0 else { return true }
        let first = out.count
        out.append(contentsOf: repeatElement(0, count: body.count))
        let (written, complete) = out.withUnsafeMutableBufferPointer { unescape(body, into: $0.baseAddress! + first) }
        out.removeLast(body.count - written)
        return complete
    }

    /// Writes what ``appendUnescaped(_:into:)`` appends to `out`, which has room for `body.count`
    /// bytes (undoing an escape never lengthens the text). Returns the bytes written, and false
    /// at a malformed escape, having written what came before it.
    static func unescape(_ body: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) -> (Int, Bool) {
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= body.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = JSONScanner.hexValue(body[at + offset]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        var written = 0
        func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        var index = 0
        while index < body.count {
            let byte = body[index]
            guard byte == 0x5C else {
                put(byte)
                index += 1
                continue
            }
            guard index + 1 < body.count else { return (written, false) }
            let code = body[index + 1]
            index += 2
            switch code {
            case 0x22, 0x5C, 0x2F: put(code)
            case 0x62: put(0x08)
            case 0x66: put(0x0C)
            case 0x6E: put(0x0A)
            case 0x72: put(0x0D)
            case 0x74: put(0x09)
            case 0x75:
                guard var scalar = hex4(index) else { return (written, false) }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= body.count, body[index] == 0x5C,
                    body[index + 1] == 0x75, let low = hex4(index + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                // A lone surrogate is no scalar: it becomes U+FFFD.
                if (0xD800..<0xE000).contains(scalar) { scalar = 0xFFFD }
                switch scalar {
                case ..<0x80: put(UInt8(scalar))
                case ..<0x800:
                    put(UInt8(0xC0 | scalar >> 6))
                    put(UInt8(0x80 | scalar & 0x3F))
                case ..<0x10000:
                    put(UInt8(0xE0 | scalar >> 12))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                default:
                    put(UInt8(0xF0 | scalar >> 18))
                    put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                }
            default: return (written, false)
            }
        }
        return (written, true)
    }
}

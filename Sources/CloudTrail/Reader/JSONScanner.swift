import Foundation

/// A validating, allocation-free JSON scanner over bytes in memory.
///
/// The scanner walks a buffer (a whole file, or the window of a file read in pieces) and hands
/// back positions; the record parser decides what to copy. It checks everything JSON requires,
/// UTF-8 inside strings included (README: invalid UTF-8 refuses the file).
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0
    /// Whitespace bytes skipped so far: zero over a range means that range is already compact.
    var whitespaceSkipped = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
    }

    /// What went wrong, and the byte offset where.
    struct Failure: Error {
        let expected: String
        let offset: Int
        /// The bytes at `offset` are not UTF-8 (rather than not JSON).
        var isEncoding = false
    }

    var atEnd: Bool { position >= end }

    @inline(__always) func peek() -> UInt8? { position < end ? base[position] : nil }

    @inline(__always) mutating func skipWhitespace() {
        let start = position
        while position < end {
            switch base[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default:
                whitespaceSkipped &+= position - start
                return
            }
        }
        whitespaceSkipped &+= position - start
    }

    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        if position < end && base[position] == byte {
            position += 1
            return true
        }
        return false
    }

    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(Failure) {
        guard consume(byte) else { throw Failure(expected: what(), offset: position) }
    }

    /// Scans a string whose opening quote is at `position`; returns the range between the quotes
    /// and whether it holds escapes.
    @inline(__always) mutating func scanString() throws(Failure) -> (start: Int, end: Int, escaped: Bool) {
        position += 1
        let start = position
        var escaped = false
        while position < end {
            // Eight bytes at a time while none is a quote, a backslash, a control character or
            // outside ASCII (checked one sequence at a time below). The lowest flagged byte is
            // exact (borrows only flag bytes above a true match), so the scan jumps straight to it.
            while position + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                let quote = word ^ 0x2222_2222_2222_2222
                let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let found =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- 0x2020_2020_2020_2020) & ~word) | word
                if found & high != 0 {
                    position += (found & high).trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            guard position < end else { break }
            let byte = base[position]
            if byte == 0x22 {
                position += 1
                return (start, position - 1, escaped)
            }
            if byte == 0x5C {
                escaped = true
                position += 1
                guard position < end else { break }
                switch base[position] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: position += 1
                case 0x75:
                    guard position + 4 < end, (1...4).allSatisfy({ Self.hexValue(base[position + $0]) != nil }) else {
                        throw Failure(expected: "four hex digits after \\u", offset: position + 1)
                    }
                    position += 5
                default: throw Failure(expected: "a valid escape sequence", offset: position - 1)
                }
                continue
            }
            if byte < 0x20 { throw Failure(expected: "no raw control character inside a string", offset: position) }
            if byte >= 0x80 {
                position += try utf8SequenceLength(at: position)
                continue
            }
            position += 1
        }
        throw Failure(expected: "a closing quote for the string", offset: end)
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte (at or above 0x80) is at `start`
    /// (Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
    private func utf8SequenceLength(at start: Int) throws(Failure) -> Int {
        let lead = base[start]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            second = 0x80...0x9F
        case 0xF0:
            length = 4
            second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            second = 0x80...0x8F
        default: throw Failure(expected: "UTF-8 text", offset: start, isEncoding: true)
        }
        guard start + length <= end, second.contains(base[start + 1]),
            (2..<length).allSatisfy({ base[start + $0] & 0xC0 == 0x80 })
        else { throw Failure(expected: "UTF-8 text", offset: start, isEncoding: true) }
        return length
    }

    /// Scans a number, `true`, `false` or `null` at `position`.
    mutating func scanLiteral() throws(Failure) -> (start: Int, end: Int) {
        let start = position
        switch base[position] {
        case 0x74: try expectWord("true")
        case 0x66: try expectWord("false")
        case 0x6E: try expectWord("null")
        default: try scanNumber()
        }
        return (start, position)
    }

    private mutating func expectWord(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= end, memcmp(base + position, word.utf8Start, count) == 0 else {
            throw Failure(expected: "\(word)", offset: position)
        }
        position += count
    }

    private mutating func scanNumber() throws(Failure) {
        let start = position
        _ = consume(0x2D)
        guard let first = peek(), Self.isDigit(first) else { throw Failure(expected: "a JSON value", offset: start) }
        if first == 0x30 { position += 1 } else { skipDigits() }
        if consume(0x2E) {
            guard let next = peek(), Self.isDigit(next) else {
                throw Failure(expected: "a digit after the decimal point", offset: position)
            }
            skipDigits()
        }
        if consume(0x65) || consume(0x45) {
            if !consume(0x2B) { _ = consume(0x2D) }
            guard let next = peek(), Self.isDigit(next) else {
                throw Failure(expected: "a digit in the exponent", offset: position)
            }
            skipDigits()
        }
    }

    @inline(__always) private mutating func skipDigits() {
        while position < end && Self.isDigit(base[position]) { position += 1 }
    }

    /// Skips any value (validating it), nesting included.
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < 512 else { throw Failure(expected: "nesting under 512 levels", offset: position) }
        skipWhitespace()
        guard let byte = peek() else { throw Failure(expected: "a JSON value", offset: position) }
        switch byte {
        case 0x22: _ = try scanString()
        case 0x7B:
            position += 1
            skipWhitespace()
            if consume(0x7D) { return }
            repeat {
                skipWhitespace()
                guard peek() == 0x22 else { throw Failure(expected: "a quoted key", offset: position) }
                _ = try scanString()
                skipWhitespace()
                try expect(0x3A, "':' after the key")
                try skipValue(depth: depth + 1)
                skipWhitespace()
            } while consume(0x2C)
            try expect(0x7D, "',' or '}'")
        case 0x5B:
            position += 1
            skipWhitespace()
            if consume(0x5D) { return }
            repeat {
                try skipValue(depth: depth + 1)
                skipWhitespace()
            } while consume(0x2C)
            try expect(0x5D, "',' or ']'")
        default: _ = try scanLiteral()
        }
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}

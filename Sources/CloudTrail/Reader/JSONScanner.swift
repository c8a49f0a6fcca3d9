import CJSONScan
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
    /// and whether it holds escapes. The byte loop is CJSONScan's; its common case is inlined here.
    @inline(__always) mutating func scanString() throws(Failure) -> (start: Int, end: Int, escaped: Bool) {
        let start = position + 1
        let outcome = cjson_scan_string_inline(base, start, end)
        guard outcome.failure == .none else { throw Failure(outcome.failure, offset: outcome.position) }
        position = outcome.position
        return (start, position - 1, outcome.escaped)
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

    /// Skips any value (validating it), nesting included, at most 512 levels deep counting
    /// from `depth`. The whitespace skipped inside it counts in `whitespaceSkipped`.
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        let outcome = cjson_skip_value(base, position, end, depth)
        whitespaceSkipped &+= outcome.whitespace
        position = outcome.position
        guard outcome.failure == .none else { throw Failure(outcome.failure, offset: outcome.position) }
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

extension JSONScanner.Failure {
    /// The failure CJSONScan reports, in the scanner's words.
    init(_ failure: CJSONFailure, offset: Int) {
        let expected: String
        switch failure {
        case .none, .expectedValue: expected = "a JSON value"
        case .unterminatedString: expected = "a closing quote for the string"
        case .invalidEscape: expected = "a valid escape sequence"
        case .invalidUnicodeEscape: expected = "four hex digits after \\u"
        case .controlCharacter: expected = "no raw control character inside a string"
        case .invalidUTF8: expected = "UTF-8 text"
        case .tooDeep: expected = "nesting under 512 levels"
        case .expectedKey: expected = "a quoted key"
        case .expectedColon: expected = "':' after the key"
        case .expectedObjectEnd: expected = "',' or '}'"
        case .expectedArrayEnd: expected = "',' or ']'"
        case .expectedTrue: expected = "true"
        case .expectedFalse: expected = "false"
        case .expectedNull: expected = "null"
        case .expectedFractionDigit: expected = "a digit after the decimal point"
        case .expectedExponentDigit: expected = "a digit in the exponent"
        }
        self.init(expected: expected, offset: offset, isEncoding: failure == .invalidUTF8)
    }
}

import CJSONScan

@testable import CloudTrail

/// Plain, byte-at-a-time versions of what CJSONScan does, written from JSON's grammar and
/// Unicode's table 3-7, with the offsets the reader's messages name.
enum Reference {
    struct StringOutcome: Equatable, CustomStringConvertible {
        var position: Int
        var failure: CJSONFailure
        var escaped: Bool

        init(position: Int, failure: CJSONFailure, escaped: Bool) {
            self.position = position
            self.failure = failure
            self.escaped = failure == .none && escaped
        }

        init(_ outcome: CJSONStringOutcome) {
            self.init(position: outcome.position, failure: outcome.failure, escaped: outcome.escaped)
        }

        var description: String { "position \(position), failure \(failure.rawValue), escaped \(escaped)" }
    }

    struct SkipOutcome: Equatable, CustomStringConvertible {
        var position: Int
        var failure: CJSONFailure
        /// Compared only when the skip succeeds.
        var whitespace: Int

        var description: String { "position \(position), failure \(failure.rawValue), whitespace \(whitespace)" }
    }

    /// The failure case a `JSONScanner.Failure` stands for, found by its text.
    static func failure(_ failure: JSONScanner.Failure) -> CJSONFailure {
        let all: [CJSONFailure] = [
            .unterminatedString, .invalidEscape, .invalidUnicodeEscape, .controlCharacter, .invalidUTF8, .tooDeep,
            .expectedValue, .expectedKey, .expectedColon, .expectedObjectEnd, .expectedArrayEnd, .expectedTrue,
            .expectedFalse, .expectedNull, .expectedFractionDigit, .expectedExponentDigit,
        ]
        return all.first { JSONScanner.Failure($0, offset: 0).expected == failure.expected } ?? .none
    }

    /// Table 3-7: for each lead byte range, the ranges of the bytes that follow it.
    static let wellFormed: [[ClosedRange<UInt8>]] = [
        [0xC2...0xDF, 0x80...0xBF],
        [0xE0...0xE0, 0xA0...0xBF, 0x80...0xBF],
        [0xE1...0xEC, 0x80...0xBF, 0x80...0xBF],
        [0xED...0xED, 0x80...0x9F, 0x80...0xBF],
        [0xEE...0xEF, 0x80...0xBF, 0x80...0xBF],
        [0xF0...0xF0, 0x90...0xBF, 0x80...0xBF, 0x80...0xBF],
        [0xF1...0xF3, 0x80...0xBF, 0x80...0xBF, 0x80...0xBF],
        [0xF4...0xF4, 0x80...0x8F, 0x80...0xBF, 0x80...0xBF],
    ]

    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// The string whose first byte after the opening quote is at `start`.
    static func scanString(_ text: [UInt8], from start: Int) -> StringOutcome {
        func failed(_ failure: CJSONFailure, _ offset: Int) -> StringOutcome {
            StringOutcome(position: offset, failure: failure, escaped: false)
        }
        var index = start
        var escaped = false
        while index < text.count {
            let byte = text[index]
            if byte == 0x22 { return StringOutcome(position: index + 1, failure: .none, escaped: escaped) }
            if byte == 0x5C {
                escaped = true
                guard index + 1 < text.count else { return failed(.unterminatedString, text.count) }
                let letter = text[index + 1]
                if Array(#""\/bfnrt"#.utf8).contains(letter) {
                    index += 2
                } else if letter == UInt8(ascii: "u") {
                    guard index + 5 < text.count, text[(index + 2)...(index + 5)].allSatisfy(isHex) else {
                        return failed(.invalidUnicodeEscape, index + 2)
                    }
                    index += 6
                } else {
                    return failed(.invalidEscape, index)
                }
            } else if byte < 0x20 {
                return failed(.controlCharacter, index)
            } else if byte < 0x80 {
                index += 1
            } else {
                guard let row = wellFormed.first(where: { $0[0].contains(byte) }), index + row.count <= text.count,
                    zip(row.dropFirst(), text[(index + 1)...]).allSatisfy({ $0.contains($1) })
                else { return failed(.invalidUTF8, index) }
                index += row.count
            }
        }
        return failed(.unterminatedString, text.count)
    }

    /// Skips the value at 0, as deep as `depth` already.
    static func skipValue(_ text: [UInt8], depth: Int) -> SkipOutcome {
        var skipper = Skipper(text: text)
        do {
            try skipper.value(depth: depth)
            return SkipOutcome(position: skipper.index, failure: .none, whitespace: skipper.whitespace)
        } catch {
            return SkipOutcome(position: error.offset, failure: error.failure, whitespace: 0)
        }
    }

    struct Stop: Error {
        let failure: CJSONFailure
        let offset: Int
    }

    /// A recursive descent over one value.
    struct Skipper {
        let text: [UInt8]
        var index = 0
        var whitespace = 0

        var current: UInt8? { index < text.count ? text[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, [0x20, 0x0A, 0x0D, 0x09].contains(byte) {
                index += 1
                whitespace += 1
            }
        }

        mutating func expect(_ byte: UInt8, _ failure: CJSONFailure) throws(Stop) {
            guard current == byte else { throw Stop(failure: failure, offset: index) }
            index += 1
        }

        mutating func value(depth: Int) throws(Stop) {
            guard depth < 512 else { throw Stop(failure: .tooDeep, offset: index) }
            skipWhitespace()
            guard let byte = current else { throw Stop(failure: .expectedValue, offset: index) }
            switch byte {
            case 0x22:
                let string = Reference.scanString(text, from: index + 1)
                guard string.failure == .none else { throw Stop(failure: string.failure, offset: string.position) }
                index = string.position
            case 0x7B:
                index += 1
                skipWhitespace()
                if current == 0x7D {
                    index += 1
                    return
                }
                while true {
                    skipWhitespace()
                    guard current == 0x22 else { throw Stop(failure: .expectedKey, offset: index) }
                    let key = Reference.scanString(text, from: index + 1)
                    guard key.failure == .none else { throw Stop(failure: key.failure, offset: key.position) }
                    index = key.position
                    skipWhitespace()
                    try expect(0x3A, .expectedColon)
                    try value(depth: depth + 1)
                    skipWhitespace()
                    if current == 0x2C {
                        index += 1
                        continue
                    }
                    try expect(0x7D, .expectedObjectEnd)
                    return
                }
            case 0x5B:
                index += 1
                skipWhitespace()
                if current == 0x5D {
                    index += 1
                    return
                }
                while true {
                    try value(depth: depth + 1)
                    skipWhitespace()
                    if current == 0x2C {
                        index += 1
                        continue
                    }
                    try expect(0x5D, .expectedArrayEnd)
                    return
                }
            default: try literal()
            }
        }

        mutating func word(_ word: String, _ failure: CJSONFailure) throws(Stop) {
            let bytes = Array(word.utf8)
            guard index + bytes.count <= text.count, Array(text[index..<(index + bytes.count)]) == bytes else {
                throw Stop(failure: failure, offset: index)
            }
            index += bytes.count
        }

        mutating func digits(_ failure: CJSONFailure) throws(Stop) {
            guard let byte = current, (0x30...0x39).contains(byte) else { throw Stop(failure: failure, offset: index) }
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
        }

        mutating func literal() throws(Stop) {
            switch current {
            case UInt8(ascii: "t"): try word("true", .expectedTrue)
            case UInt8(ascii: "f"): try word("false", .expectedFalse)
            case UInt8(ascii: "n"): try word("null", .expectedNull)
            default:
                let start = index
                if current == UInt8(ascii: "-") { index += 1 }
                guard let first = current, (0x30...0x39).contains(first) else {
                    throw Stop(failure: .expectedValue, offset: start)
                }
                if first == 0x30 { index += 1 } else { try digits(.expectedValue) }
                if current == UInt8(ascii: ".") {
                    index += 1
                    try digits(.expectedFractionDigit)
                }
                if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                    index += 1
                    if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                    try digits(.expectedExponentDigit)
                }
            }
        }
    }

    /// The text with whitespace outside strings left out.
    static func compact(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var inString = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            if inString {
                output.append(byte)
                if byte == 0x5C, index < text.count {
                    output.append(text[index])
                    index += 1
                } else if byte == 0x22 {
                    inString = false
                }
            } else if ![0x20, 0x0A, 0x0D, 0x09].contains(byte) {
                output.append(byte)
                inString = byte == 0x22
            }
        }
        return output
    }

    /// A random JSON value with random whitespace between its tokens; its strings hold escapes
    /// and UTF-8 of every length, long enough at times to cross several blocks.
    static func randomValue(_ random: inout SplitMix, depth: Int) -> [UInt8] {
        func space() -> [UInt8] {
            let choices: [UInt8] = [0x20, 0x0A, 0x0D, 0x09]
            return (0..<Int(random.next() % 4)).map { _ in
                random.next() % 3 == 0 ? choices[Int(random.next() % 4)] : 0x20
            }
        }
        func string() -> [UInt8] {
            let pieces: [[UInt8]] = [
                Array("abcdefgh".utf8), Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\u00FC"#.utf8), [0xC3, 0xBC],
                [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], Array(" {}[],:".utf8), Array("x".utf8),
            ]
            var bytes: [UInt8] = [0x22]
            for _ in 0..<Int(random.next() % 12) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
            return bytes + [0x22]
        }
        let kind = depth >= 4 ? random.next() % 3 : random.next() % 5
        switch kind {
        case 0: return string()
        case 1:
            let literals = ["true", "false", "null", "0", "-12", "3.25", "1e9", "-0.5E-3", "42"]
            return Array(literals[Int(random.next() % UInt64(literals.count))].utf8)
        case 2: return random.next() % 2 == 0 ? string() : Array("7".utf8)
        case 3:
            var bytes: [UInt8] = [0x7B] + space()
            for member in 0..<Int(random.next() % 4) {
                if member > 0 { bytes += [0x2C] + space() }
                bytes += string() + space() + [0x3A] + space() + randomValue(&random, depth: depth + 1) + space()
            }
            return bytes + [0x7D]
        default:
            var bytes: [UInt8] = [0x5B] + space()
            for element in 0..<Int(random.next() % 4) {
                if element > 0 { bytes += [0x2C] + space() }
                bytes += randomValue(&random, depth: depth + 1) + space()
            }
            return bytes + [0x5D]
        }
    }
}

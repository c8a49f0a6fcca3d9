import CJSONScan
import Testing

@testable import CloudTrail

/// CJSONScan at every level it has here (scalar words, SSE2, AVX2), checked against plain
/// byte-at-a-time references written below: special bytes at every position relative to the
/// 8, 16 and 32-byte blocks, input cut short at every length, and seeded random documents.
@Suite("CJSONScan against a byte-at-a-time reference")
struct CJSONScanTests {
    static let levels: [CJSONLevel] = [.scalar, .SSE2, .AVX2].filter { $0.rawValue <= cjson_best_level().rawValue }

    /// What one byte sequence does inside a string, placed after `prefix` filler bytes.
    static let probes: [[UInt8]] = [
        [0x22], Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\/"#.utf8), Array(#"\b\f\n\r\t"#.utf8),
        Array(#"\u00e9"#.utf8), Array(#"\uABCD"#.utf8), Array(#"\u12G4"#.utf8), Array(#"\u12"#.utf8),
        Array(#"\x"#.utf8), Array(#"\'"#.utf8), [0x5C], [0x00], [0x01], [0x1F], [0x7F], [0x20],
        [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xF0, 0x90, 0x80, 0x80],
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
        [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80],
        [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x28], [0xE2, 0x28, 0xAC],
        [0xF0, 0x9F, 0x28, 0x80], [0xF0, 0x9F, 0x98, 0x28],
    ]

    @Test("Each probe at every offset from 0 to 70, whole and cut short at every length")
    func stringProbesAtEveryOffset() {
        for probe in Self.probes {
            for prefix in 0...70 {
                for suffix in [0, 1, 15, 40] {
                    let whole =
                        Array(repeating: UInt8(ascii: "a"), count: prefix) + probe
                        + Array(repeating: UInt8(ascii: "b"), count: suffix) + [0x22]
                    // The opening quote at 0; cut at every length from the probe on.
                    let text = [0x22] + whole
                    for length in (prefix + 1)...text.count {
                        Self.expectSameString(Array(text[..<length]), probe: probe, prefix: prefix)
                    }
                }
            }
        }
    }

    @Test("Seeded random strings of interesting bytes")
    func randomStrings() {
        var random = SplitMix(seed: 0x5EED_0001)
        let alphabet: [UInt8] = [
            0x61, 0x62, 0x20, 0x22, 0x5C, 0x75, 0x6E, 0x30, 0x41, 0x66, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0,
            0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0x9F, 0xA0, 0x8F, 0x90,
        ]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 80)
            var text: [UInt8] = [0x22]
            for _ in 0..<length {
                // Mostly plain letters, so that runs cross block boundaries before a special byte.
                text.append(random.next() % 3 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : 0x78)
            }
            Self.expectSameString(text, probe: [], prefix: -1)
        }
    }

    @Test("Skipping values: seeded random documents, cut short and with one byte changed")
    func randomValues() {
        var random = SplitMix(seed: 0x5EED_0002)
        for _ in 0..<300 {
            let document = Reference.randomValue(&random, depth: 0)
            Self.expectSameSkip(document, depth: 0)
            for length in 0..<document.count { Self.expectSameSkip(Array(document[..<length]), depth: 0) }
            let interesting: [UInt8] = [
                0x20, 0x0A, 0x22, 0x2C, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C, 0x2E, 0x65, 0x2D, 0x01, 0xC3,
            ]
            for _ in 0..<40 where !document.isEmpty {
                var changed = document
                changed[Int(random.next() % UInt64(document.count))] =
                    interesting[
                        Int(random.next() % UInt64(interesting.count))]
                Self.expectSameSkip(changed, depth: Int(random.next() % 3))
            }
        }
    }

    @Test("Literals and numbers, well-formed and not")
    func literals() {
        let cases = [
            "true", "false", "null", "tru", "nul", "fals", "trUe", "0", "-0", "12", "-", "-a", "01", "1.", "1.5",
            "1.e3",
            "1e", "1e+", "1e-5", "1E+05", "2.5E", "-1.25e-3x", "+1", ".5", "x", "", " ", " \n\t\r 7 ",
        ]
        for text in cases {
            for depth in [0, 511, 512] { Self.expectSameSkip(Array(text.utf8), depth: depth) }
        }
    }

    @Test("Nesting: 512 levels counted from the caller's depth")
    func nesting() {
        for levels in [510, 511, 512, 513] {
            for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
                let text = String(repeating: open, count: levels) + "1" + String(repeating: close, count: levels)
                for depth in [0, 1] { Self.expectSameSkip(Array(text.utf8), depth: depth) }
            }
        }
    }

    @Test("The compacting copy keeps strings whole and drops whitespace outside them")
    func compactingCopy() {
        var random = SplitMix(seed: 0x5EED_0003)
        for _ in 0..<500 {
            let document = Reference.randomValue(&random, depth: 0)
            let expected = Reference.compact(document)
            for level in Self.levels {
                var output = [UInt8](repeating: 0, count: document.count)
                let written = output.withUnsafeMutableBufferPointer { out in
                    document.withUnsafeBufferPointer {
                        cjson_copy_compact_at(level, out.baseAddress, $0.baseAddress, $0.count)
                    }
                }
                #expect(
                    Array(output[..<written]) == expected,
                    "level \(level.rawValue): \(String(decoding: document, as: UTF8.self))")
            }
        }
    }

    static func expectSameString(_ text: [UInt8], probe: [UInt8], prefix: Int) {
        let expected = Reference.scanString(text, from: 1)
        var outcomes: [(String, Reference.StringOutcome)] = []
        text.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for level in levels {
                outcomes.append(("level \(level.rawValue)", .init(cjson_scan_string_at(level, base, 1, buffer.count))))
            }
            outcomes.append(("inline", .init(cjson_scan_string_inline(base, 1, buffer.count))))
            var scanner = JSONScanner(buffer)
            do throws(JSONScanner.Failure) {
                let string = try scanner.scanString()
                outcomes.append(
                    ("JSONScanner", .init(position: scanner.position, failure: .none, escaped: string.escaped)))
                #expect(string.start == 1 && string.end == scanner.position - 1)
            } catch {
                outcomes.append(
                    ("JSONScanner", .init(position: error.offset, failure: Reference.failure(error), escaped: false)))
            }
        }
        for (name, outcome) in outcomes {
            #expect(outcome == expected, "\(name), probe \(probe) after \(prefix) bytes, \(text.count) bytes in all")
        }
    }

    static func expectSameSkip(_ text: [UInt8], depth: Int) {
        let expected = Reference.skipValue(text, depth: depth)
        text.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for level in levels {
                let outcome = cjson_skip_value_at(level, base, 0, buffer.count, depth)
                let found = Reference.SkipOutcome(
                    position: outcome.position, failure: outcome.failure,
                    whitespace: outcome.failure == .none ? outcome.whitespace : 0)
                #expect(
                    found == expected,
                    "level \(level.rawValue), depth \(depth): \(String(decoding: text, as: UTF8.self))")
            }
        }
    }
}

/// A small seeded generator (SplitMix64), so every run tests the same inputs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

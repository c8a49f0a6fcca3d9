/// American Soundex as Trino's `soundex` computes it: the first letter, then the codes of the
/// following consonants (H and W skipped without separating equal codes, vowels separating them),
/// padded with zeros to four; empty for text without a letter. Characters other than ASCII
/// letters are passed over.
enum Soundex {
    /// The code of each letter A to Z; 0 for vowels and Y.
    private static let codes = Array("01230120022455012623010202".utf8)

    /// The code of ASCII `text`; nil when it holds any non-ASCII byte (Trino then reads Unicode
    /// letters, which TrailMeter does not).
    static func code(_ text: UnsafeRawBufferPointer) -> String? {
        guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
        var out = Array("0000".utf8)
        var count = 0
        var last: UInt8 = 0
        for byte in text where count < out.count {
            let letter: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letter = byte - 32
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte
            default: continue
            }
            let digit = codes[Int(letter - UInt8(ascii: "A"))]
            if count == 0 {
                out[0] = letter
                count = 1
                last = digit
                continue
            }
            if letter == UInt8(ascii: "H") || letter == UInt8(ascii: "W") { continue }
            if digit != UInt8(ascii: "0"), digit != last {
                out[count] = digit
                count += 1
            }
            last = digit
        }
        return count == 0 ? "" : String(decoding: out, as: UTF8.self)
    }
}

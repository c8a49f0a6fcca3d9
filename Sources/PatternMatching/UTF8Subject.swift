/// Text to match, as UTF-8 bytes known to be valid (so PCRE2 need not check them on each call).
/// The bytes are borrowed: the subject lives no longer than the buffer it was made from.
public struct UTF8Subject {
    /// The text's bytes.
    public let bytes: UnsafeRawBufferPointer

    /// The subject over `bytes`, or nil when they are not valid UTF-8.
    public init?(validating bytes: UnsafeRawBufferPointer) {
        guard bytes.isEmpty || String(validating: bytes, as: UTF8.self) != nil else { return nil }
        self.bytes = bytes
    }

    /// The text of a byte range.
    public func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The byte offset of the code point after the one at `offset` (the end past the last one).
    public func nextScalar(after offset: Int) -> Int {
        var next = offset + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// The number of code points before byte `offset`.
    public func scalarCount(before offset: Int) -> Int {
        var count = 0
        for byte in bytes[..<offset] where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The byte offset where code point number `index` (from 0) starts, the end for one past the
    /// last, nil beyond.
    public func byteOffset(ofScalar index: Int) -> Int? {
        var seen = 0
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if seen == index { return offset }
            seen += 1
        }
        return seen == index ? bytes.count : nil
    }
}

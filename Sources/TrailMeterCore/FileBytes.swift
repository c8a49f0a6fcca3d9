import Foundation

/// Whole files read with POSIX calls: faster than Foundation for the many small files a trail
/// holds, and without Foundation's bridging on Linux.
public enum FileBytes {
    /// Every byte of the regular file at `path` (FIFOs, devices and sockets are refused unread).
    public static func read(_ path: String) throws(FileAccessError) -> [UInt8] {
        try ReadableFile(path: path).readToEnd()
    }

    /// The file at `path` as UTF-8 text (invalid sequences become U+FFFD); nil when it cannot be read.
    public static func text(_ path: String) -> String? {
        guard let bytes = try? read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file at `path` as UTF-8 text, refused with the line and column of the first byte that
    /// is not UTF-8 (scenario, workload and pricing files are read this way: nothing is replaced).
    public static func utf8Text(_ path: String) throws(FileAccessError) -> String {
        try utf8Text(read(path), path: path)
    }

    /// `bytes` read from `path` as UTF-8 text, refused as ``utf8Text(_:)`` refuses them.
    public static func utf8Text(_ bytes: [UInt8], path: String) throws(FileAccessError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let offset = firstInvalidUTF8(bytes) ?? 0
        let line = bytes[..<offset].count(where: { $0 == 0x0A }) + 1
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        throw FileAccessError(path: path, problem: .invalidUTF8(line: line, column: offset - lineStart + 1))
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629:
    /// no overlong forms, no surrogates, nothing past U+10FFFF).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
            case 0xED: (length, secondRange) = (3, 0x80...0x9F)
            case 0xE1...0xEF: length = 3
            case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
            case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
            case 0xF1...0xF3: length = 4
            default: return index
            }
            guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return index }
            for next in bytes[(index + 2)..<(index + length)] where next & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}

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
}

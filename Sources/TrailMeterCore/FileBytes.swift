import Foundation

/// Whole files read with POSIX calls: faster than Foundation for the many small files a trail
/// holds, and without Foundation's bridging on Linux.
public enum FileBytes {
    /// Every byte of the file at `path`; throws the `POSIXError` of the call that failed.
    public static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw lastError() }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw lastError() }
        // Reads the size fstat gave: a file that grows meanwhile is read as it was.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                Foundation.read(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if count < 0 { throw lastError() }
            if count == 0 { break }
            offset += count
        }
        bytes.removeLast(bytes.count - offset)
        return bytes
    }

    /// The file at `path` as UTF-8 text (invalid sequences become U+FFFD); nil when it cannot be read.
    public static func text(_ path: String) -> String? {
        guard let bytes = try? read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func lastError() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

import Foundation

/// Why a file could not be opened or read.
public struct FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kept the file from being read.
    public enum Problem: Sendable, Equatable {
        /// A system call failed; the system's message (for example "Too many levels of symbolic links").
        case system(String)
        /// The path names something that is not a regular file (a FIFO, a device, a socket, a folder).
        case notRegularFile(kind: String)
        /// Text that must be UTF-8 is not: the first bad byte's line and column (1-based, in bytes).
        case invalidUTF8(line: Int, column: Int)
    }

    /// The path as given.
    public let path: String
    /// What went wrong.
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The reason alone, without the path.
    public var reason: String {
        switch problem {
        case .system(let message): message
        case .notRegularFile(let kind): "not a regular file (\(kind)); refused without reading it"
        case .invalidUTF8(let line, let column): "line \(line), column \(column): not UTF-8 text"
        }
    }

    public var description: String { "\(path): \(reason)" }

    /// The error for the `errno` left by the last failed call.
    static func lastSystemError(_ path: String) -> FileAccessError {
        FileAccessError(path: path, problem: .system(String(cString: strerror(errno))))
    }
}

/// A regular file open for reading with POSIX calls. Anything else (a FIFO, a device, a socket) is
/// refused by its type before it is read: opening is non-blocking, so a FIFO with no writer
/// cannot hang the caller.
public final class ReadableFile {
    private let descriptor: Int32
    /// The path as given.
    public let path: String
    /// The file's size when it was opened.
    public let size: Int

    /// Opens `path` (symbolic links followed) when it is a regular file.
    public init(path: String) throws(FileAccessError) {
        var status = stat()
        // stat first: it names the file's type without opening it.
        guard stat(path, &status) == 0 else { throw .lastSystemError(path) }
        if let kind = Self.kindIfNotRegular(status.st_mode) {
            throw FileAccessError(path: path, problem: .notRegularFile(kind: kind))
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .lastSystemError(path) }
        // The path may have been swapped between stat and open: the open file is checked too.
        guard fstat(descriptor, &status) == 0 else {
            let error = FileAccessError.lastSystemError(path)
            close(descriptor)
            throw error
        }
        if let kind = Self.kindIfNotRegular(status.st_mode) {
            close(descriptor)
            throw FileAccessError(path: path, problem: .notRegularFile(kind: kind))
        }
        self.descriptor = descriptor
        self.path = path
        self.size = max(Int(status.st_size), 0)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress!, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw .lastSystemError(path) }
        }
    }

    /// Goes back to the first byte.
    public func rewind() throws(FileAccessError) {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw .lastSystemError(path) }
    }

    /// The bytes from the current position to the end, as many as the size at opening (a file
    /// that grows meanwhile is read as it was).
    public func readToEnd() throws(FileAccessError) -> [UInt8] { try readPrefix(size) }

    /// Up to `count` bytes from the current position (fewer at the end of the file).
    public func readPrefix(_ count: Int) throws(FileAccessError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(count, 0))
        var offset = 0
        var failure: FileAccessError?
        bytes.withUnsafeMutableBytes { buffer in
            while offset < buffer.count {
                do throws(FileAccessError) {
                    let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]))
                    if count == 0 { break }
                    offset += count
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        bytes.removeLast(bytes.count - offset)
        return bytes
    }

    /// What a file of mode `mode` is, when it is not a regular file.
    public static func kindIfNotRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "not a file"
        }
    }
}

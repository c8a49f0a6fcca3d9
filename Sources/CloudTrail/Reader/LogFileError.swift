import Deflate
import TrailMeterCore

/// Why a log file could not be read. The reader reports it with the file's path and skips the file.
public struct LogFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong with the file.
    public enum Problem: Sendable, Equatable {
        /// The file could not be opened or read (the system's message).
        case unreadable(String)
        /// The path names a FIFO, a device or a socket (`kind` says which): refused without reading.
        case notRegularFile(kind: String)
        /// The file (after decompression) holds nothing but whitespace.
        case empty
        /// The gzip stream is damaged.
        case gzip(Gzip.Failure)
        /// The JSON breaks at `line`:`column` (of the decompressed text) where `expected` was due.
        case invalidJSON(expected: String, offset: Int, line: Int, column: Int)
        /// The bytes at `line`:`column` are not UTF-8 (README: invalid UTF-8 refuses the file).
        case invalidUTF8(offset: Int, line: Int, column: Int)
        /// A record holds `key` twice (README: duplicate keys refuse the file).
        case duplicateKey(key: String, line: Int)
        /// The `Records` object holds a second `Records` array.
        case secondRecordsArray(line: Int)
        /// A record (or another JSON value) starting at `line` is larger than `limit` bytes.
        case recordTooLarge(limit: Int, line: Int)
        /// The file decompresses to more than `limit` bytes of JSON.
        case fileTooLarge(limit: Int)
        /// Valid JSON, but not CloudTrail: `detail` says what was found instead.
        case notCloudTrail(detail: String, line: Int)
    }

    /// The file's path.
    public let path: String
    /// What is wrong.
    public let problem: Problem
    /// The record (1-based, in file order) where the problem lies, when it lies in one.
    public let record: Int?

    public init(path: String, problem: Problem, record: Int? = nil) {
        self.path = path
        self.problem = problem
        self.record = record
    }

    /// The error for a file that could not be opened or read.
    public init(_ error: FileAccessError) {
        self.init(path: error.path, problem: error.logProblem)
    }

    public var description: String {
        let inRecord = record.map { ", in record \($0)" } ?? ""
        let ofText = path.hasSuffix(".gz") ? " of the decompressed text" : ""
        return switch problem {
        case .unreadable(let message): "\(path): cannot read: \(message)"
        case .notRegularFile(let kind): "\(path): not a regular file (\(kind)); refused without reading it"
        case .empty:
            "\(path): empty file (expected CloudTrail JSON: {\"Records\":[...]}, an array of records, or JSON Lines)"
        case .gzip(.notGzip): "\(path): not a gzip stream (no 1f 8b magic number)"
        case .gzip(.corruptOrTruncated(let member, let offset)):
            "\(path): corrupt or truncated gzip stream (member \(member + 1), starting at byte \(offset))"
        case .invalidJSON(let expected, let offset, let line, let column):
            "\(path): invalid JSON at line \(line), column \(column) (byte \(offset)\(ofText))\(inRecord): expected \(expected)"
        case .invalidUTF8(let offset, let line, let column):
            "\(path): invalid UTF-8 at line \(line), column \(column) (byte \(offset)\(ofText))\(inRecord); the file is refused rather than guessed at"
        case .duplicateKey(let key, let line):
            "\(path): line \(line)\(inRecord): the key \(key) appears twice; the file is refused rather than one value dropped"
        case .secondRecordsArray(let line):
            "\(path): line \(line): a second \"Records\" array in the same object; the file is refused rather than one array dropped"
        case .recordTooLarge(let limit, let line):
            "\(path): line \(line)\(inRecord): a record larger than \(limit) bytes, the limit for one record (--max-record-bytes)"
        case .fileTooLarge(let limit):
            "\(path): more than \(limit) bytes of JSON, the limit for one log file (--max-file-bytes)"
        case .notCloudTrail(let detail, let line): "\(path): line \(line): not CloudTrail: \(detail)"
        }
    }
}

extension FileAccessError {
    /// The same problem as the log reader reports it.
    var logProblem: LogFileError.Problem {
        switch problem {
        case .system(let message): .unreadable(message)
        case .notRegularFile(let kind): .notRegularFile(kind: kind)
        case .invalidUTF8: .unreadable(reason)
        }
    }
}

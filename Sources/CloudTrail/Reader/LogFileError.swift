import Deflate

/// Why a log file could not be read. The reader reports it with the file's path and skips the file.
public struct LogFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong with the file.
    public enum Problem: Sendable, Equatable {
        /// The file could not be opened or read (the system's message).
        case unreadable(String)
        /// The file (after decompression) holds nothing but whitespace.
        case empty
        /// The gzip stream is damaged.
        case gzip(Gzip.Failure)
        /// The JSON breaks at `line`:`column` (of the decompressed text) where `expected` was due.
        case invalidJSON(expected: String, offset: Int, line: Int, column: Int)
        /// Valid JSON, but not CloudTrail: `detail` says what was found instead.
        case notCloudTrail(detail: String, line: Int)
    }

    /// The file's path.
    public let path: String
    /// What is wrong.
    public let problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .unreadable(let message): "\(path): cannot read: \(message)"
        case .empty:
            "\(path): empty file (expected CloudTrail JSON: {\"Records\":[...]}, an array of records, or JSON Lines)"
        case .gzip(.notGzip): "\(path): not a gzip stream (no 1f 8b magic number)"
        case .gzip(.corruptOrTruncated(let member, let offset)):
            "\(path): corrupt or truncated gzip stream (member \(member + 1), starting at byte \(offset))"
        case .invalidJSON(let expected, let offset, let line, let column):
            "\(path): invalid JSON at line \(line), column \(column) (byte \(offset)\(path.hasSuffix(".gz") ? " of the decompressed text" : "")): expected \(expected)"
        case .notCloudTrail(let detail, let line): "\(path): line \(line): not CloudTrail: \(detail)"
        }
    }
}

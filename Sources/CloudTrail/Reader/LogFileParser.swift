import Deflate
import Foundation

/// How the records of a log file are laid out.
public enum LogFormat: String, Sendable {
    /// `{"Records":[...]}`, as CloudTrail delivers to S3 (compact or pretty).
    case recordsObject = "records"
    /// A bare JSON array of records, as some tools export.
    case array
    /// One record object per line (JSON Lines), as other tools export.
    case jsonLines = "jsonl"
}

/// A log file read into columns.
public struct ParsedLogFile: Sendable {
    /// The file's events, in file order.
    public var events: EventBatch
    /// How the file laid out its records.
    public let format: LogFormat
    /// Whether the file was gzip.
    public let wasGzip: Bool
    /// Bytes of JSON text after decompression.
    public let uncompressedBytes: Int
}

/// What reading one file into a `LogBatchReader` gave.
public struct LogFileInfo: Sendable {
    /// How the file laid out its records.
    public let format: LogFormat
    /// Whether the file was gzip.
    public let wasGzip: Bool
    /// Bytes of JSON text after decompression.
    public let uncompressedBytes: Int
    /// The file's events: these rows of the reader's batch.
    public let events: Range<Int>

    /// The same file placed `offset` rows further on (after batches are put together).
    public func shifted(by offset: Int) -> LogFileInfo {
        LogFileInfo(
            format: format, wasGzip: wasGzip, uncompressedBytes: uncompressedBytes,
            events: (events.lowerBound + offset)..<(events.upperBound + offset))
    }
}

/// Reads log files one after another into one growing `EventBatch`, so that many small files
/// cost one set of column buffers rather than one each. A file that fails leaves no rows behind.
public struct LogBatchReader {
    var parser: RecordParser

    /// Sizes the first buffers for about `expectedBytes` of JSON.
    public init(expectedBytes: Int = 1 << 20) {
        parser = RecordParser(expectedBytes: expectedBytes)
    }

    /// The events read so far.
    public var events: EventBatch { parser.batch }

    /// Hands over the events read so far and starts empty.
    public mutating func takeEvents() -> EventBatch {
        parser.takeBatch()
    }

    /// Appends a whole file's events; `path` only labels errors.
    public mutating func read(_ bytes: UnsafeRawBufferPointer, path: String) throws(LogFileError) -> LogFileInfo {
        if Gzip.isGzip(bytes) {
            let text: [UInt8]
            do { text = try Gzip.decompress(bytes) } catch { throw LogFileError(path: path, problem: .gzip(error)) }
            return try text.withUnsafeBufferPointer { (buffer) throws(LogFileError) in
                try LogFileParser.parseText(buffer, path: path, wasGzip: true, into: &parser)
            }
        }
        return try LogFileParser.parseText(
            bytes.assumingMemoryBound(to: UInt8.self), path: path, wasGzip: false, into: &parser)
    }
}

/// Reads CloudTrail log file contents: gzip or plain; `Records` object, bare array or JSON Lines.
public enum LogFileParser {
    /// Parses a whole file's bytes; `path` only labels errors.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(LogFileError) -> ParsedLogFile {
        var reader = LogBatchReader(expectedBytes: bytes.count * (Gzip.isGzip(bytes) ? 10 : 1))
        let info = try reader.read(bytes, path: path)
        return ParsedLogFile(
            events: reader.takeEvents(), format: info.format, wasGzip: info.wasGzip,
            uncompressedBytes: info.uncompressedBytes)
    }

    static func parseText(
        _ text: UnsafeBufferPointer<UInt8>, path: String, wasGzip: Bool, into parser: inout RecordParser
    ) throws(LogFileError) -> LogFileInfo {
        var scanner = JSONScanner(text)
        if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF { scanner.position = 3 }
        let firstRow = parser.batch.count
        defer { if parser.failed { parser.rollBack(to: firstRow) } }
        parser.failed = true
        let format: LogFormat
        do throws(ParseStop) {
            scanner.skipWhitespace()
            switch scanner.peek() {
            case nil:
                throw .problem(.empty)
            case 0x5B:
                format = .array
                try parseArray(&scanner, &parser, path: path, text: text, vouched: false)
            case 0x7B:
                if try startsWithRecordsKey(scanner) {
                    format = .recordsObject
                    try parseRecordsObject(&scanner, &parser, path: path, text: text)
                } else {
                    format = .jsonLines
                    try parseLines(&scanner, &parser, path: path, text: text)
                }
            default:
                let line = lineAndColumn(of: scanner.position, in: text).line
                throw .problem(.notCloudTrail(detail: "the file holds a JSON scalar, not records", line: line))
            }
            scanner.skipWhitespace()
            guard scanner.atEnd else {
                throw .json(JSONScanner.Failure(expected: "the end of the file", offset: scanner.position))
            }
            parser.failed = false
        } catch {
            switch error {
            case .json(let failure):
                let (line, column) = lineAndColumn(of: failure.offset, in: text)
                throw LogFileError(
                    path: path,
                    problem: .invalidJSON(
                        expected: failure.expected, offset: failure.offset, line: line, column: column))
            case .problem(let problem):
                throw LogFileError(path: path, problem: problem)
            }
        }
        return LogFileInfo(
            format: format, wasGzip: wasGzip, uncompressedBytes: text.count, events: firstRow..<parser.batch.count)
    }

    /// True when the object at the scanner's position has a top-level `Records` key (looked up
    /// without parsing the records twice: keys before it are skipped, and it is nearly always first).
    private static func startsWithRecordsKey(_ start: JSONScanner) throws(ParseStop) -> Bool {
        var scanner = start
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.consume(0x7D) { return false }
        repeat {
            scanner.skipWhitespace()
            guard scanner.peek() == 0x22 else {
                throw .json(JSONScanner.Failure(expected: "a quoted key", offset: scanner.position))
            }
            let key = try json(scanner.scanString())
            if key.end - key.start == 7 && memcmp(scanner.base + key.start, "Records", 7) == 0 { return true }
            scanner.skipWhitespace()
            try json(scanner.expect(0x3A, "':' after the key"))
            try json(scanner.skipValue())
            scanner.skipWhitespace()
        } while scanner.consume(0x2C)
        return false
    }

    private static func parseRecordsObject(
        _ scanner: inout JSONScanner, _ parser: inout RecordParser, path: String, text: UnsafeBufferPointer<UInt8>
    ) throws(ParseStop) {
        scanner.position += 1
        var sawRecords = false
        repeat {
            scanner.skipWhitespace()
            guard scanner.peek() == 0x22 else {
                throw .json(JSONScanner.Failure(expected: "a quoted key", offset: scanner.position))
            }
            let key = try json(scanner.scanString())
            scanner.skipWhitespace()
            try json(scanner.expect(0x3A, "':' after the key"))
            scanner.skipWhitespace()
            if !sawRecords && key.end - key.start == 7 && memcmp(scanner.base + key.start, "Records", 7) == 0 {
                sawRecords = true
                guard scanner.peek() == 0x5B else {
                    let line = lineAndColumn(of: scanner.position, in: text).line
                    throw .problem(.notCloudTrail(detail: "\"Records\" is not an array", line: line))
                }
                try parseArray(&scanner, &parser, path: path, text: text, vouched: true)
            } else {
                try json(scanner.skipValue())
            }
            scanner.skipWhitespace()
        } while scanner.consume(0x2C)
        try json(scanner.expect(0x7D, "',' or '}'"))
    }

    /// Parses `[record, ...]`. Outside a `Records` object (`vouched` false) each record must
    /// carry at least one CloudTrail field, so that arbitrary JSON is not taken for events.
    private static func parseArray(
        _ scanner: inout JSONScanner, _ parser: inout RecordParser, path: String, text: UnsafeBufferPointer<UInt8>,
        vouched: Bool
    ) throws(ParseStop) {
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.consume(0x5D) { return }
        var index = 0
        repeat {
            scanner.skipWhitespace()
            try parseRecord(&scanner, &parser, path: path, text: text, label: "record \(index + 1)", vouched: vouched)
            index += 1
            scanner.skipWhitespace()
        } while scanner.consume(0x2C)
        try json(scanner.expect(0x5D, "',' or ']'"))
    }

    private static func parseLines(
        _ scanner: inout JSONScanner, _ parser: inout RecordParser, path: String, text: UnsafeBufferPointer<UInt8>
    ) throws(ParseStop) {
        var index = 0
        while true {
            scanner.skipWhitespace()
            if scanner.atEnd { return }
            try parseRecord(&scanner, &parser, path: path, text: text, label: "record \(index + 1)", vouched: false)
            index += 1
        }
    }

    private static func parseRecord(
        _ scanner: inout JSONScanner, _ parser: inout RecordParser, path: String, text: UnsafeBufferPointer<UInt8>,
        label: @autoclosure () -> String, vouched: Bool
    ) throws(ParseStop) {
        let start = scanner.position
        guard scanner.peek() == 0x7B else {
            if scanner.peek() == nil { throw .json(JSONScanner.Failure(expected: "a record", offset: start)) }
            let line = lineAndColumn(of: start, in: text).line
            throw .problem(.notCloudTrail(detail: "\(label()) is not a JSON object", line: line))
        }
        let known = try json(parser.parseRecord(&scanner))
        if known == 0 && !vouched {
            let line = lineAndColumn(of: start, in: text).line
            throw .problem(
                .notCloudTrail(
                    detail:
                        "\(label()) has none of CloudTrail's fields (eventTime, eventName, eventSource, userIdentity, ...)",
                    line: line))
        }
    }
}

/// Why a parse helper stopped: malformed JSON (turned into a line and column once, in `parseText`),
/// or a problem with the file as CloudTrail.
private enum ParseStop: Error {
    case json(JSONScanner.Failure)
    case problem(LogFileError.Problem)
}

/// A scanner step inside a parse helper.
@inline(__always) private func json<T>(_ step: @autoclosure () throws(JSONScanner.Failure) -> T) throws(ParseStop) -> T
{
    do { return try step() } catch { throw .json(error) }
}

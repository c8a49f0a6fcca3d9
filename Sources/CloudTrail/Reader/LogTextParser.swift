import Foundation

/// Why a parse step stopped: malformed JSON (turned into a line and column once, at the end),
/// a problem with the file as CloudTrail, a duplicate key at `offset`, or a value that outgrew
/// the window's limit starting at `offset`.
enum ParseStop: Error {
    case json(JSONScanner.Failure)
    case problem(LogFileError.Problem)
    case duplicateKey(String, offset: Int)
    case tooLarge(offset: Int)
}

/// Parses the text of one log file (`{"Records":[...]}`, a bare array or JSON Lines) from a
/// `TextWindow` into a `RecordParser`.
///
/// The parser works in units (a record, a key, a value skipped): a unit that fails only because
/// the window ends inside it is run again once the window is refilled, so records are parsed
/// straight from the window, however the file's text is cut into reads.
struct LogTextParser {
    private let window: TextWindow
    private var scanner: JSONScanner
    private let limits: LogReadLimits
    /// The record being parsed (1-based), for errors; nil between records.
    private var record: Int?
    private var recordsRead = 0

    private init(window: TextWindow, limits: LogReadLimits) {
        self.window = window
        self.limits = limits
        scanner = JSONScanner(window.text)
    }

    /// Parses the file; on failure its rows are rolled back and the error names the file.
    static func parse(
        _ window: TextWindow, path: String, wasGzip: Bool, limits: LogReadLimits, into parser: inout RecordParser
    ) throws(LogFileError) -> LogFileInfo {
        var reader = LogTextParser(window: window, limits: limits)
        let firstRow = parser.count
        defer { if parser.failed { parser.rollBack(to: firstRow) } }
        parser.failed = true
        let format: LogFormat
        do throws(ParseStop) {
            format = try reader.parseFile(&parser)
            parser.failed = false
        } catch {
            throw reader.fileError(error, path: path)
        }
        return LogFileInfo(
            format: format, wasGzip: wasGzip, uncompressedBytes: window.textBytes, events: firstRow..<parser.count
        )
    }

    private mutating func parseFile(_ parser: inout RecordParser) throws(ParseStop) -> LogFormat {
        while window.text.count < 3, try refill(keeping: 0) {}
        let text = window.text
        if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF { scanner.position = 3 }
        let format: LogFormat
        guard let first = try nextByte() else { throw .problem(.empty) }
        switch first {
        case 0x5B:
            format = .array
            try parseArray(&parser, vouched: false)
        case 0x7B:
            if try startsWithRecordsKey() {
                format = .recordsObject
                try parseRecordsObject(&parser)
            } else {
                format = .jsonLines
                try parseLines(&parser)
            }
        case 0x22, 0x2D, 0x30...0x39, 0x74, 0x66, 0x6E:
            throw .problem(.notCloudTrail(detail: "the file holds a JSON scalar, not records", line: line()))
        default:
            throw .json(JSONScanner.Failure(expected: "'{' or '[' (CloudTrail JSON)", offset: scanner.position))
        }
        guard try nextByte() == nil else {
            throw .json(JSONScanner.Failure(expected: "the end of the file", offset: scanner.position))
        }
        return format
    }

    /// Skips whitespace, refilling the window as needed; the next byte, nil at the end of the text.
    private mutating func nextByte() throws(ParseStop) -> UInt8? {
        while true {
            scanner.skipWhitespace()
            if let byte = scanner.peek() { return byte }
            guard try refill(keeping: scanner.position) else { return nil }
        }
    }

    /// Runs `step` from the scanner's position; when it fails because the window ends inside
    /// the unit (not because the text is wrong), refills and runs it again from the same place.
    private mutating func unit<T>(_ step: (inout JSONScanner) throws(ParseStop) -> T) throws(ParseStop) -> T {
        while true {
            let start = scanner.position
            do {
                return try step(&scanner)
            } catch {
                // A failure within a few bytes of the window's end may be the window's end: the
                // longest token checked byte by byte (`false`, `\uXXXX`, a UTF-8 sequence) is 6.
                guard case .json(let failure) = error, !window.exhausted, failure.offset + 8 >= window.text.count
                else { throw error }
                // Run again on the refilled window: it succeeds, or fails where the text is wrong
                // (the window now exhausted, or the failure far from its end).
                scanner.position = start
                _ = try refill(keeping: start)
            }
        }
    }

    /// Refills the window keeping the text from `start` on; the scanner follows the text.
    private mutating func refill(keeping start: Int) throws(ParseStop) -> Bool {
        guard !window.exhausted else { return false }
        let position = scanner.position - start
        let more = try window.more(keeping: start, maxUnit: limits.maxRecordBytes)
        scanner = JSONScanner(window.text)
        scanner.position = position
        return more
    }

    /// True when the object at the scanner's position has a top-level `Records` key (looked up
    /// without parsing the records twice: keys before it are skipped, and it is nearly always first).
    private mutating func startsWithRecordsKey() throws(ParseStop) -> Bool {
        try unit { (start) throws(ParseStop) in
            var scanner = start
            scanner.position += 1
            scanner.skipWhitespace()
            if scanner.consume(0x7D) { return false }
            repeat {
                scanner.skipWhitespace()
                guard scanner.peek() == 0x22 else {
                    throw .json(JSONScanner.Failure(expected: "a quoted key", offset: scanner.position))
                }
                if try Self.isRecordsKey(json(scanner.scanString()), in: scanner) { return true }
                scanner.skipWhitespace()
                try json(scanner.expect(0x3A, "':' after the key"))
                try json(scanner.skipValue())
                scanner.skipWhitespace()
            } while scanner.consume(0x2C)
            return false
        }
    }

    private static func isRecordsKey(_ key: (start: Int, end: Int, escaped: Bool), in scanner: JSONScanner) -> Bool {
        key.end - key.start == 7 && memcmp(scanner.base + key.start, "Records", 7) == 0
    }

    private mutating func parseRecordsObject(_ parser: inout RecordParser) throws(ParseStop) {
        scanner.position += 1
        var sawRecords = false
        while true {
            guard try nextByte() == 0x22 else {
                throw .json(JSONScanner.Failure(expected: "a quoted key", offset: scanner.position))
            }
            let keyLine = line()
            let isRecords = try unit { (scanner) throws(ParseStop) in
                let key = try json(scanner.scanString())
                scanner.skipWhitespace()
                try json(scanner.expect(0x3A, "':' after the key"))
                return Self.isRecordsKey(key, in: scanner)
            }
            if isRecords {
                guard !sawRecords else { throw .problem(.secondRecordsArray(line: keyLine)) }
                sawRecords = true
                guard try nextByte() == 0x5B else {
                    throw .problem(.notCloudTrail(detail: "\"Records\" is not an array", line: line()))
                }
                try parseArray(&parser, vouched: true)
            } else {
                _ = try nextByte()
                try unit { (scanner) throws(ParseStop) in try json(scanner.skipValue()) }
            }
            switch try nextByte() {
            case 0x2C: scanner.position += 1
            case 0x7D:
                scanner.position += 1
                return
            default: throw .json(JSONScanner.Failure(expected: "',' or '}'", offset: scanner.position))
            }
        }
    }

    /// Parses `[record, ...]`. Outside a `Records` object (`vouched` false) each record must
    /// carry at least one CloudTrail field, so that arbitrary JSON is not taken for events.
    private mutating func parseArray(_ parser: inout RecordParser, vouched: Bool) throws(ParseStop) {
        scanner.position += 1
        if try nextByte() == 0x5D {
            scanner.position += 1
            return
        }
        while true {
            try parseRecord(&parser, vouched: vouched)
            switch try nextByte() {
            case 0x2C: scanner.position += 1
            case 0x5D:
                scanner.position += 1
                return
            default: throw .json(JSONScanner.Failure(expected: "',' or ']'", offset: scanner.position))
            }
        }
    }

    private mutating func parseLines(_ parser: inout RecordParser) throws(ParseStop) {
        while try nextByte() != nil {
            try parseRecord(&parser, vouched: false)
        }
    }

    private mutating func parseRecord(_ parser: inout RecordParser, vouched: Bool) throws(ParseStop) {
        let number = recordsRead + 1
        guard let first = try nextByte() else {
            throw .json(JSONScanner.Failure(expected: "a record", offset: scanner.position))
        }
        guard first == 0x7B else {
            throw .problem(.notCloudTrail(detail: "record \(number) is not a JSON object", line: line()))
        }
        record = number
        let rows = parser.count
        let startInText = window.origin + scanner.position
        let known = try unit { (scanner) throws(ParseStop) in
            do throws(ParseStop) {
                return try parser.parseRecord(&scanner)
            } catch {
                // A retried record starts again from nothing.
                parser.rollBack(to: rows)
                throw error
            }
        }
        let start = startInText - window.origin
        if window.origin + scanner.position - startInText > limits.maxRecordBytes {
            throw .tooLarge(offset: start)
        }
        if known == 0 && !vouched {
            throw .problem(
                .notCloudTrail(
                    detail:
                        "record \(number) has none of CloudTrail's fields (eventTime, eventName, eventSource, userIdentity, ...)",
                    line: window.location(of: start).line))
        }
        record = nil
        recordsRead = number
    }

    /// The line of the scanner's position.
    private func line() -> Int { window.location(of: scanner.position).line }

    /// The error for `stop`, naming the file, the position and the record.
    private func fileError(_ stop: ParseStop, path: String) -> LogFileError {
        switch stop {
        case .json(let failure):
            let (offset, line, column) = window.location(of: failure.offset)
            return LogFileError(
                path: path,
                problem: failure.isEncoding
                    ? .invalidUTF8(offset: offset, line: line, column: column)
                    : .invalidJSON(expected: failure.expected, offset: offset, line: line, column: column),
                record: record)
        case .problem(let problem):
            return LogFileError(path: path, problem: problem, record: record)
        case .duplicateKey(let key, let offset):
            return LogFileError(
                path: path, problem: .duplicateKey(key: key, line: window.location(of: offset).line), record: record)
        case .tooLarge(let offset):
            return LogFileError(
                path: path,
                problem: .recordTooLarge(limit: limits.maxRecordBytes, line: window.location(of: offset).line),
                record: record)
        }
    }
}

/// A scanner step inside a parse step.
@inline(__always) private func json<T>(_ step: @autoclosure () throws(JSONScanner.Failure) -> T) throws(ParseStop) -> T
{
    do { return try step() } catch { throw .json(error) }
}

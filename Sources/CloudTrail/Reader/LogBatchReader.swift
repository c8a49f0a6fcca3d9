import Deflate
import TrailMeterCore

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
///
/// Small files (all of CloudTrail's) are decompressed and parsed whole; larger ones are read a
/// window at a time, so memory stays bounded by `limits` whatever a file holds.
public struct LogBatchReader {
    var parser: RecordParser
    /// The limits every file is read under.
    public let limits: LogReadLimits
    /// Kept from file to file with the buffer it writes into (its front holds the current file's text).
    private let gunzip = GzipDecompressor()
    private var text: [UInt8] = []

    /// Sizes the first buffers for about `expectedBytes` of JSON; `recycled` columns (a batch's,
    /// handed over before) are emptied and written into again.
    public init(
        expectedBytes: Int = 1 << 20, limits: LogReadLimits = LogReadLimits(), recycled: consuming [ColumnValues] = []
    ) {
        parser = RecordParser(expectedBytes: expectedBytes, recycled: recycled)
        self.limits = limits
    }

    /// The events read so far.
    public var events: EventBatch { parser.batch }

    /// Reserves room for `bytes[c]` bytes of text in column `c`, so that it does not grow by copying.
    public mutating func reserveColumns(bytes: [Int]) {
        parser.reserveColumns(bytes: bytes)
    }

    /// Hands over the events read so far and starts empty.
    public mutating func takeEvents() -> EventBatch {
        parser.takeBatch()
    }

    /// Appends a whole file's events from its bytes; `path` only labels errors.
    public mutating func read(_ bytes: UnsafeRawBufferPointer, path: String) throws(LogFileError) -> LogFileInfo {
        guard Gzip.isGzip(bytes) else {
            guard bytes.count <= limits.maxFileBytes else {
                throw LogFileError(path: path, problem: .fileTooLarge(limit: limits.maxFileBytes))
            }
            return try parse(TextWindow(whole: bytes.assumingMemoryBound(to: UInt8.self)), path: path, wasGzip: false)
        }
        let produced: Int?
        do {
            produced = try gunzip.decompress(bytes, limit: min(limits.wholeTextBytes, limits.maxFileBytes), into: &text)
        } catch {
            throw LogFileError(path: path, problem: .gzip(error))
        }
        guard let produced else {
            return try parse(
                TextWindow(source: GunzipText(.memory(bytes)), limits: limits), path: path,
                wasGzip: true)
        }
        // Moved out while parsing, which needs `self` mutable, then put back for the next file.
        var whole: [UInt8] = []
        swap(&whole, &text)
        defer { swap(&whole, &text) }
        return try whole.withUnsafeBufferPointer { (buffer) throws(LogFileError) in
            try parse(TextWindow(whole: UnsafeBufferPointer(rebasing: buffer[..<produced])), path: path, wasGzip: true)
        }
    }

    /// Appends a whole file's events, reading it from `path`: whole when it is small, a window at
    /// a time otherwise. FIFOs, devices and sockets are refused without being opened for reading.
    public mutating func read(path: String) throws(LogFileError) -> LogFileInfo {
        let file: ReadableFile
        do throws(FileAccessError) { file = try ReadableFile(path: path) } catch { throw LogFileError(error) }
        if file.size <= limits.wholeFileBytes {
            let bytes: [UInt8]
            do throws(FileAccessError) { bytes = try file.readToEnd() } catch { throw LogFileError(error) }
            // withUnsafeBytes rethrows untyped: the outcome is carried out by hand.
            var outcome: Result<LogFileInfo, LogFileError>?
            bytes.withUnsafeBytes { raw in
                do throws(LogFileError) { outcome = .success(try read(raw, path: path)) } catch {
                    outcome = .failure(error)
                }
            }
            return try outcome!.get()
        }
        let magic = UnsafeMutableRawBufferPointer.allocate(byteCount: 2, alignment: 1)
        defer { magic.deallocate() }
        let count: Int
        do throws(FileAccessError) { count = try file.read(into: magic) } catch { throw LogFileError(error) }
        let isGzip = count == 2 && Gzip.isGzip(UnsafeRawBufferPointer(magic))
        do throws(FileAccessError) { try file.rewind() } catch { throw LogFileError(error) }
        let source: TextSource = isGzip ? GunzipText(.file(file)) : FileText(file)
        return try parse(TextWindow(source: source, limits: limits), path: path, wasGzip: isGzip)
    }

    private mutating func parse(_ window: TextWindow, path: String, wasGzip: Bool) throws(LogFileError) -> LogFileInfo {
        try LogTextParser.parse(window, path: path, wasGzip: wasGzip, limits: limits, into: &parser)
    }
}

/// Reads CloudTrail log file contents: gzip or plain; `Records` object, bare array or JSON Lines.
public enum LogFileParser {
    /// Parses a whole file's bytes; `path` only labels errors.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String, limits: LogReadLimits = LogReadLimits())
        throws(LogFileError) -> ParsedLogFile
    {
        var reader = LogBatchReader(expectedBytes: bytes.count * (Gzip.isGzip(bytes) ? 10 : 1), limits: limits)
        let info = try reader.read(bytes, path: path)
        return ParsedLogFile(
            events: reader.takeEvents(), format: info.format, wasGzip: info.wasGzip,
            uncompressedBytes: info.uncompressedBytes)
    }
}

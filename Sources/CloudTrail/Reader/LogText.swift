import Deflate
import Foundation
import TrailMeterCore

/// Limits that keep reading one log file in bounded memory, whatever it holds (README: "Limits").
public struct LogReadLimits: Sendable, Equatable {
    /// The largest record (one JSON object, as written in the file) read; a larger one refuses the
    /// file. CloudTrail's records are a few kilobytes.
    public var maxRecordBytes = 16_000_000
    /// The most JSON (after decompression) one file may hold; a larger file is refused. A file's
    /// events are held in memory until its batch commits, so this bounds an ingest's memory.
    /// CloudTrail's files are a few megabytes.
    public var maxFileBytes = 128_000_000
    /// Files up to this size on disk are read whole, and gzip whose output fits `wholeTextBytes`
    /// is decompressed whole (libdeflate, the fast path): CloudTrail's files are this small.
    /// Larger ones are read a window at a time (zlib for gzip).
    public var wholeFileBytes = 16 << 20
    /// See `wholeFileBytes`.
    public var wholeTextBytes = 64 << 20
    /// The window's first size when a file is read a window at a time (tests make it tiny, to
    /// cut records at every possible place).
    var windowBytes = 1 << 20

    public init() {}
}

/// Where a file's text comes from when it is read a window at a time.
protocol TextSource: AnyObject {
    /// Fills the start of `buffer` with the next bytes of text; 0 at the end of the text.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ParseStop) -> Int
}

/// Compressed or plain bytes: a buffer in memory, or a file read a piece at a time.
enum RawBytes {
    case memory(UnsafeRawBufferPointer)
    case file(ReadableFile)
}

/// Plain text straight from a file.
final class FileText: TextSource {
    let file: ReadableFile

    init(_ file: ReadableFile) { self.file = file }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ParseStop) -> Int {
        do { return try file.read(into: buffer) } catch { throw .problem(error.logProblem) }
    }
}

/// Gzip decompressed as it is read (zlib), so that output of any size costs a fixed amount of memory.
final class GunzipText: TextSource {
    private let raw: RawBytes
    private let stream = GzipStream()
    private var input: UnsafeMutableRawBufferPointer
    private var pending: UnsafeRawBufferPointer
    private var rawEnded = false

    init(_ raw: RawBytes) {
        self.raw = raw
        switch raw {
        case .memory(let bytes):
            input = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            pending = bytes
            rawEnded = true
        case .file:
            input = .allocate(byteCount: 256 << 10, alignment: 8)
            pending = UnsafeRawBufferPointer(start: nil, count: 0)
        }
    }

    deinit { input.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ParseStop) -> Int {
        while true {
            if pending.isEmpty, !rawEnded, case .file(let file) = raw {
                let count: Int
                do { count = try file.read(into: input) } catch { throw .problem(error.logProblem) }
                if count == 0 { rawEnded = true }
                pending = UnsafeRawBufferPointer(rebasing: input[..<count])
            }
            let step: (consumed: Int, produced: Int)
            do { step = try stream.decompress(pending, into: buffer) } catch { throw .problem(.gzip(error)) }
            pending = UnsafeRawBufferPointer(rebasing: pending[step.consumed...])
            if step.produced > 0 { return step.produced }
            if pending.isEmpty && rawEnded {
                do { try stream.finish() } catch { throw .problem(.gzip(error)) }
                return 0
            }
        }
    }
}

/// The text of one log file as the parser sees it: the whole text, or a window over a source
/// that is refilled as the parser moves on. Bytes before the parser's current unit are dropped
/// at each refill, so memory follows the largest record, not the file.
final class TextWindow {
    /// The bytes held, starting at text offset `origin`.
    private(set) var text: UnsafeBufferPointer<UInt8>
    private(set) var origin = 0
    /// True when `text` reaches the end of the file's text.
    private(set) var exhausted: Bool
    private let source: TextSource?
    private var storage: UnsafeMutableRawBufferPointer?
    private let maxFileBytes: Int
    /// Newlines before `origin`, and the text offset where the line holding `origin` starts.
    private var newlinesBefore = 0
    private var lineStartBefore = 0

    /// The whole text, already in memory.
    init(whole: UnsafeBufferPointer<UInt8>) {
        text = whole
        exhausted = true
        source = nil
        maxFileBytes = .max
    }

    /// Text read from `source` a window at a time.
    init(source: TextSource, limits: LogReadLimits) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(limits.windowBytes, 16), alignment: 8)
        self.storage = storage
        self.source = source
        self.maxFileBytes = limits.maxFileBytes
        text = UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 0)
        exhausted = false
    }

    deinit { storage?.deallocate() }

    /// Text bytes seen so far (all of them once `exhausted`).
    var textBytes: Int { origin + text.count }

    /// Drops the bytes before `start` and reads more after what is kept, growing the window when
    /// what is kept fills half of it. Returns false at the end of the text. Throws `.tooLarge`
    /// when what must be kept passes `maxUnit`.
    func more(keeping start: Int, maxUnit: Int) throws(ParseStop) -> Bool {
        guard let source, var storage, !exhausted else { return false }
        let kept = text.count - start
        guard kept <= maxUnit else { throw .tooLarge(offset: start) }
        countLines(before: start)
        if kept > storage.count / 2 {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 8)
            larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[start...]))
            storage.deallocate()
            storage = larger
            self.storage = larger
        } else if start > 0 {
            memmove(storage.baseAddress!, UnsafeRawPointer(text.baseAddress! + start), kept)
        }
        origin += start
        text = UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: kept)
        // Never more than the file limit is read: the parser meets the text's own errors first,
        // and the limit only when it asks for the byte past it.
        let room = maxFileBytes - textBytes(kept: kept)
        let end = kept + max(1, min(storage.count - kept, room))
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[kept..<end]))
        guard room > 0 || count == 0 else { throw .problem(.fileTooLarge(limit: maxFileBytes)) }
        if count == 0 { exhausted = true }
        text = UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self), count: kept + count)
        return count > 0
    }

    private func textBytes(kept: Int) -> Int { origin + kept }

    private func countLines(before end: Int) {
        var index = 0
        while index < end {
            guard let found = memchr(text.baseAddress! + index, 0x0A, end - index) else { break }
            index = UnsafeRawPointer(found) - UnsafeRawPointer(text.baseAddress!) + 1
            newlinesBefore += 1
            lineStartBefore = origin + index
        }
    }

    /// Text offset, line and column (1-based) of the byte at window offset `offset`.
    func location(of offset: Int) -> (offset: Int, line: Int, column: Int) {
        let end = min(offset, text.count)
        var line = newlinesBefore + 1
        var lineStart = lineStartBefore
        for index in 0..<end where text[index] == 0x0A {
            line += 1
            lineStart = origin + index + 1
        }
        return (origin + offset, line, origin + offset - lineStart + 1)
    }
}

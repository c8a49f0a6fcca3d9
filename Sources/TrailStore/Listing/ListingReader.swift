import Deflate
import Foundation
import TrailMeterCore

/// Receives one object of a listing: its key's UTF-8 bytes (valid during the call) and its size.
typealias ListedObjectHandler = (_ key: UnsafeRawBufferPointer, _ size: Int64) throws(TrailStoreError) -> Void

/// A line or entry of a listing that could not be read; the rest of the listing still is.
public struct ListingProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where: the listing file and its line (for JSON, the line of the file and the entry's index).
    public let location: SourceLocation
    public let detail: String

    public var description: String { "\(location): \(detail)" }
}

/// The listing formats TrailMeter reads.
public enum ListingFormat: String, Sendable, CaseIterable {
    /// S3 Inventory: its `manifest.json` and the CSV or CSV.gz data files it names (ORC and
    /// Parquet inventories are not read).
    case inventory
    /// `aws s3api list-objects-v2` JSON output: one document (the CLI joins the pages) or one
    /// file per page, or an array of pages.
    case listObjectsV2 = "list-objects-v2"
    /// `aws s3 ls --recursive` text: `2022-01-01 00:05:12      12345 AWSLogs/...`.
    case s3ls = "s3-ls"
}

/// Reads a listing file, handing each object to `each` as it is read (text listings are
/// streamed line by line, so memory does not grow with the listing).
public enum ListingReader {
    /// The format of the listing at `path`, from its name and first bytes.
    public static func format(of path: String) throws(TrailStoreError) -> ListingFormat {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableListing(path: path, detail: "no such file, or not readable")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
        let first = text.first { !$0.isWhitespace }
        if first == "{" || first == "[" {
            return text.contains("\"fileSchema\"") || text.contains("\"sourceBucket\"") ? .inventory : .listObjectsV2
        }
        return .s3ls
    }

    /// Reads `path` (its format detected), calling `each` per object and `problem` per bad line.
    static func read(
        _ path: String, each: ListedObjectHandler, problem: (ListingProblem) -> Void
    ) throws(TrailStoreError) {
        switch try format(of: path) {
        case .s3ls: try readS3Ls(path, each: each, problem: problem)
        case .listObjectsV2: try ListObjectsListing.read(path, each: each, problem: problem)
        case .inventory: try InventoryListing.read(manifest: path, each: each, problem: problem)
        }
    }

    /// Hands a key read as a string to `each`.
    static func pass(_ key: String, size: Int64, to each: ListedObjectHandler) throws(TrailStoreError) {
        var key = key
        var failure: TrailStoreError?
        key.withUTF8 { bytes in
            do throws(TrailStoreError) { try each(UnsafeRawBufferPointer(bytes), size) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// `aws s3 ls --recursive` output. `--summarize` totals and `PRE` folder lines are passed over;
    /// `--human-readable` sizes are refused (they are rounded, and bills need bytes).
    static func readS3Ls(
        _ path: String, each: ListedObjectHandler, problem: (ListingProblem) -> Void
    ) throws(TrailStoreError) {
        try LineStream.lines(of: path) { (line, number) throws(TrailStoreError) in
            switch S3LsLine.parse(line) {
            case .object(let key, let size): try each(key, size)
            case .ignored: break
            case .malformed(let reason):
                problem(ListingProblem(location: SourceLocation(file: path, line: number), detail: reason))
            }
        }
    }
}

/// One line of `aws s3 ls --recursive`.
enum S3LsLine {
    /// The key's bytes point into the line.
    case object(key: UnsafeRawBufferPointer, size: Int64)
    case ignored
    case malformed(String)

    static func parse(_ line: UnsafeRawBufferPointer) -> S3LsLine {
        var end = line.count
        while end > 0, line[end - 1] == 13 || line[end - 1] == 32 { end -= 1 }
        var start = 0
        while start < end, line[start] == 32 { start += 1 }
        if start == end { return .ignored }
        let body = UnsafeRawBufferPointer(rebasing: line[start..<end])
        if body.starts(with: prefixPRE) || body.starts(with: prefixTotal) { return .ignored }
        // yyyy-MM-dd HH:mm:ss, spaces, the size in bytes, one space, the key (which may hold spaces).
        guard body.count > 21,
            (0..<19).allSatisfy({ index in separator(at: index).map { body[index] == $0 } ?? isDigit(body[index]) }),
            body[19] == 32
        else {
            return .malformed("expected `yyyy-MM-dd HH:mm:ss  SIZE KEY` as `aws s3 ls --recursive` prints")
        }
        var index = 19
        while index < body.count, body[index] == 32 { index += 1 }
        var size: Int64 = 0
        let sizeStart = index
        while index < body.count, isDigit(body[index]), index - sizeStart < 18 {
            size = size * 10 + Int64(body[index] - 48)
            index += 1
        }
        guard index > sizeStart, index < body.count - 1, body[index] == 32 else {
            return .malformed("the size must be a whole number of bytes followed by the key (no --human-readable)")
        }
        return .object(key: UnsafeRawBufferPointer(rebasing: body[(index + 1)...]), size: size)
    }

    private static let prefixPRE = Array("PRE ".utf8)
    private static let prefixTotal = Array("Total ".utf8)

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// The separator at `index` of `yyyy-MM-dd HH:mm:ss`; nil where a digit belongs.
    @inline(__always) private static func separator(at index: Int) -> UInt8? {
        switch index {
        case 4, 7: 45  // -
        case 10: 32
        case 13, 16: 58  // :
        default: nil
        }
    }
}

/// Reads a file line by line in blocks, with 1-based line numbers; a gzip file is decompressed
/// as it is read, so memory does not grow with the file.
enum LineStream {
    static func lines(
        of path: String, _ body: (UnsafeRawBufferPointer, Int) throws(TrailStoreError) -> Void
    ) throws(TrailStoreError) {
        let source = try BlockSource(path)
        let blockSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: blockSize)
        var carried: [UInt8] = []
        var number = 0
        var failure: TrailStoreError?
        while failure == nil {
            var count = 0
            buffer.withUnsafeMutableBytes { raw in
                do throws(TrailStoreError) { count = try source.read(into: raw) } catch { failure = error }
            }
            if failure != nil || count == 0 { break }
            buffer.withUnsafeBytes { raw in
                var lineStart = 0
                let block = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                while failure == nil, let newline = block[lineStart...].firstIndex(of: 10) {
                    number += 1
                    do throws(TrailStoreError) {
                        if carried.isEmpty {
                            try body(UnsafeRawBufferPointer(rebasing: block[lineStart..<newline]), number)
                        } else {
                            carried.append(contentsOf: block[lineStart..<newline])
                            try withBytes(carried) { (line) throws(TrailStoreError) in try body(line, number) }
                            carried.removeAll(keepingCapacity: true)
                        }
                    } catch {
                        failure = error
                    }
                    lineStart = newline + 1
                }
                carried.append(contentsOf: block[lineStart...])
            }
        }
        if let failure { throw failure }
        try source.finish()
        if !carried.isEmpty {
            try withBytes(carried) { (line) throws(TrailStoreError) in try body(line, number + 1) }
        }
    }

    /// `withUnsafeBytes` that keeps the typed error (the standard one rethrows untyped).
    static func withBytes(
        _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(TrailStoreError) -> Void
    ) throws(TrailStoreError) {
        var failure: TrailStoreError?
        bytes.withUnsafeBytes { raw in
            do throws(TrailStoreError) { try body(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// A file's bytes a block at a time: as stored, or decompressed when it is gzip.
final class BlockSource {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private let gzip: GzipStream?
    private var input = [UInt8](repeating: 0, count: 1 << 18)
    private var inputStart = 0
    private var inputEnd = 0

    init(_ path: String) throws(TrailStoreError) {
        guard let file = fopen(path, "rb") else {
            throw .unreadableListing(path: path, detail: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = file
        let first = getc(file)
        let second = getc(file)
        rewind(file)
        gzip = first == 0x1f && second == 0x8b ? GzipStream() : nil
    }

    deinit { fclose(file) }

    /// Fills `buffer` with the next bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TrailStoreError) -> Int {
        guard let gzip else { return try fill(buffer) }
        while true {
            if inputStart == inputEnd {
                var failure: TrailStoreError?
                input.withUnsafeMutableBytes { raw in
                    do throws(TrailStoreError) { inputEnd = try fill(raw) } catch { failure = error }
                }
                if let failure { throw failure }
                inputStart = 0
                if inputEnd == 0 { return 0 }
            }
            var step: (consumed: Int, produced: Int) = (0, 0)
            var failure: Gzip.Failure?
            input.withUnsafeBytes { raw in
                do throws(Gzip.Failure) {
                    step = try gzip.decompress(
                        UnsafeRawBufferPointer(rebasing: raw[inputStart..<inputEnd]), into: buffer)
                } catch {
                    failure = error
                }
            }
            if let failure { throw .unreadableListing(path: path, detail: "\(failure)") }
            inputStart += step.consumed
            if step.produced > 0 { return step.produced }
            if step.consumed == 0 { throw .unreadableListing(path: path, detail: "gzip data stops making progress") }
        }
    }

    /// Throws when the file ended inside a gzip member.
    func finish() throws(TrailStoreError) {
        do throws(Gzip.Failure) { try gzip?.finish() } catch {
            throw .unreadableListing(path: path, detail: "\(error)")
        }
    }

    private func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(TrailStoreError) -> Int {
        let count = fread(buffer.baseAddress!, 1, buffer.count, file)
        if count == 0, ferror(file) != 0 { throw .unreadableListing(path: path, detail: "read error") }
        return count
    }
}

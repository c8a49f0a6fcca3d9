import TrailMeterCore

/// `aws s3api list-objects-v2` JSON output: `{"Contents": [{"Key": ..., "Size": ...}, ...]}`, as
/// one document (the CLI joins the pages: millions of objects for an organization trail), one
/// file per page, or an array of pages. Read as a stream, a block at a time (gzip decompressed
/// as it is read): memory does not grow with the listing.
enum ListObjectsListing {
    static func read(
        _ path: String, each: ListedObjectHandler, problem: (ListingProblem) -> Void
    ) throws(TrailStoreError) {
        var json = JSONStream(try BlockSource(path))
        do throws(JSONStream.Failure) {
            if try json.peek() == UInt8(ascii: "[") {
                try json.forEachElement { (page, json) throws(JSONStream.Failure) in
                    try readPage(&json, page, path: path, each: each, problem: problem)
                }
            } else {
                try readPage(&json, 0, path: path, each: each, problem: problem)
            }
            try json.expectEnd()
        } catch {
            switch error {
            case .handler(let failure): throw failure
            case .syntax(let line, let detail):
                throw .unreadableListing(path: path, detail: "not valid JSON at line \(line): \(detail)")
            case .shape(let detail): throw .unreadableListing(path: path, detail: detail)
            }
        }
    }

    private static let contents = Array("Contents".utf8)
    private static let keyName = Array("Key".utf8)
    private static let sizeName = Array("Size".utf8)
    /// Members of any list-objects-v2 page, `Contents` or not (an empty prefix has none).
    private static let pageMembers = ["KeyCount", "Prefix", "Name", "MaxKeys"].map { Array($0.utf8) }

    private static func readPage(
        _ json: inout JSONStream, _ page: Int, path: String, each: ListedObjectHandler,
        problem: (ListingProblem) -> Void
    ) throws(JSONStream.Failure) {
        guard try json.peek() == UInt8(ascii: "{") else { throw .shape("page \(page + 1) is not a JSON object") }
        var isPage = false
        var key: [UInt8] = []
        try json.forEachMember { (name, json) throws(JSONStream.Failure) in
            if name == contents {
                isPage = true
                guard try json.peek() == UInt8(ascii: "[") else {
                    throw .shape("`Contents` of page \(page + 1) is not an array")
                }
                try json.forEachElement { (index, json) throws(JSONStream.Failure) in
                    let first = try json.peek()
                    let line = json.line  // where the entry starts (after the whitespace `peek` passed)
                    var size: Int64?
                    var hasKey = false
                    if first == UInt8(ascii: "{") {
                        try json.forEachMember { (field, json) throws(JSONStream.Failure) in
                            if field == keyName, try json.peek() == UInt8(ascii: "\"") {
                                key = try json.string()
                                hasKey = true
                            } else if field == sizeName {
                                size = try json.integer()
                            } else {
                                try json.skipValue()
                            }
                        }
                    } else {
                        try json.skipValue()
                    }
                    guard hasKey, let size, size >= 0 else {
                        problem(
                            ListingProblem(
                                location: SourceLocation(file: path, line: line),
                                detail:
                                    "Contents[\(index)] of page \(page + 1): no valid `\(hasKey ? "Size" : "Key")`"))
                        return
                    }
                    do throws(TrailStoreError) {
                        try LineStream.withBytes(key) { (bytes) throws(TrailStoreError) in try each(bytes, size) }
                    } catch {
                        throw .handler(error)
                    }
                }
            } else {
                if pageMembers.contains(name) { isPage = true }
                try json.skipValue()
            }
        }
        guard isPage else { throw .shape("no `Contents` array: not `aws s3api list-objects-v2` output") }
    }
}

/// A JSON document read as a stream of bytes, a block at a time, with line numbers: enough of
/// a pull parser to walk objects and arrays, read strings and integers, and skip the rest.
struct JSONStream {
    enum Failure: Error {
        case syntax(line: Int, String)
        case shape(String)
        /// The object handler's own error, carried out.
        case handler(TrailStoreError)
    }

    private let source: BlockSource
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var position = 0
    private var end = 0
    /// The line of the next byte, from 1.
    private(set) var line = 1
    /// Nesting allowed while skipping values: deeper documents are refused, not recursed into.
    private static let maxDepth = 256

    init(_ source: BlockSource) { self.source = source }

    /// The next byte that is not whitespace, not consumed; nil at the end.
    mutating func peek() throws(Failure) -> UInt8? {
        while true {
            guard let byte = try peekRaw() else { return nil }
            guard byte == 32 || byte == 10 || byte == 13 || byte == 9 else { return byte }
            advance()
        }
    }

    mutating func expectEnd() throws(Failure) {
        if try peek() != nil { throw syntax("content after the document") }
    }

    /// Calls `body` with each element's index, positioned at the element (which it must consume).
    mutating func forEachElement(_ body: (Int, inout JSONStream) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") { return advance() }
        var index = 0
        while true {
            try body(index, &self)
            index += 1
            guard try peek() == UInt8(ascii: ",") else { break }
            advance()
        }
        try expect(UInt8(ascii: "]"))
    }

    /// Calls `body` with each member's name, positioned at its value (which it must consume).
    mutating func forEachMember(_ body: ([UInt8], inout JSONStream) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") { return advance() }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw syntax("expected a member name") }
            let name = try string()
            try expect(UInt8(ascii: ":"))
            try body(name, &self)
            guard try peek() == UInt8(ascii: ",") else { break }
            advance()
        }
        try expect(UInt8(ascii: "}"))
    }

    /// A string's UTF-8 bytes, escapes decoded.
    mutating func string() throws(Failure) -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        var bytes: [UInt8] = []
        while true {
            guard let byte = try peekRaw() else { throw syntax("a string is not closed") }
            advance()
            switch byte {
            case UInt8(ascii: "\""): return bytes
            case UInt8(ascii: "\\"): try escape(into: &bytes)
            case 0..<32: throw syntax("a control character inside a string")
            default: bytes.append(byte)
            }
        }
    }

    /// A number that is a whole number of at most 18 digits (`1.0e3` included); nil for any
    /// other value (consumed).
    mutating func integer() throws(Failure) -> Int64? {
        guard let first = try peek(), first == UInt8(ascii: "-") || (48...57).contains(first) else {
            try skipValue()
            return nil
        }
        var text: [UInt8] = []
        while let byte = try peekRaw(), (48...57).contains(byte) || "+-.eE".utf8.contains(byte) {
            text.append(byte)
            advance()
        }
        if text.count <= 18, text.allSatisfy({ (48...57).contains($0) }) {
            return text.reduce(0) { $0 * 10 + Int64($1 - 48) }
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)) else { throw syntax("a malformed number") }
        return value.rounded() == value && abs(value) < 1e18 ? Int64(value) : nil
    }

    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < Self.maxDepth else { throw syntax("nested more than \(Self.maxDepth) deep") }
        guard let next = try peek() else { throw syntax("the document ends where a value belongs") }
        switch next {
        case UInt8(ascii: "{"): try forEachMember { (_, json) throws(Failure) in try json.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try forEachElement { (_, json) throws(Failure) in try json.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), 48...57: _ = try integer()
        case UInt8(ascii: "t"): try word("true")
        case UInt8(ascii: "f"): try word("false")
        case UInt8(ascii: "n"): try word("null")
        default: throw syntax("unexpected `\(String(decoding: [next], as: UTF8.self))`")
        }
    }

    private mutating func word(_ text: String) throws(Failure) {
        for expected in text.utf8 {
            guard try peekRaw() == expected else { throw syntax("expected `\(text)`") }
            advance()
        }
    }

    private mutating func escape(into bytes: inout [UInt8]) throws(Failure) {
        guard let byte = try peekRaw() else { throw syntax("a string is not closed") }
        advance()
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case UInt8(ascii: "b"): bytes.append(8)
        case UInt8(ascii: "f"): bytes.append(12)
        case UInt8(ascii: "n"): bytes.append(10)
        case UInt8(ascii: "r"): bytes.append(13)
        case UInt8(ascii: "t"): bytes.append(9)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard try peekRaw() == UInt8(ascii: "\\") else { throw syntax("a lone surrogate escape") }
                advance()
                guard try peekRaw() == UInt8(ascii: "u") else { throw syntax("a lone surrogate escape") }
                advance()
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw syntax("a lone surrogate escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let character = Unicode.Scalar(scalar) else { throw syntax("a lone surrogate escape") }
            bytes.append(contentsOf: Array(String(Character(character)).utf8))
        default: throw syntax("an unknown escape")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peekRaw(), let digit = Int(String(UnicodeScalar(byte)), radix: 16) else {
                throw syntax("a malformed \\u escape")
            }
            value = value << 4 | UInt32(digit)
            advance()
        }
        return value
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard try peek() == byte else { throw syntax("expected `\(String(UnicodeScalar(byte)))`") }
        advance()
    }

    private func syntax(_ detail: String) -> Failure { .syntax(line: line, detail) }

    @inline(__always) private mutating func peekRaw() throws(Failure) -> UInt8? {
        if position == end {
            var failure: TrailStoreError?
            let source = source
            buffer.withUnsafeMutableBytes { raw in
                do throws(TrailStoreError) { end = try source.read(into: raw) } catch { failure = error }
            }
            if let failure { throw .handler(failure) }
            position = 0
            if end == 0 { return nil }
        }
        return buffer[position]
    }

    @inline(__always) private mutating func advance() {
        if buffer[position] == 10 { line += 1 }
        position += 1
    }
}

import Deflate
import Foundation
import TestSupport
import Testing

@testable import CloudTrail

/// Reading a file a window at a time (large files, bombs) against reading it whole.
@Suite("CloudTrail reader: bounded memory")
struct StreamingReaderTests {
    /// Limits that send every file through the window, starting tiny so that records are cut
    /// at every possible place.
    static func windowed(_ windowBytes: Int) -> LogReadLimits {
        var limits = LogReadLimits()
        limits.wholeFileBytes = 0
        limits.wholeTextBytes = 0
        limits.windowBytes = windowBytes
        return limits
    }

    static func file(_ bytes: [UInt8], name: String) throws -> String {
        let url = Scratch.path(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Reads `bytes` from a file with `limits`.
    static func readFile(_ bytes: [UInt8], name: String = "f.json", limits: LogReadLimits) throws -> ParsedLogFile {
        let path = try file(bytes, name: name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = LogBatchReader(limits: limits)
        let info = try reader.read(path: path)
        return ParsedLogFile(
            events: reader.takeEvents(), format: info.format, wasGzip: info.wasGzip,
            uncompressedBytes: info.uncompressedBytes)
    }

    static func sameColumns(_ a: ParsedLogFile, _ b: ParsedLogFile) -> Bool {
        a.events.count == b.events.count && a.events.eventTimeMs == b.events.eventTimeMs
            && zip(a.events.columns, b.events.columns).allSatisfy {
                $0.bytes == $1.bytes && $0.ends == $1.ends && $0.isNull == $1.isNull
            } && a.format == b.format && a.uncompressedBytes == b.uncompressedBytes && a.wasGzip == b.wasGzip
    }

    static var texts: [String] {
        let records = Array(repeating: [ReaderFixtures.consoleLogin, ReaderFixtures.assumedRole], count: 20).joined()
        return [
            ReaderFixtures.recordsCompact, ReaderFixtures.recordsPretty,
            #"{"Other":{"x":[1,2,{"y":"z"}]},"Records":["# + records.joined(separator: ",") + #"],"Tail":"t"}"#,
            "[" + records.joined(separator: ",\n") + "]",
            records.joined(separator: "\n") + "\n",
            "\u{FEFF}" + ReaderFixtures.recordsCompact,
        ]
    }

    @Test("A file read a window at a time gives the same columns as read whole", arguments: [16, 100, 1000, 1 << 20])
    func windowedEqualsWhole(_ windowBytes: Int) throws {
        for text in Self.texts {
            let whole = try ReaderFixtures.parse(text)
            #expect(try Self.sameColumns(Self.readFile(Array(text.utf8), limits: Self.windowed(windowBytes)), whole))
            let gzip = ReaderFixtures.gzip(text)
            let wholeGzip = try ReaderFixtures.parse(gzip, path: "f.json.gz")
            #expect(
                try Self.sameColumns(
                    Self.readFile(gzip, name: "f.json.gz", limits: Self.windowed(windowBytes)), wholeGzip))
            // From memory, gzip too large for the whole-buffer path is streamed as well.
            let streamed = try gzip.withUnsafeBytes {
                try LogFileParser.parse($0, path: "f.json.gz", limits: Self.windowed(windowBytes))
            }
            #expect(Self.sameColumns(streamed, wholeGzip))
        }
    }

    @Test("Concatenated gzip members and zero padding read alike whole and streamed")
    func gzipMembers() throws {
        let half = ReaderFixtures.recordsCompact.utf8.count / 2
        let text = Array(ReaderFixtures.recordsCompact.utf8)
        let members =
            text[..<half].withUnsafeBytes { Gzip.compress($0) } + text[half...].withUnsafeBytes { Gzip.compress($0) }
            + [0, 0, 0, 0]
        let whole = try ReaderFixtures.parse(members, path: "m.json.gz")
        #expect(whole.events.count == 2)
        #expect(try Self.sameColumns(Self.readFile(members, name: "m.json.gz", limits: Self.windowed(64)), whole))
    }

    @Test("Errors found a window at a time name the same place as read whole")
    func errorsAgree() throws {
        let text = ReaderFixtures.recordsPretty
        let cut = Array(String(text[..<text.range(of: "PutObj")!.upperBound]).utf8)
        var wholeError: LogFileError?
        do { _ = try ReaderFixtures.parse(cut, path: "cut.json") } catch let error as LogFileError {
            wholeError = error
        }
        for window in [16, 300] {
            #expect(throws: wholeError!) {
                let path = try Self.file(cut, name: "cut.json")
                defer { try? FileManager.default.removeItem(atPath: path) }
                var reader = LogBatchReader(limits: Self.windowed(window))
                do throws(LogFileError) {
                    _ = try reader.read(path: path)
                } catch {
                    // The same error, labelled with the temporary path instead.
                    throw LogFileError(path: "cut.json", problem: error.problem, record: error.record)
                }
            }
        }
        let gzip = ReaderFixtures.gzip(String(decoding: cut, as: UTF8.self))
        #expect(throws: LogFileError.self) {
            try Self.readFile(Array(gzip.dropLast(9)), name: "t.json.gz", limits: Self.windowed(64))
        }
    }

    @Test("A gzip bomb of zeros is refused at its first byte, read whole or streamed")
    func zeroBomb() throws {
        // 64 MiB of zeros in about 64 kB: over the whole-buffer limit, so it is streamed.
        let zeros = [UInt8](repeating: 0, count: 64 << 20)
        let bomb = zeros.withUnsafeBytes { Gzip.compress($0, level: 9) }
        var limits = LogReadLimits()
        limits.wholeTextBytes = 1 << 20
        for read in [
            { try bomb.withUnsafeBytes { try LogFileParser.parse($0, path: "z.json.gz", limits: limits) } },
            { try Self.readFile(bomb, name: "z.json.gz", limits: limits) },
        ] {
            #expect {
                _ = try read()
            } throws: { error in
                guard let error = error as? LogFileError, case .invalidJSON(_, 0, 1, 1) = error.problem else {
                    return false
                }
                return true
            }
        }
    }

    @Test("A bomb of whitespace, or of records, stops at the file limit, leaving no rows behind")
    func fileLimit() throws {
        var limits = LogReadLimits()
        limits.maxFileBytes = 1_000_000
        limits.wholeTextBytes = 100_000
        let spaces = [UInt8](#"{"Records":["#.utf8) + [UInt8](repeating: 0x20, count: 8 << 20)
        let records =
            #"{"Records":["# + Array(repeating: ReaderFixtures.consoleLogin, count: 2_000).joined(separator: ",") + "]}"
        for text in [spaces, Array(records.utf8)] {
            let gzip = text.withUnsafeBytes { Gzip.compress($0) }
            var reader = LogBatchReader(limits: limits)
            let path = try Self.file(gzip, name: "b.json.gz")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let tooLarge = { (error: any Error) in
                (error as? LogFileError)?.problem == .fileTooLarge(limit: 1_000_000)
            }
            #expect(
                performing: { try gzip.withUnsafeBytes { _ = try reader.read($0, path: "b.json.gz") } },
                throws: tooLarge)
            #expect(reader.events.count == 0)
            #expect(performing: { _ = try reader.read(path: path) }, throws: tooLarge)
            #expect(reader.events.count == 0)
        }
        // Plain text over the limit is refused too.
        limits.wholeFileBytes = 0
        #expect(throws: LogFileError.self) { try Self.readFile(Array(records.utf8), limits: limits) }
    }

    @Test("A record over the record limit is refused with its number and line, whole or streamed")
    func recordLimit() throws {
        let big = #"{"eventName":"Big","requestParameters":{"blob":""# + String(repeating: "x", count: 50_000) + #""}}"#
        let text = "[" + ReaderFixtures.consoleLogin + ",\n" + big + "]"
        var limits = LogReadLimits()
        limits.maxRecordBytes = 10_000
        let expected = LogFileError(path: "r.json", problem: .recordTooLarge(limit: 10_000, line: 2), record: 2)
        #expect(throws: expected) { try ReaderFixtures.parse(Array(text.utf8), path: "r.json", limits: limits) }
        limits.wholeFileBytes = 0
        limits.windowBytes = 1000
        #expect(throws: LogFileError.self) { try Self.readFile(Array(text.utf8), limits: limits) }
        do {
            _ = try Self.readFile(Array(text.utf8), limits: limits)
        } catch let error as LogFileError {
            #expect(error.problem == expected.problem && error.record == 2)
            #expect(error.description.contains("record 2"))
            #expect(error.description.contains("--max-record-bytes"))
        }
        limits.maxRecordBytes = 100_000
        #expect(try Self.readFile(Array(text.utf8), limits: limits).events.count == 2)
    }
}

extension ReaderFixtures {
    static func parse(_ bytes: [UInt8], path: String, limits: LogReadLimits) throws -> ParsedLogFile {
        try bytes.withUnsafeBytes { try LogFileParser.parse($0, path: path, limits: limits) }
    }
}

import CloudTrail
import Deflate
import Foundation
import TestSupport
import Testing
import TrailStore

/// Ingest of input built to hurt: bombs, FIFOs, files that break the reader's rules. Each is
/// refused by name with exit status 65, and the good files beside it are ingested all the same.
@Suite(
    "trailmeter ingest: hostile input",
    .enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built beside the tests"))
struct HostileInputTests {
    /// `members` gzip members of 16 MiB of zeros each: 128 MiB of zeros in about 130 kB (the
    /// acceptance bomb, 2 GiB of zeros in about 2 MB, is 128 members).
    static func zeroBomb(members: Int) -> [UInt8] {
        let member = [UInt8](repeating: 0, count: 16 << 20).withUnsafeBytes { Gzip.compress($0, level: 9) }
        return Array(repeating: member, count: members).flatMap { $0 }
    }

    /// `{"Records":[` and `count` records, gzip: a Records array far larger than its file.
    static func recordsBomb(count: Int) -> [UInt8] {
        let record =
            #"{"eventVersion":"1.08","eventTime":"2022-01-22T00:10:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1"}"#
        let json = #"{"Records":["# + Array(repeating: record, count: count).joined(separator: ",") + "]}"
        return Array(json.utf8).withUnsafeBytes { Gzip.compress($0, level: 9) }
    }

    @Test("Bombs and oversized records are refused by name; the good files are ingested; exit 65")
    func bombs() throws {
        let root = Scratch.directory("hostile")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 2, eventsPerFile: 5)
        let folder = root.appendingPathComponent("AWSLogs")
        try Data(Self.zeroBomb(members: 8)).write(to: folder.appendingPathComponent("zeros.json.gz"))
        try Data(Self.recordsBomb(count: 20_000)).write(to: folder.appendingPathComponent("records.json.gz"))
        let big =
            #"[{"eventName":"Big","requestParameters":{"blob":""# + String(repeating: "x", count: 20_000) + #""}}]"#
        try Data(big.utf8).write(to: folder.appendingPathComponent("big.json"))
        let store = root.appendingPathComponent("t.tmstore").path
        let result = try BuiltTrailmeter.run([
            "ingest", folder.path, "--store", store, "--max-file-bytes", "1MB", "--max-record-bytes", "10000",
        ])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stdout.contains("events added           10"), "\(result.stdout)")
        #expect(result.stdout.contains("skipped (unreadable)   3"))
        #expect(
            result.stdout.contains("zeros.json.gz: invalid JSON at line 1, column 1 (byte 0 of the decompressed text)"))
        #expect(
            result.stdout.contains(
                "records.json.gz: more than 1000000 bytes of JSON, the limit for one log file (--max-file-bytes)"))
        #expect(result.stdout.contains("big.json: line 1, in record 1: a record larger than 10000 bytes"))
        let inspected = try BuiltTrailmeter.run(["inspect", "--store", store])
        #expect(inspected.stdout.contains("10 in the catalog, 10 in the columnar store"), "\(inspected.stdout)")
    }

    @Test("A FIFO given as a path is refused by name at once; the rest is ingested; exit 65")
    func fifo() throws {
        let root = Scratch.directory("fifo")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 2, eventsPerFile: 5)
        let fifo = root.appendingPathComponent("pipe.json.gz").path
        #expect(FIFOFixture.make(at: fifo, unblockAfter: 30))
        let store = root.appendingPathComponent("t.tmstore").path
        let started = Date()
        let result = try BuiltTrailmeter.run([
            "ingest", fifo, root.appendingPathComponent("AWSLogs").path, "--store", store,
        ])
        #expect(Date().timeIntervalSince(started) < 25)
        #expect(result.status == 65)
        #expect(result.stdout.contains("pipe.json.gz: not a regular file (a FIFO); refused without reading it"))
        #expect(result.stdout.contains("events added           10"))
    }

    @Test("--codec alone on a store of another span names the codec; the help gives the real default")
    func settingsMessages() throws {
        let root = Scratch.directory("codec")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 1, eventsPerFile: 3)
        let store = root.appendingPathComponent("t.tmstore").path
        let folder = root.appendingPathComponent("AWSLogs").path
        let created = try BuiltTrailmeter.run(["ingest", folder, "--store", store, "--segment-minutes", "15"])
        #expect(created.status == 0, "\(created.stderr)")
        // The span given again, or the codec the store has, is accepted.
        let same = try BuiltTrailmeter.run([
            "ingest", folder, "--store", store, "--segment-minutes", "15", "--codec", "deflate:2",
        ])
        #expect(same.status == 0, "\(same.stderr)")
        let codec = try BuiltTrailmeter.run(["ingest", folder, "--store", store, "--codec", "none"])
        #expect(codec.status != 0)
        #expect(codec.stderr.contains("the store was built with codec deflate:2; cannot add data with none"))
        #expect(!codec.stderr.contains("60 min"))
        let span = try BuiltTrailmeter.run(["ingest", folder, "--store", store, "--segment-minutes", "60"])
        #expect(span.stderr.contains("segment span 15 min; cannot add data with 60 min"))
        let help = try BuiltTrailmeter.run(["ingest", "--help"])
        #expect(help.stdout.contains("default deflate:2"))
        #expect(!help.stdout.contains("deflate:6"))
        #expect(help.stdout.contains("--max-record-bytes"))
    }
}

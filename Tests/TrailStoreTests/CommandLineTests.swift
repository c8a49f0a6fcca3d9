import CloudTrail
import Foundation
import TestSupport
import Testing
import TrailStore

@Suite(
    "trailmeter generate, ingest, inspect",
    .enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built beside the tests"))
struct CommandLineTests {
    @Test("Event counts agree from generate through ingest to inspect; the same seed writes the same bytes")
    func endToEnd() throws {
        let root = Scratch.directory("cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let generated = try BuiltTrailmeter.run([
            "generate", "--out", root.appendingPathComponent("a").path, "--days", "2",
            "--events-per-day", "3000", "--regions", "us-east-1,ap-northeast-1", "--seed", "5",
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("6000 events"))
        let again = try BuiltTrailmeter.run([
            "generate", "--out", root.appendingPathComponent("b").path, "--days", "2",
            "--events-per-day", "3000", "--regions", "us-east-1,ap-northeast-1", "--seed", "5",
        ])
        #expect(again.status == 0, "\(again.stderr)")
        let filesA = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("a").path).sorted()
        #expect(
            filesA
                == (try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("b").path).sorted())
        )
        for file in filesA where file.hasSuffix(".gz") {
            #expect(
                FileManager.default.contentsEqual(
                    atPath: root.appendingPathComponent("a/" + file).path,
                    andPath: root.appendingPathComponent("b/" + file).path), "\(file)")
        }
        let store = root.appendingPathComponent("t.tmstore").path
        let ingested = try BuiltTrailmeter.run(["ingest", root.appendingPathComponent("a").path, "--store", store])
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stdout.contains("events added           6,000"))
        let inspected = try BuiltTrailmeter.run(["inspect", "--store", store])
        #expect(inspected.status == 0)
        #expect(inspected.stdout.contains("6,000 in the catalog, 6,000 in the columnar store"))
        #expect(inspected.stdout.contains("regions            ap-northeast-1, us-east-1"))
    }

    @Test("A corrupt file is reported with its path and position, the rest is ingested, and the exit status is 65")
    func skippedFileExitStatus() throws {
        let root = Scratch.directory("cli-bad")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 2, eventsPerFile: 5)
        try Data(#"{"Records":[{"eventName":"A"}"#.utf8).write(to: root.appendingPathComponent("AWSLogs/cut.json"))
        let store = root.appendingPathComponent("t.tmstore").path
        let result = try BuiltTrailmeter.run(["ingest", root.appendingPathComponent("AWSLogs").path, "--store", store])
        #expect(result.status == 65)
        #expect(result.stdout.contains("events added           10"))
        #expect(result.stdout.contains("cut.json: invalid JSON at line 1, column 30"))
        let again = try BuiltTrailmeter.run(["ingest", root.appendingPathComponent("AWSLogs").path, "--store", store])
        #expect(again.status == 65)
        #expect(again.stdout.contains("already in the store   2"))
    }

    @Test("Bad options and a missing store are refused with a message")
    func badArguments() throws {
        let missing = try BuiltTrailmeter.run(["inspect", "--store", "/nonexistent/x.tmstore"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("not a TrailMeter store: no such file"))
        let folder = Scratch.directory("codec")
        let codec = try BuiltTrailmeter.run([
            "ingest", folder.path, "--store", folder.appendingPathComponent("never.tmstore").path, "--codec", "lz4",
        ])
        #expect(codec.status == 64)
        #expect(codec.stderr.contains("--codec lz4"))
    }
}

import CloudTrail
import Foundation
import TestSupport
import Testing
import TrailStore

/// One writer at a time (issue 10, item 7).
@Suite(
    "One writer per store",
    .enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built beside the tests"))
struct WriterLockTests {
    /// Two folders of different days.
    static func folders(_ root: URL) throws -> (URL, URL) {
        let first = root.appendingPathComponent("first")
        let second = root.appendingPathComponent("second")
        _ = try SampleTrailGenerator.write(
            SampleTrailSpec(days: 2, eventsPerDay: 4000, seed: 3, start: TrailDate(year: 2022, month: 3, day: 1)),
            to: first)
        _ = try SampleTrailGenerator.write(
            SampleTrailSpec(days: 2, eventsPerDay: 4000, seed: 4, start: TrailDate(year: 2022, month: 3, day: 2)),
            to: second)
        return (first, second)
    }

    static func launch(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = BuiltTrailmeter.url!
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @Test("Two ingests started together into one store both finish, one waiting; counts equal one after the other")
    func concurrentIngestsBothFinish() throws {
        let root = Scratch.directory("writers")
        defer { try? FileManager.default.removeItem(at: root) }
        let (first, second) = try Self.folders(root)
        let together = root.appendingPathComponent("together.tmstore").path
        let runs = try [first, second].map {
            try Self.launch(["ingest", $0.path, "--store", together, "--wait", "120"])
        }
        for (process, out, err) in runs {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(stdout)\n\(stderr)")
        }
        let apart = root.appendingPathComponent("apart.tmstore").path
        for folder in [first, second] {
            #expect(try BuiltTrailmeter.run(["ingest", folder.path, "--store", apart]).status == 0)
        }
        // Which of the two got the lock first decides the file ids, so compare what does not depend on it.
        func counts(_ path: String) throws -> [Int64] {
            let summary = try StoreSummary.of(try StoreFile.openForReading(path))
            #expect(summary.faults.isEmpty)
            return [
                summary.files, summary.catalogEvents, summary.columnarEvents, summary.segments,
                summary.columnarEncodedBytes,
            ]
        }
        #expect(try counts(together) == counts(apart))
        #expect(try counts(together)[1] == 16_000)
        let verified = try BuiltTrailmeter.run(["verify", "--store", together])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(!FileManager.default.fileExists(atPath: together + ".lock"))
    }

    @Test("While a writer holds the store, another ingest stops at once with 'store is busy', exit 75, writing nothing")
    func busyStoreRefusedAtOnce() throws {
        let root = Scratch.directory("busy")
        defer { try? FileManager.default.removeItem(at: root) }
        let (first, second) = try Self.folders(root)
        let store = root.appendingPathComponent("t.tmstore").path
        #expect(try BuiltTrailmeter.run(["ingest", first.path, "--store", store]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let holder = try StoreFile.openForWriting(store, settings: nil)
        let refused = try BuiltTrailmeter.run(["ingest", second.path, "--store", store])
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("store is busy"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        let newStore = root.appendingPathComponent("new.tmstore").path
        let newHolder = try StoreFile.openForWriting(newStore, settings: nil)
        #expect(try BuiltTrailmeter.run(["ingest", second.path, "--store", newStore]).status == 75)
        // A listing load is a writer too.
        let listing = root.appendingPathComponent("ls.txt")
        try Data(
            "2022-03-02 00:05:00       1234 AWSLogs/111122223333/CloudTrail/us-east-1/2022/03/02/111122223333_CloudTrail_us-east-1_20220302T0005Z_a.json.gz\n"
                .utf8
        ).write(to: listing)
        let listed = try BuiltTrailmeter.run(["ingest", "--listing", listing.path, "--store", store])
        #expect(listed.status == 75 && listed.stderr.contains("store is busy"), "\(listed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        withExtendedLifetime((holder, newHolder)) {}
    }
}

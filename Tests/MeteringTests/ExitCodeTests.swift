import Foundation
import SQLite
import TestSupport
import Testing

/// The exit codes the README's table documents, as the built binary ends with them.
@Suite(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built"))
struct ExitCodeTests {
    /// A SQLite file that is not a store is bad input (65) for every command that reads a store.
    @Test func notAStoreIsTheSameDataErrorEverywhere() throws {
        let directory = Scratch.directory("not-a-store")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("other.sqlite").path
        try Connection(path: path).execute("CREATE TABLE notes(text); INSERT INTO notes VALUES ('not a store')")

        let runs = [
            "inspect": try BuiltTrailmeter.run(["inspect", "--store", path]),
            "query": try BuiltTrailmeter.run(["query", "--store", path, "SELECT count(*) FROM t"]),
            "compare": try BuiltTrailmeter.run(
                ["compare", "--store", path, "--out", directory.appendingPathComponent("out").path], in: directory),
        ]
        for (command, run) in runs {
            #expect(run.status == 65, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("not a TrailMeter store"), "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    @Test func missingStoreIsTheSameEverywhere() throws {
        let path = "/nonexistent/trailmeter-\(UUID().uuidString).tmstore"
        let inspect = try BuiltTrailmeter.run(["inspect", "--store", path])
        let query = try BuiltTrailmeter.run(["query", "--store", path, "SELECT count(*) FROM t"])
        #expect(inspect.status == query.status)
    }
}

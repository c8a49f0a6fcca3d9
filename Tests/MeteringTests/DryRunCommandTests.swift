import Foundation
import TestSupport
import Testing

@Suite(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built"))
struct DryRunCommandTests {
    let store = TestCorpus.built.storePath

    /// `query --dry-run` prints both layouts' bytes from metadata, labelled, with no rows.
    @Test func dryRunPrintsLabelledBytesWithoutRows() throws {
        let exact = try BuiltTrailmeter.run([
            "query", "--store", store, "--now", "2022-01-23T00:00:00Z", "--dry-run", TestCorpus.articleQueries[3],
        ])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout.contains("Columnar layout (Lake-style): dry run, from the chunk metadata"))
        #expect(exact.stdout.contains("Dry run: exact; no event data read"))
        #expect(exact.stdout.contains("planned from the catalog, files not read"))
        #expect(!exact.stdout.contains(" row"))
        let bounded = try BuiltTrailmeter.run([
            "query", "--store", store, "--dry-run", "SELECT eventname FROM t LIMIT 5",
        ])
        #expect(bounded.status == 0, "\(bounded.stderr)")
        #expect(bounded.stdout.contains("Dry run: upper bound; no event data read"))
        let refused = try BuiltTrailmeter.run(["query", "--store", store, "--dry-run", "--verify", "SELECT 1"])
        #expect(refused.status == 64)
    }
}

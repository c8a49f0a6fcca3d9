import Metering
import QueryEngine
import SQLite
import Testing

/// Both layouts return the same rows, and the raw layout reads exactly the files it planned.
@Suite struct LayoutAgreementTests {
    @Test(arguments: 0..<5) func articleQueryGivesTheSameRowsFromBothLayouts(_ number: Int) throws {
        let store = try TestCorpus.open()
        let result = try store.run(TestCorpus.articleQueries[number], verify: true)
        let verification = try #require(result.verification)
        #expect(!result.rows.isEmpty)
        #expect(verification.rowsMatch)
        #expect(verification.bytesMatch)
        #expect(verification.executed.bytesScanned > 0)
    }
}

import Testing

@testable import Metering

/// `--verify` on a statement SQLite stops early: the raw layout reads fewer files than it plans, and
/// that is reported as an early stop, not as a disagreement.
@Suite struct VerifyEarlyStopTests {
    @Test func limitWithoutOrderStopsTheRawScanEarly() throws {
        let store = try TestCorpus.open()
        let result = try store.run("SELECT eventname FROM t LIMIT 3", verify: true)
        let verification = try #require(result.verification)
        #expect(verification.rowsMatch)
        #expect(verification.stoppedEarly)
        #expect(verification.bytesMatch)
        #expect(verification.executed.bytesScanned < verification.planned.bytesScanned)
        #expect(verification.executed.unitsRead >= 1)
    }

    @Test func aScanReadToItsEndMustReadExactlyThePlan() throws {
        let store = try TestCorpus.open()
        let result = try store.run("SELECT count(*) FROM t", verify: true)
        let verification = try #require(result.verification)
        #expect(!verification.stoppedEarly)
        #expect(verification.bytesMatch)
        #expect(verification.executed.bytesScanned == verification.planned.bytesScanned)
    }
}

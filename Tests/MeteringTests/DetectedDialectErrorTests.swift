import Metering
import QueryEngine
import Testing

/// A statement that fails in both dialects reports the one it gets furthest in, and, when that
/// is not the dialect its table name suggests, what the suggested one failed on too.
@Suite struct DetectedDialectErrorTests {
    static let sql =
        "SELECT count(*) FROM cloudtrail_logs WHERE eventtime > now() - interval '1' day AND nosuchcolumn = 1"

    func failure(_ dialect: Dialect?) throws -> MeteringError? {
        let store = try TestCorpus.open()
        do {
            _ = try store.run(Self.sql, dialect: dialect)
            return nil
        } catch {
            return error
        }
    }

    @Test func bothDialectsFailingNameBothErrors() throws {
        // Athena stops at a text eventtime compared with a timestamp; Lake reads that and stops later.
        guard case .queryInDetectedDialect(let error, let dialect, let named)? = try failure(nil) else {
            Issue.record("expected both dialects' errors")
            return
        }
        #expect(dialect == .lake)
        guard case .unknownColumn(let name, _) = error else {
            Issue.record("expected an unknown column, got \(error)")
            return
        }
        #expect(name == "nosuchcolumn")
        #expect(named.description.contains("cannot apply operator > to varchar"))
        let text = MeteringError.queryInDetectedDialect(error, dialect: dialect, namedError: named).description
        #expect(text.contains("read as CloudTrail Lake SQL") && text.contains("as Athena SQL"))
    }

    @Test func aGivenDialectReportsItsOwnError() throws {
        guard case .query? = try failure(.athena) else {
            Issue.record("expected the Athena error alone")
            return
        }
    }
}

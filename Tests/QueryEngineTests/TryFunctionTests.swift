import SQLite
import Testing

@testable import QueryEngine

/// `try(x)`: NULL where evaluating x fails, whether at run time or while TrailMeter folds a
/// constant; errors of the query's shape still fail.
@Suite struct TryFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func failuresBecomeNull() throws {
        #expect(
            try one(
                """
                SELECT try(from_iso8601_timestamp('bad')), try(1 / (count(*) - count(*))), try(CAST(eventname AS integer)),
                       try(date_parse(eventname, '%Y')), try(from_iso8601_timestamp(eventtime)), try('it''s tm_x(')
                FROM cloudtrail WHERE eventname = 'RunInstances' AND eventtime < '2023' GROUP BY eventname, eventtime
                """) == ["NULL", "NULL", "NULL", "NULL", "2022-01-22 01:15:00.000 UTC", "it's tm_x("])
        #expect(
            try one("SELECT count_if(try(from_iso8601_timestamp(eventname)) IS NULL) = count(*) FROM cloudtrail")
                == ["true"])
    }

    @Test func withoutTryTheSameFailuresFail() throws {
        #expect(throws: (any Error).self) {
            try Fixture.rows("SELECT CAST(eventname AS integer) FROM cloudtrail", on: db)
        }
        #expect(Fixture.error("SELECT try(nosuchcolumn) FROM cloudtrail", on: db) != nil)
        #expect(Fixture.error("SELECT try(1, 2)", on: db) != nil)
    }

    @Test func onlyScalarCallsOutsideQuotesTakeTheirTwin() {
        #expect(
            SQLFunctions.nullingErrors(in: #"tm_div(tm_array_agg("tm_col"), 'tm_x(') + xtm_y(1)"#)
                == #"tm_try_div(tm_array_agg("tm_col"), 'tm_x(') + xtm_y(1)"#)
        #expect(SQLFunctions.nullingErrors(in: "'it''s tm_a(' || tm_b(1)") == "'it''s tm_a(' || tm_try_b(1)")
    }
}

import Foundation
import QueryEngine
import SQLite
import Testing

/// `covar_samp(y, x)`, `covar_pop`, `corr`, `regr_slope`, `regr_intercept`: rows with a NULL
/// skipped; NULL where Trino gives no finite answer.
@Suite struct CovarianceTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    private let points = "(VALUES (1e0, 1e0), (2e0, 2e0), (4e0, 3e0), (NULL, 4e0), (5e0, NULL)) AS t(y, x)"

    @Test func statisticsOfThreePointsMatchTheirDefinitions() throws {
        let row = try Fixture.rows(
            "SELECT covar_pop(y, x), covar_samp(y, x), corr(y, x), regr_slope(y, x), regr_intercept(y, x) FROM \(points)",
            on: db)[0].map { Double($0) ?? .nan }
        // x = 1, 2, 3 and y = 1, 2, 4: Σ(x-x̄)(y-ȳ) = 3, Σ(x-x̄)² = 2, Σ(y-ȳ)² = 42/9.
        let expected = [1.0, 1.5, 3 / (2.0.squareRoot() * (42.0 / 9).squareRoot()), 1.5, 7.0 / 3 - 1.5 * 2]
        for (value, want) in zip(row, expected) { #expect(abs(value - want) < 1e-12, "\(row)") }
    }

    @Test func degenerateGroupsGiveNull() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT covar_samp(y, x), covar_pop(y, x), corr(y, x), regr_slope(y, x)
                FROM (VALUES (2e0, 5e0)) AS t(y, x)
                """, on: db) == [["NULL", "0.0", "NULL", "NULL"]])
        #expect(
            try Fixture.rows(
                "SELECT covar_pop(y, x), regr_slope(y, x) FROM (VALUES (1e0, 7e0), (3e0, 7e0)) AS t(y, x)", on: db)
                == [["0.0", "NULL"]])
        #expect(try Fixture.rows("SELECT corr(y, x) FROM \(points) WHERE x > 10", on: db) == [["NULL"]])
    }

    @Test func groupedOverEventsAndRefusedOverText() throws {
        let rows = try Fixture.rows(
            """
            SELECT eventsource, corr(length(eventname), length(eventid)) FROM cloudtrail
            GROUP BY eventsource HAVING count(*) > 2 ORDER BY 1
            """, on: db)
        #expect(!rows.isEmpty)
        guard case .invalid(_, let at)? = Fixture.error("SELECT corr(eventname, 1) FROM cloudtrail", on: db) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(at.column == 13)
    }
}

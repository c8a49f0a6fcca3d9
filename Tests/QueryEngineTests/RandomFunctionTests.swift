import QueryEngine
import SQLite
import Testing

/// `rand()`, `random(n)`, `random(m, n)`, `uuid()` and `shuffle`: in range, well formed, and
/// recorded in the translation as answers that change with every run.
@Suite struct RandomFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func valuesStayInTheirRanges() throws {
        let rows = try Fixture.rows(
            """
            SELECT rand() >= 0 AND rand() < 1, random(3) BETWEEN 0 AND 2, random(-2, -1), length(uuid()),
                   regexp_like(uuid(), '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
                   array_sort(shuffle(ARRAY[3, 1, 2]))
            FROM cloudtrail
            """, on: db)
        #expect(!rows.isEmpty && rows.allSatisfy { $0 == ["true", "true", "-2", "36", "true", "[1, 2, 3]"] })
        // A bound per row, not once per statement.
        #expect(try Fixture.rows("SELECT count(DISTINCT uuid()) = count(*) FROM cloudtrail", on: db) == [["true"]])
    }

    @Test func badBoundsFailAndTheTranslationNamesTheCalls() throws {
        for sql in ["SELECT random(0)", "SELECT random(5, 5)"] {
            guard case .engine? = Fixture.error(sql, on: db) else {
                Issue.record("expected a failure: \(sql)")
                continue
            }
        }
        let translator = Translator(tableName: "cloudtrail", dialect: .athena, clock: Fixture.clock)
        #expect(
            try translator.translate("SELECT rand(), Uuid() FROM cloudtrail").nondeterministicFunctions == [
                "rand()", "Uuid()",
            ])
        #expect(try translator.translate("SELECT count(*) FROM cloudtrail").nondeterministicFunctions.isEmpty)
        #expect(
            try translator.translate("SELECT count(*) FROM cloudtrail TABLESAMPLE BERNOULLI (10)")
                .nondeterministicFunctions == ["TABLESAMPLE BERNOULLI"])
    }

    @Test func bernoulliSamplesKeepAShareOfTheRows() throws {
        let all = try Fixture.rows("SELECT count(*) FROM cloudtrail", on: db)
        #expect(try Fixture.rows("SELECT count(*) FROM cloudtrail TABLESAMPLE BERNOULLI (100)", on: db) == all)
        #expect(try Fixture.rows("SELECT count(*) FROM cloudtrail AS c TABLESAMPLE BERNOULLI (0)", on: db) == [["0"]])
        for (sql, refusal) in [
            ("SELECT count(*) FROM cloudtrail TABLESAMPLE SYSTEM (10)", "unsupported"),
            ("SELECT count(*) FROM cloudtrail TABLESAMPLE BERNOULLI (150)", "invalid"),
            (
                "SELECT 1 FROM cloudtrail a TABLESAMPLE BERNOULLI (5) JOIN cloudtrail b ON a.eventid = b.eventid",
                "unsupported"
            ),
        ] {
            let error = Fixture.error(sql, on: db)
            switch (error, refusal) {
            case (.unsupported?, "unsupported"), (.invalid?, "invalid"): continue
            default: Issue.record("expected \(refusal) for \(sql), got \(String(describing: error))")
            }
        }
    }
}

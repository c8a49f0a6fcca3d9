import QueryEngine
import SQLite
import Testing

/// `max(x, n)`, `min(x, n)`, `max_by(x, y, n)`, `min_by(x, y, n)`: arrays of the n best.
@Suite struct TopValuesTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func theBestValuesInOrder() throws {
        // NULL keys are skipped; a NULL value of a kept row stays; equal keys keep row order.
        #expect(
            try Fixture.rows(
                """
                SELECT max(x, 2), min(x, 2), max_by(y, x, 2), min_by(y, x, 3), max(x, 10)
                FROM (VALUES (3, 'c'), (1, 'a'), (NULL, 'n'), (3, 'd'), (2, NULL)) AS t(x, y)
                """, on: db) == [["[3, 3]", "[1, 2]", "[c, d]", "[a, null, c]", "[3, 3, 2, 1]"]])
        #expect(try Fixture.rows("SELECT max(x, 2) FROM (VALUES CAST(NULL AS integer)) AS t(x)", on: db) == [["NULL"]])
        // Past the state's trimming point (4n + 64 rows), the answer is still the best n.
        #expect(
            try Fixture.rows("SELECT max(x, 3), min_by(x * 10, x, 2) FROM UNNEST(sequence(1, 500)) AS t(x)", on: db)
                == [
                    ["[500, 499, 498]", "[10, 20]"]
                ])
        #expect(
            try Fixture.rows(
                "SELECT g, max_by(y, x, 1) FILTER (WHERE y <> 'd') FROM (VALUES (1, 3, 'c'), (1, 1, 'a'), (1, 3, 'd')) AS t(g, x, y) GROUP BY g",
                on: db) == [["1", "[c]"]])
    }

    @Test func theCountIsAPositiveConstant() {
        for sql in [
            "SELECT max(x, 0) FROM (VALUES 1) AS t(x)", "SELECT min(x, x) FROM (VALUES 1) AS t(x)",
            "SELECT max_by(x, x, 10001) FROM (VALUES 1) AS t(x)",
        ] {
            #expect(Fixture.error(sql, on: db) != nil, "\(sql)")
        }
    }
}

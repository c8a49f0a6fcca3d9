import QueryEngine
import SQLite
import Testing

/// UNNEST of several arrays: side by side, as long as the longest, the shorter padded with NULL.
@Suite struct UnnestTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func arraysSideBySide() throws {
        #expect(
            try Fixture.rows(
                "SELECT x, y, i FROM UNNEST(ARRAY[1, 2, 3], ARRAY['a', 'b']) WITH ORDINALITY AS t(x, y, i)", on: db)
                == [["1", "a", "1"], ["2", "b", "2"], ["3", "NULL", "3"]])
        // Element types survive: arithmetic on the first, booleans in text, a NULL array is empty.
        #expect(
            try Fixture.rows(
                "SELECT x + 1, CAST(y AS varchar), z FROM UNNEST(ARRAY[1], ARRAY[true, false], CAST(NULL AS array(varchar))) AS t(x, y, z)",
                on: db) == [["2", "true", "NULL"], ["NULL", "false", "NULL"]])
        #expect(
            try Fixture.rows(
                "SELECT g, x, y FROM (VALUES 1, 2) AS v(g) CROSS JOIN UNNEST(sequence(1, g), ARRAY['p']) AS t(x, y) ORDER BY g, x",
                on: db) == [["1", "1", "p"], ["2", "1", "p"], ["2", "2", "NULL"]])
        #expect(Fixture.error("SELECT x FROM UNNEST(ARRAY[1], ARRAY[2]) AS t(x)", on: db) != nil)
    }
}

import QueryEngine
import SQLite
import Testing

/// `GROUP BY ROLLUP | CUBE | GROUPING SETS` and `grouping()`: each set's groups, with the keys a
/// set leaves out as NULL, from one read of the rows.
@Suite struct GroupingSetsTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    private let sales = "(VALUES ('eu', 'a', 1), ('eu', 'b', 2), ('us', 'a', 4), ('us', NULL, 8)) AS t(region, item, n)"

    @Test func rollupAddsSubtotalsAndAGrandTotal() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT region, item, sum(n), grouping(region, item) FROM \(sales)
                GROUP BY ROLLUP(region, item) ORDER BY 4, 1, 2
                """, on: db) == [
                    ["eu", "a", "1", "0"], ["eu", "b", "2", "0"], ["us", "a", "4", "0"], ["us", "NULL", "8", "0"],
                    ["eu", "NULL", "3", "1"], ["us", "NULL", "12", "1"],
                    ["NULL", "NULL", "15", "3"],
                ])
    }

    @Test func cubeAndGroupingSetsListTheirSets() throws {
        // A NULL key of the data and a key the set leaves out both print NULL; grouping() tells them apart.
        #expect(
            try Fixture.rows(
                "SELECT item, count(*), grouping(item) FROM \(sales) GROUP BY CUBE(item) ORDER BY 3, 1 NULLS FIRST",
                on: db) == [["NULL", "1", "0"], ["a", "2", "0"], ["b", "1", "0"], ["NULL", "4", "1"]])
        #expect(
            try Fixture.rows(
                """
                SELECT region, item, sum(n) FROM \(sales)
                GROUP BY GROUPING SETS ((region), (item), ()) HAVING sum(n) > 2 ORDER BY 1, 2, 3
                """, on: db) == [
                    ["eu", "NULL", "3"], ["us", "NULL", "12"], ["NULL", "a", "5"], ["NULL", "NULL", "8"],
                    ["NULL", "NULL", "15"],
                ])
        // Elements combine as a cross product; DISTINCT drops a set repeated.
        #expect(
            try Fixture.rows("SELECT count(*) FROM \(sales) GROUP BY region, ROLLUP(item)", on: db).count == 6)
        #expect(
            try Fixture.rows("SELECT count(*) FROM \(sales) GROUP BY ROLLUP(region), ROLLUP(region)", on: db).count == 7
        )
        #expect(
            try Fixture.rows("SELECT count(*) FROM \(sales) GROUP BY DISTINCT ROLLUP(region), ROLLUP(region)", on: db)
                .count == 3)
        #expect(try Fixture.rows("SELECT sum(n) FROM \(sales) GROUP BY ()", on: db) == [["15"]])
    }

    @Test func aKeyComputedFromAnotherKeyIsNulledAsAWhole() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT substr(region, 1, 1), region, sum(n), grouping(substr(region, 1, 1), region) g FROM \(sales)
                GROUP BY GROUPING SETS ((substr(region, 1, 1)), (region)) ORDER BY g, 1, 2
                """, on: db) == [
                    ["e", "NULL", "3", "1"], ["u", "NULL", "12", "1"], ["NULL", "eu", "3", "2"],
                    ["NULL", "us", "12", "2"],
                ])
        // Ordinals, windows over the groups and a parenthesized key that goes on after its ')'.
        #expect(
            try Fixture.rows(
                "SELECT region, sum(n), sum(sum(n)) OVER () FROM \(sales) GROUP BY ROLLUP(1) ORDER BY 1", on: db)
                == [["eu", "3", "30"], ["us", "12", "30"], ["NULL", "15", "30"]])
        // A subquery reads the outer key as the set holds it: NULL in the grand total.
        #expect(
            try Fixture.rows(
                """
                SELECT region, (SELECT count(*) FROM \(sales.replacingOccurrences(of: "AS t(", with: "AS u(")) WHERE u.region = t.region)
                FROM \(sales) GROUP BY ROLLUP(region) ORDER BY 1
                """, on: db) == [["eu", "2"], ["us", "2"], ["NULL", "0"]])
        #expect(
            try Fixture.rows("SELECT (n + 1) * 2 FROM \(sales) GROUP BY (n + 1) * 2 ORDER BY 1", on: db)
                == [["4"], ["6"], ["10"], ["18"]])
    }

    @Test func theEventsAreReadOnceWhateverTheNumberOfSets() throws {
        let plain = try Fixture.rows("SELECT eventsource, count(*) FROM cloudtrail GROUP BY eventsource", on: db)
        let cube = try Fixture.rows(
            "SELECT eventsource, count(*), grouping(eventsource) FROM cloudtrail GROUP BY CUBE(eventsource)", on: db)
        #expect(
            cube.filter { $0[2] == "0" }.map { Array($0.prefix(2)) }.sorted { $0[0] < $1[0] }
                == plain.sorted { $0[0] < $1[0] })
        let total = try Fixture.rows("SELECT count(*) FROM cloudtrail", on: db)[0][0]
        #expect(cube.filter { $0[2] == "1" }.map { $0[1] } == [total])
    }

    @Test func misusedKeysAndGroupingCallsAreRefusedWithTheirPosition() throws {
        for (sql, column) in [
            ("SELECT region, item FROM \(sales) GROUP BY GROUPING SETS ((region))", 16),
            ("SELECT grouping(item) FROM \(sales) GROUP BY ROLLUP(region)", 17),
            ("SELECT grouping(region) FROM \(sales)", 8),
        ] {
            guard case .invalid(_, let at)? = Fixture.error(sql, on: db) else {
                Issue.record("expected a refusal: \(sql)")
                continue
            }
            #expect(at.column == column, "\(sql)")
        }
    }
}

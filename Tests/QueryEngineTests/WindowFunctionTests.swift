import QueryEngine
import SQLite
import Testing

/// Window functions against rows computed by hand. `t` holds six rows in two partitions with a
/// tie and a NULL: (1,a,1) (2,a,3) (3,a,3) (4,a,5) (5,b,2) (6,b,NULL).
@Suite struct WindowFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    static let table =
        "WITH t(id, g, v) AS (VALUES (1, 'a', 1), (2, 'a', 3), (3, 'a', 3), (4, 'a', 5), (5, 'b', 2), (6, 'b', NULL)) "

    func rows(_ sql: String, _ dialect: Dialect = .athena) throws -> [[String]] {
        try Fixture.rows(sql, dialect, on: db)
    }

    @Test func rankingFunctionsKeepTiesAndPutNullsLast() throws {
        let sql =
            Self.table
            + "SELECT id, row_number() OVER (PARTITION BY g ORDER BY v, id), rank() OVER (PARTITION BY g ORDER BY v), dense_rank() OVER (PARTITION BY g ORDER BY v) FROM t ORDER BY id"
        #expect(
            try rows(sql) == [
                ["1", "1", "1", "1"], ["2", "2", "2", "2"], ["3", "3", "2", "2"], ["4", "4", "4", "3"],
                ["5", "1", "1", "1"], ["6", "2", "2", "2"],
            ])
    }

    @Test func valueFunctions() throws {
        let sql =
            Self.table + """
                SELECT id, lag(v) OVER (PARTITION BY g ORDER BY id), lead(v, 1, 0) OVER (PARTITION BY g ORDER BY id),
                  first_value(v) OVER (PARTITION BY g ORDER BY v DESC),
                  last_value(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                  nth_value(v, 2) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                FROM t ORDER BY id
                """
        #expect(
            try rows(sql) == [
                ["1", "NULL", "3", "5", "5", "3"], ["2", "1", "3", "5", "5", "3"], ["3", "3", "5", "5", "5", "3"],
                ["4", "3", "0", "5", "5", "3"], ["5", "NULL", "NULL", "2", "NULL", "NULL"],
                ["6", "2", "0", "2", "NULL", "NULL"],
            ])
    }

    @Test func aggregatesOverWindowsAndFrames() throws {
        let sql =
            Self.table + """
                SELECT id, sum(v) OVER (PARTITION BY g), sum(v) OVER (PARTITION BY g ORDER BY id),
                  sum(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
                  count(*) OVER (PARTITION BY g), count(v) OVER (PARTITION BY g),
                  max(v) OVER (ORDER BY id ROWS 2 PRECEDING), ntile(2) OVER (ORDER BY id),
                  percent_rank() OVER (ORDER BY id)
                FROM t ORDER BY id
                """
        #expect(
            try rows(sql) == [
                ["1", "12", "1", "4", "4", "4", "1", "1", "0.0"],
                ["2", "12", "4", "7", "4", "4", "3", "1", "0.2"],
                ["3", "12", "7", "11", "4", "4", "3", "1", "0.4"],
                ["4", "12", "12", "10", "4", "4", "5", "2", "0.6"],
                ["5", "2", "2", "7", "2", "1", "5", "2", "0.8"],
                ["6", "2", "2", "2", "2", "1", "5", "2", "1.0"],
            ])
    }

    @Test func windowOverGroupedRows() throws {
        // Per event source: ec2 3, iam 3, s3 2, signin 2, rds 1, sts 1 (12 events).
        let sql = """
            SELECT eventsource, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) AS place,
              sum(count(*)) OVER () AS total
            FROM cloudtrail GROUP BY eventsource ORDER BY n DESC, eventsource
            """
        #expect(
            try rows(sql) == [
                ["ec2.amazonaws.com", "3", "1", "12"], ["iam.amazonaws.com", "3", "1", "12"],
                ["s3.amazonaws.com", "2", "3", "12"], ["signin.amazonaws.com", "2", "3", "12"],
                ["rds.amazonaws.com", "1", "5", "12"], ["sts.amazonaws.com", "1", "5", "12"],
            ])
    }

    @Test func lakeQueryRanksPerUser() throws {
        let sql = """
            SELECT eventname, row_number() OVER (PARTITION BY useridentity.username ORDER BY eventtime DESC) AS latest
            FROM 00000000-0000-0000-0000-000000000000 WHERE useridentity.username = 'Yuta0128' ORDER BY eventtime
            """
        #expect(
            try rows(sql, .lake) == [
                ["CreateAccessKey", "4"], ["ConsoleLogin", "3"], ["RunInstances", "2"], ["DescribeInstances", "1"],
            ])
    }

    @Test func unsupportedFormsAreNamed() throws {
        let ignoreNulls = Fixture.error(Self.table + "SELECT rank() IGNORE NULLS OVER (ORDER BY id) FROM t", on: db)
        guard case .invalid(let message, _)? = ignoreNulls else {
            Issue.record("expected invalid, got \(String(describing: ignoreNulls))")
            return
        }
        #expect(message == "IGNORE NULLS is not valid for rank")
        let named = Fixture.error(Self.table + "SELECT rank() OVER w FROM t", on: db)
        guard case .invalid(let message, _)? = named else {
            Issue.record("expected invalid, got \(String(describing: named))")
            return
        }
        #expect(message == "cannot resolve window name 'w'")
        let range = Fixture.error(
            Self.table + "SELECT sum(v) OVER (ORDER BY id, v RANGE 1 PRECEDING) FROM t", on: db)
        guard case .invalid? = range else {
            Issue.record("expected invalid, got \(String(describing: range))")
            return
        }
    }

    @Test func namedWindowsOfTheWindowClause() throws {
        // w partitions; OVER (w ORDER BY ...) adds an order; v copies w's order and adds a frame.
        #expect(
            try rows(
                Self.table
                    + """
                    SELECT id, rank() OVER w, sum(v) OVER (o ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), count(*) OVER p
                    FROM t WINDOW p AS (PARTITION BY g), o AS (p ORDER BY id), w AS (o) ORDER BY id
                    """) == [
                    ["1", "1", "1", "4"], ["2", "2", "4", "4"], ["3", "3", "6", "4"], ["4", "4", "8", "4"],
                    ["5", "1", "2", "2"], ["6", "2", "2", "2"],
                ])
        for sql in [
            "SELECT rank() OVER (w PARTITION BY id) FROM t WINDOW w AS (PARTITION BY g)",
            "SELECT rank() OVER (w ORDER BY v) FROM t WINDOW w AS (ORDER BY id)",
            "SELECT rank() OVER w FROM t WINDOW w AS (ORDER BY id), w AS (ORDER BY v)",
        ] {
            guard case .invalid? = Fixture.error(Self.table + sql, on: db) else {
                Issue.record("expected a refusal: \(sql)")
                continue
            }
        }
    }

    @Test func ignoreNullsSkipsToTheNearestValue() throws {
        let sql = """
            WITH t(id, g, v) AS (VALUES (1, 'a', NULL), (2, 'a', 10), (3, 'a', NULL), (4, 'a', NULL), (5, 'a', 40),
                                        (6, 'b', NULL), (7, 'b', 70))
            SELECT id, lag(v) IGNORE NULLS OVER w, lag(v, 1, -1) IGNORE NULLS OVER w, lead(v) IGNORE NULLS OVER w,
                   lead(v, 2) IGNORE NULLS OVER w, last_value(v) IGNORE NULLS OVER w,
                   first_value(v) IGNORE NULLS OVER (w ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
                   nth_value(v, 2) IGNORE NULLS OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                   lag(v) RESPECT NULLS OVER w
            FROM t WINDOW w AS (PARTITION BY g ORDER BY id) ORDER BY id
            """
        #expect(
            try rows(sql) == [
                ["1", "NULL", "-1", "10", "40", "NULL", "10", "40", "NULL"],
                ["2", "NULL", "-1", "40", "NULL", "10", "10", "40", "NULL"],
                ["3", "10", "10", "40", "NULL", "10", "10", "40", "10"],
                ["4", "10", "10", "40", "NULL", "10", "40", "40", "NULL"],
                ["5", "10", "10", "NULL", "NULL", "40", "40", "40", "NULL"],
                ["6", "NULL", "-1", "70", "NULL", "NULL", "70", "NULL", "NULL"],
                ["7", "NULL", "-1", "NULL", "NULL", "70", "70", "NULL", "NULL"],
            ])
    }
}

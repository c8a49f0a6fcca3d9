import QueryEngine
import SQLite
import Testing

/// RANGE frames measured in time (`RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW`):
/// the rows whose key lies within the interval of the current row's, in either direction.
@Suite struct TimeRangeFrameTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func framesHoldTheRowsWithinTheInterval() throws {
        // Worked by hand: 01:00:01 looks back to 00:00:01, which leaves 00:00 out; a NULL key's
        // frame is its NULL peers. Descending, PRECEDING is the later side.
        #expect(
            try Fixture.rows(
                """
                SELECT x,
                       count(*) OVER (ORDER BY t RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW),
                       sum(x) OVER (ORDER BY t DESC RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND INTERVAL '30' MINUTE FOLLOWING),
                       count(*) OVER (ORDER BY t RANGE INTERVAL '1' SECOND PRECEDING)
                FROM (VALUES (1, timestamp '2022-01-01 00:00:00'), (2, timestamp '2022-01-01 00:30:00'),
                             (3, timestamp '2022-01-01 01:00:00'), (4, timestamp '2022-01-01 01:00:01'),
                             (5, NULL)) AS t(x, t)
                ORDER BY x
                """, on: db) == [
                    ["1", "1", "3", "1"], ["2", "2", "6", "1"], ["3", "3", "9", "1"], ["4", "3", "7", "2"],
                    ["5", "1", "5", "1"],
                ])
        #expect(
            try Fixture.rows(
                """
                SELECT count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)
                FROM (VALUES date '2022-01-01', date '2022-01-02', date '2022-01-04') AS t(d) ORDER BY d
                """, on: db) == [["1"], ["2"], ["1"]])
    }

    @Test func framesTrinoRejectsAreRejected() {
        for sql in [
            "SELECT count(*) OVER (ORDER BY x RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW) FROM (VALUES 1) AS t(x)",
            "SELECT count(*) OVER (ORDER BY d ROWS BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW) FROM (VALUES date '2022-01-01') AS t(d)",
            "SELECT count(*) OVER (ORDER BY d, e RANGE INTERVAL '1' DAY PRECEDING) FROM (VALUES (date '2022-01-01', 1)) AS t(d, e)",
            "SELECT count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '-1' DAY PRECEDING AND CURRENT ROW) FROM (VALUES date '2022-01-01') AS t(d)",
        ] {
            #expect(Fixture.error(sql, on: db) != nil, "\(sql)")
        }
    }
}

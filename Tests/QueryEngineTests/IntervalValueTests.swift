import QueryEngine
import SQLite
import Testing

/// Intervals as values: `timestamp - timestamp` is an interval day to second (Trino's
/// `TimestampOperators.subtract`), intervals compare and order by their length, and one computed
/// per row prints as Trino prints it.
@Suite struct IntervalValueTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func timestampsSubtractToIntervals() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT timestamp '2022-01-02 00:00:00' - timestamp '2022-01-01 12:00:00',
                       to_milliseconds(timestamp '2022-01-01 00:00:00' - timestamp '2022-01-01 00:00:01.5'),
                       from_iso8601_timestamp('2022-01-01T09:00:00+09:00') - from_iso8601_timestamp('2022-01-01T00:00:00Z')
                """, on: db) == [["0 12:00:00.000", "-1500", "0 00:00:00.000"]])
    }

    @Test func intervalsCompareByLength() throws {
        // These printed NULL before: a constant interval reached SQLite as NULL.
        #expect(
            try Fixture.rows(
                """
                SELECT parse_duration('3d') > parse_duration('1h'), interval '1' day < interval '25' hour,
                       interval '2' month = interval '2' month
                """, on: db) == [["true", "true", "true"]])
    }

    @Test func aDifferencePerRowPrintsAndFilters() throws {
        let rows = try Fixture.rows(
            """
            SELECT max(from_iso8601_timestamp(eventtime)) - min(from_iso8601_timestamp(eventtime)),
                   to_milliseconds(max(from_iso8601_timestamp(eventtime)) - min(from_iso8601_timestamp(eventtime)))
            FROM cloudtrail_logs
            HAVING max(from_iso8601_timestamp(eventtime)) - min(from_iso8601_timestamp(eventtime)) > interval '1' day
            """, on: db)
        let first = try #require(
            try Fixture.rows(
                "SELECT min(eventtime), max(eventtime) FROM cloudtrail_logs", on: db
            ).first)
        #expect(first == ["2021-07-15T09:30:00Z", "2023-01-03T10:00:00Z"])
        // 537 days, 0:30:00 from the fixture's first event to its last.
        #expect(rows == [["537 00:30:00.000", "46398600000"]])
        #expect(Fixture.error("SELECT date '2022-01-02' - date '2022-01-01'", on: db) != nil)
    }
}

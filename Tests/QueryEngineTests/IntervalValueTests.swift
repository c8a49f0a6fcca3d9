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

    @Test func intervalsScaleAndMoveTimesPerRow() throws {
        // Ten-minute buckets as published Lake queries write them; constants still fold.
        #expect(
            try Fixture.rows(
                """
                SELECT timestamp '2022-01-01 10:47:13' - (minute(timestamp '2022-01-01 10:47:13') % 10) * interval '1' minute,
                       2 * interval '10' minute, interval '1' month * 3,
                       (timestamp '2022-01-02 00:00:00' - timestamp '2022-01-01 00:00:00') + interval '1' hour,
                       CAST(interval '90' minute AS varchar)
                """, on: db) == [
                    ["2022-01-01 10:40:13.000", "0 00:20:00.000", "0-3", "1 01:00:00.000", "0 01:30:00.000"]
                ])
        let translated = try Fixture.run(
            "SELECT count(*) FROM cloudtrail_logs WHERE eventtime > now() - 2 * interval '1' hour", .lake
        ).0
        #expect(!translated.sqliteSQL.contains("tm_mul"))
        // A row's own amount moves its own time.
        #expect(
            try Fixture.rows(
                "SELECT from_iso8601_timestamp(min(eventtime)) + length('abc') * interval '1' day FROM cloudtrail_logs",
                on: db)
                == [["2021-07-18 09:30:00.000 UTC"]])
        #expect(
            try Fixture.rows(
                "SELECT sum(timestamp '2021-07-16 09:30:00' - from_iso8601_timestamp(eventtime)) FROM cloudtrail_logs WHERE eventtime < '2021-07-16'",
                on: db) == [["1 00:00:00.000"]])
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

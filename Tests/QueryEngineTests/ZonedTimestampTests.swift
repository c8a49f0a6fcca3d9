import QueryEngine
import SQLite
import Testing

/// Trino's `timestamp(3) with time zone` (what `from_iso8601_timestamp`, `from_unixtime` and
/// `now()` return) prints with its zone, and keeps it through the functions, aggregates and
/// subqueries that return the same type; a plain timestamp (CloudTrail Lake's `eventTime`) prints
/// none. Published queries select `date_trunc('hour', from_iso8601_timestamp(eventtime))`.
@Suite struct ZonedTimestampTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    static let runInstances = "FROM cloudtrail WHERE eventname = 'RunInstances' AND eventtime < '2023'"

    @Test func athenaTimesFromTheLoggedStringPrintInUTC() throws {
        #expect(
            try one(
                """
                SELECT from_iso8601_timestamp(eventtime), date_trunc('hour', from_iso8601_timestamp(eventtime)),
                       date_add('day', 1, from_iso8601_timestamp(eventtime)), from_iso8601_timestamp(eventtime) + interval '1' hour,
                       coalesce(from_iso8601_timestamp(eventtime), now()), from_unixtime(0)
                \(Self.runInstances)
                """) == [
                    "2022-01-22 01:15:00.000 UTC", "2022-01-22 01:00:00.000 UTC", "2022-01-23 01:15:00.000 UTC",
                    "2022-01-22 02:15:00.000 UTC", "2022-01-22 01:15:00.000 UTC", "1970-01-01 00:00:00.000 UTC",
                ])
    }

    @Test func timezoneHourAndMinuteReadTheOffset() throws {
        #expect(
            try one(
                """
                SELECT timezone_hour(TIMESTAMP '2022-01-01 10:00:00 -05:30'), timezone_minute(TIMESTAMP '2022-01-01 10:00:00 -05:30'),
                       timezone_hour(from_iso8601_timestamp('2022-01-01T00:00:00+09:00')), timezone_hour(now())
                """) == ["-5", "-30", "9", "0"])
        #expect(
            try Fixture.rows(
                "SELECT DISTINCT timezone_minute(from_iso8601_timestamp(eventtime)) \(Self.runInstances)", on: db)
                == [["0"]])
        #expect(Fixture.error("SELECT timezone_hour(TIMESTAMP '2022-01-01 10:00:00')", on: db) != nil)
    }

    @Test func theZoneSurvivesAggregatesAndSubqueries() throws {
        #expect(
            try one(
                """
                SELECT hour_bucket, max(t) FROM (
                    SELECT date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hour_bucket,
                           from_iso8601_timestamp(eventtime) AS t
                    \(Self.runInstances)
                ) GROUP BY hour_bucket
                """) == ["2022-01-22 01:00:00.000 UTC", "2022-01-22 01:15:00.000 UTC"])
    }

    @Test func castsAndFormattingFollowTheType() throws {
        #expect(
            try one(
                """
                SELECT CAST(from_iso8601_timestamp(eventtime) AS varchar), CAST(from_iso8601_timestamp(eventtime) AS timestamp),
                       to_iso8601(from_iso8601_timestamp(eventtime)), date(from_iso8601_timestamp(eventtime)),
                       date_format(from_iso8601_timestamp(eventtime), '%H:%i'),
                       CAST(from_iso8601_timestamp('2022-01-22T10:15:00+09:00') AS timestamp)
                \(Self.runInstances)
                """) == [
                    "2022-01-22 01:15:00.000 UTC", "2022-01-22 01:15:00.000", "2022-01-22T01:15:00.000Z", "2022-01-22",
                    "01:15", "2022-01-22 10:15:00.000",
                ])
    }

    @Test func lakeEventTimeIsAPlainTimestamp() throws {
        #expect(
            try one(
                """
                SELECT eventTime, date_trunc('hour', eventTime), to_iso8601(eventTime), localtimestamp
                FROM $EDS_ID WHERE eventName = 'RunInstances' AND eventTime < timestamp '2023-01-01 00:00:00'
                """) == [
                    "2022-01-22 01:15:00.000", "2022-01-22 01:00:00.000", "2022-01-22T01:15:00.000",
                    "2022-01-23 00:00:00.000",
                ])
    }

    @Test func comparisonsAreUnchanged() throws {
        #expect(
            try one(
                "SELECT count(*) FROM cloudtrail WHERE from_iso8601_timestamp(eventtime) > now() - interval '1' day"
            ) == ["8"])
    }

    @Test func atTimeZoneShowsTheSameInstantInTheZone() throws {
        let tokyo = "from_iso8601_timestamp(eventtime) AT TIME ZONE 'Asia/Tokyo'"
        #expect(
            try one(
                """
                SELECT \(tokyo), date_format(\(tokyo), '%Y/%m/%d %H:%i'), hour(\(tokyo)), date(\(tokyo)),
                       date_trunc('day', \(tokyo)), to_iso8601(\(tokyo)), CAST(\(tokyo) AS timestamp),
                       at_timezone(from_iso8601_timestamp(eventtime), '-05:30'),
                       date(at_timezone(from_iso8601_timestamp(eventtime), 'America/New_York'))
                \(Self.runInstances)
                """) == [
                    "2022-01-22 10:15:00.000 Asia/Tokyo", "2022/01/22 10:15", "10", "2022-01-22",
                    "2022-01-22 00:00:00.000 Asia/Tokyo", "2022-01-22T10:15:00.000+09:00", "2022-01-22 10:15:00.000",
                    "2022-01-21 19:45:00.000 -05:30", "2022-01-21",
                ])
    }

    @Test func daylightSavingFollowsTheRegion() throws {
        // New York is UTC-5 in January and UTC-4 in July.
        #expect(
            try one(
                """
                SELECT at_timezone(from_iso8601_timestamp('2022-01-22T12:00:00Z'), 'America/New_York'),
                       at_timezone(from_iso8601_timestamp('2022-07-22T12:00:00Z'), 'America/New_York'),
                       with_timezone(timestamp '2022-07-22 08:00:00', 'America/New_York')
                       = from_iso8601_timestamp('2022-07-22T12:00:00Z')
                """) == [
                    "2022-01-22 07:00:00.000 America/New_York", "2022-07-22 08:00:00.000 America/New_York", "true",
                ])
    }

    @Test func timesInOtherZonesCompareAsInstants() throws {
        let tokyo = "from_iso8601_timestamp(eventtime) AT TIME ZONE 'Asia/Tokyo'"
        // 01:15 UTC is 10:15 in Tokyo: before 02:00 UTC, whatever the local clock says.
        #expect(
            try one("SELECT count(*) \(Self.runInstances) AND \(tokyo) < timestamp '2022-01-22 02:00:00'") == ["1"])
        #expect(
            try one(
                "SELECT date_diff('hour', \(tokyo), from_iso8601_timestamp(eventtime)), to_unixtime(\(tokyo)) = to_unixtime(from_iso8601_timestamp(eventtime)) \(Self.runInstances)"
            ) == ["0", "true"])
        #expect(Fixture.error("SELECT now() AT TIME ZONE 'Mars/Olympus'", on: db) != nil)
    }

    /// An array of zoned timestamps prints each with its zone, as Trino prints the array;
    /// through a WITH too. A plain timestamp's array stays plain.
    @Test func arraysOfZonedTimestampsPrintTheZone() throws {
        let window = "FROM cloudtrail WHERE eventname = 'RunInstances' AND eventtime LIKE '2022-%'"
        #expect(
            try one(
                """
                SELECT array_agg(from_iso8601_timestamp(eventtime)),
                       array_agg(from_iso8601_timestamp(eventtime) AT TIME ZONE 'Asia/Tokyo'),
                       array_agg(CAST(from_iso8601_timestamp(eventtime) AS timestamp)) \(window)
                """) == [
                    "[2022-01-22 01:15:00.000 UTC]", "[2022-01-22 10:15:00.000 Asia/Tokyo]",
                    "[2022-01-22 01:15:00.000]",
                ])
        #expect(
            try one("WITH x AS (SELECT array_agg(from_iso8601_timestamp(eventtime)) AS a \(window)) SELECT a FROM x")
                == ["[2022-01-22 01:15:00.000 UTC]"])
    }
}

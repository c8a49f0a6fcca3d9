import QueryEngine
import SQLite
import Testing

/// `date_diff` and `format_datetime` as Trino computes them with Joda: month and year
/// differences that count a month-end to a shorter month's end as whole, and the zone
/// patterns `Z`, `ZZ`, `ZZZ`.
@Suite struct JodaDifferenceAndZoneTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func monthAndYearDifferencesFollowJoda() throws {
        // Joda's month difference moves the earlier day back to the later month's last day;
        // its year difference balances Feb 29 against a common year.
        let cases: [(String, String, String, String)] = [
            ("month", "date '2022-01-31'", "date '2022-02-28'", "1"),
            ("month", "date '2022-01-31'", "date '2022-02-27'", "0"),
            ("month", "date '2022-03-31'", "date '2022-02-28'", "-1"),
            ("month", "timestamp '2022-01-31 10:00:00'", "timestamp '2022-02-28 10:00:00'", "1"),
            ("month", "timestamp '2022-01-31 10:00:00'", "timestamp '2022-02-28 09:00:00'", "0"),
            ("quarter", "date '2022-01-31'", "date '2022-04-30'", "1"),
            ("year", "date '2020-02-29'", "date '2021-02-28'", "1"),
            ("year", "date '2019-03-01'", "date '2020-02-29'", "0"),
            ("year", "date '2020-03-01'", "date '2021-03-01'", "1"),
            ("year", "date '2021-02-28'", "date '2020-02-29'", "-1"),
        ]
        for (unit, a, b, expected) in cases {
            let sql = "SELECT date_diff('\(unit)', \(a), \(b))"
            #expect(try Fixture.rows(sql, on: db) == [[expected]], "\(sql)")
            // The same per row (not folded): the SQL function agrees with the folded constant.
            let perRow = "SELECT date_diff('\(unit)', \(a), CASE WHEN count(*) >= 0 THEN \(b) END) FROM cloudtrail_logs"
            #expect(try Fixture.rows(perRow, on: db) == [[expected]], "\(perRow)")
        }
    }

    @Test func weekYearPatternsFollowTheISOWeek() throws {
        // 2021-01-03 is a Sunday in week 53 of 2020; the Monday after starts week 1 of 2021.
        #expect(
            try Fixture.rows(
                """
                SELECT date_format(timestamp '2021-01-03 15:04:05', '%r %v %x'),
                       date_format(timestamp '2021-01-04 00:04:05', '%r %v %x'),
                       format_datetime(timestamp '2021-01-03 15:04:05', 'xxxx-ww xx')
                """, on: db) == [["03:04:05 PM 53 2020", "12:04:05 AM 01 2021", "2020-53 20"]])
    }

    @Test func zonePatternsPrintTheOffsetAndTheZone() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT format_datetime(from_iso8601_timestamp('2022-01-02T13:05:03+05:30'), 'HH:mm Z ZZ ZZZ'),
                       format_datetime(from_iso8601_timestamp('2022-01-02T13:05:03Z') AT TIME ZONE 'America/New_York', 'HH:mm Z ZZZ'),
                       format_datetime(timestamp '2022-01-02 13:05:03', 'Z ZZ ZZZ')
                """, on: db) == [["13:05 +0530 +05:30 +05:30", "08:05 -0500 America/New_York", "+0000 +00:00 UTC"]])
        #expect(
            try Fixture.rows(
                "SELECT from_unixtime(1641168000, 'Asia/Tokyo'), from_unixtime(1641168000, '+05:30')", on: db)
                == [["2022-01-03 09:00:00.000 Asia/Tokyo", "2022-01-03 05:30:00.000 +05:30"]])
        // Per row, in a region whose offset changes with the date.
        #expect(
            try Fixture.rows(
                """
                SELECT format_datetime(from_iso8601_timestamp(min(eventtime)) AT TIME ZONE 'America/New_York', 'yyyy-MM-dd HH:mm Z'),
                       format_datetime(from_iso8601_timestamp(max(eventtime)) AT TIME ZONE 'America/New_York', 'yyyy-MM-dd HH:mm Z')
                FROM cloudtrail_logs
                """, on: db) == [["2021-07-15 05:30 -0400", "2023-01-03 05:00 -0500"]])
    }
}

import SQLite
import Testing

/// `parse_datetime` with Joda patterns, as older published CloudTrail queries read `eventtime`.
@Suite struct ParseDateTimeTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func jodaPatterns() throws {
        #expect(
            try one(
                """
                SELECT parse_datetime(eventtime, 'yyyy-MM-dd''T''HH:mm:ss''Z'''),
                       parse_datetime('2022-01-22 10:15:00 +0900', 'yyyy-MM-dd HH:mm:ss Z'),
                       parse_datetime('22/Jan/2022:10:15:00', 'dd/MMM/yyyy:HH:mm:ss'),
                       parse_datetime('2022-01-22T10:15:00.5Z', 'yyyy-MM-dd''T''HH:mm:ss.SZ'),
                       parse_datetime('01/22/2022 01:15 PM', 'MM/dd/yyyy hh:mm a'), try(parse_datetime(eventname, 'yyyy'))
                FROM cloudtrail WHERE eventname = 'RunInstances' AND eventtime < '2023'
                """) == [
                    "2022-01-22 01:15:00.000 UTC", "2022-01-22 10:15:00.000 +09:00", "2022-01-22 10:15:00.000 UTC",
                    "2022-01-22 10:15:00.500 UTC", "2022-01-22 13:15:00.000 UTC", "NULL",
                ])
        #expect(Fixture.error("SELECT parse_datetime('2022-13-01', 'yyyy-MM-dd')", on: db) != nil)
        #expect(Fixture.error("SELECT parse_datetime('2022', 'yyyy Q')", on: db) != nil)
    }
}

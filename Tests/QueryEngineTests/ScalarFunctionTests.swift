import QueryEngine
import SQLite
import Testing

/// Scalar functions beyond Trino's documented examples: per-row (not folded) evaluation, and the
/// cases that must fail rather than guess.
@Suite struct ScalarFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func isoWeekYearAndIntervalMilliseconds() throws {
        // 2021-01-01 is a Friday of 2020's week 53; 2024-12-30 a Monday of 2025's week 1.
        #expect(
            try one(
                """
                SELECT year_of_week(date '2021-01-01'), yow(date '2020-12-31'), year_of_week(timestamp '2024-12-30 10:00:00'),
                       to_milliseconds(interval '1' day), to_milliseconds(interval '3' second)
                """) == ["2020", "2020", "2025", "86400000", "3000"])
        // Per row (tm_extract), not folded: Sunday 2022-01-02 still belongs to 2021's last week.
        #expect(
            try Fixture.rows(
                "SELECT year_of_week(CAST(x AS date)) FROM (VALUES '2022-01-02', '2022-01-03') AS t(x) ORDER BY x",
                on: db)
                == [["2021"], ["2022"]])
        #expect(Fixture.error("SELECT to_milliseconds(interval '1' month)", on: db) != nil)
    }

    @Test func dateParseFollowsMySQLSpecifiers() throws {
        #expect(
            try one("SELECT date_parse('2022-01-22T05:06:07Z', '%Y-%m-%dT%H:%i:%sZ')") == ["2022-01-22 05:06:07.000"])
        #expect(
            try one("SELECT date_parse('Jan 5 2021 3:04:05.25 PM', '%b %e %Y %l:%i:%s.%f %p')") == [
                "2021-01-05 15:04:05.250"
            ])
        // Per row, through tm_date_parse.
        #expect(
            try one("SELECT date_parse(concat('2022/10/20/', '05'), '%Y/%m/%d/%H')") == ["2022-10-20 05:00:00.000"])
        #expect(Fixture.error("SELECT date_parse('22/10/20', '%y/%m/%d')", on: db) != nil)
        #expect(Fixture.error("SELECT date_parse(concat('2022/13', ''), '%Y/%m')", on: db) != nil)
    }

    @Test func widthDependentAnswersFail() throws {
        #expect(
            try one("SELECT bitwise_right_shift(CAST(concat('', '-8') AS BIGINT), 64), bitwise_left_shift(3, 4)") == [
                "0", "48",
            ])
        #expect(Fixture.error("SELECT bitwise_right_shift(-8, 1)", on: db) != nil)
        #expect(Fixture.error("SELECT bitwise_left_shift(1, 40)", on: db) != nil)
        #expect(Fixture.error("SELECT format('%s', 1e9)", on: db) != nil)
        #expect(try one("SELECT format('%s|%5.1f|%x', 1.50, 2.25, 255)") == ["1.50|  2.3|ff"])
        #expect(try one("SELECT format('%.2f|%.0f|%,.1f', 2.675, 0.5, 999999.96)") == ["2.68|1|1,000,000.0"])
    }

    @Test func jsonCastsConvertEachElement() throws {
        #expect(try one(#"SELECT CAST(JSON '["1", 2.6, true]' AS ARRAY(BIGINT))"#) == ["[1, 3, 1]"])
        #expect(try one(#"SELECT CAST(JSON '{"1": "x"}' AS MAP(BIGINT, VARCHAR))[1]"#) == ["x"])
        #expect(try one(#"SELECT CAST(JSON '{"A": 1}' AS ROW(a BIGINT, b VARCHAR)).a"#) == ["1"])
        #expect(Fixture.error(#"SELECT CAST(JSON '[1]' AS ROW(a BIGINT, b VARCHAR))"#, on: db) != nil)
        #expect(Fixture.error(#"SELECT CAST(JSON '{"a": 1}' AS ARRAY(BIGINT))"#, on: db) != nil)
        #expect(Fixture.error(#"SELECT CAST(JSON '["x"]' AS ARRAY(BIGINT))"#, on: db) != nil)
    }

    @Test func cidrContainmentAndTranslate() throws {
        #expect(
            try one("SELECT contains('192.168.0.0/16', IPADDRESS '192.168.4.1'), contains('::/0', IPADDRESS '::1')")
                == ["true", "true"])
        #expect(try one("SELECT translate('aabbcc', 'abc', 'x')") == ["xx"])
    }
}

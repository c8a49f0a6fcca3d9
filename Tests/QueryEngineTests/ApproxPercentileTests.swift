import QueryEngine
import SQLite
import Testing

/// `approx_percentile`: the value at position ⌊p·n⌋ of the sorted values, as Trino's quantile
/// digest gives it while it holds every value; a bigint stays a bigint, other numbers are doubles.
@Suite struct ApproxPercentileTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func thePositionIsTheFloorOfPTimesN() throws {
        // Sorted: 1, 2, 3, 4, 2^63-1 (n = 5); NULL is skipped.
        #expect(
            try one(
                """
                SELECT approx_percentile(x, 0.5), approx_percentile(x, 0), approx_percentile(x, 1),
                       approx_percentile(x, 0.2), approx_percentile(x, 0.19), approx_percentile(x, ARRAY[0.25, 0.9]),
                       approx_percentile(CAST(x AS DOUBLE), 0.5), approx_percentile(x * 1.5, 0.5)
                FROM (VALUES 4, 1, NULL, 3, 2, 9223372036854775807) AS t(x)
                """) == ["3", "1", "9223372036854775807", "2", "1", "[2, 9223372036854775807]", "3.0", "4.5"])
        // Cross-checked by counting: every value of a group at or below the 95th percentile's
        // position, and none of the values after it, for each event source.
        let rows = try Fixture.rows(
            """
            SELECT eventsource, approx_percentile(length(eventname), 0.95),
                   array_sort(array_agg(length(eventname)))
            FROM cloudtrail GROUP BY eventsource
            """, on: db)
        #expect(!rows.isEmpty)
        for row in rows {
            let sorted = row[2].dropFirst().dropLast().split(separator: ", ").compactMap { Int($0) }
            let position = min(Int((0.95 * Double(sorted.count)).rounded(.down)), sorted.count - 1)
            #expect(row[1] == String(sorted[position]), "\(row)")
        }
    }

    @Test func emptyGroupsAndBadPercentages() throws {
        #expect(try one("SELECT approx_percentile(x, 0.5) FROM (VALUES 1) AS t(x) WHERE false") == ["NULL"])
        #expect(Fixture.error("SELECT approx_percentile(x, 1.5) FROM (VALUES 1) AS t(x)", on: db) != nil)
        #expect(Fixture.error("SELECT approx_percentile(eventname, 0.5) FROM cloudtrail", on: db) != nil)
        #expect(Fixture.error("SELECT approx_percentile(1, 2, 0.5) FROM cloudtrail", on: db) != nil)
    }
}

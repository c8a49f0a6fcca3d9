import QueryEngine
import SQLite
import Testing

/// `aggregate(...) FILTER (WHERE condition)`: the aggregate sees only the rows where the condition
/// is true (not false, not NULL), in a grouped query and over a window.
@Suite struct AggregateFilterTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    private let values =
        "(VALUES ('a', 1, true), ('a', NULL, true), ('a', 3, false), ('b', 4, NULL), ('b', 5, true)) AS t(k, v, keep)"

    @Test func eachAggregateSeesOnlyTheKeptRows() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT k, count(*) FILTER (WHERE keep), count(v) FILTER (WHERE keep), sum(v) FILTER (WHERE keep),
                       max(v) FILTER (WHERE NOT keep), count_if(v > 1) FILTER (WHERE keep), count(*)
                FROM \(values) GROUP BY k ORDER BY k
                """, on: db) == [["a", "2", "1", "1", "3", "0", "3"], ["b", "1", "1", "5", "NULL", "1", "2"]])
    }

    @Test func aggregatesThatKeepNullsDropTheFilteredRowsAltogether() throws {
        // array_agg keeps a kept row's NULL but not a filtered row; max_by's value may be NULL.
        #expect(
            try Fixture.rows(
                """
                SELECT array_agg(v) FILTER (WHERE keep), min_by(v, k) FILTER (WHERE v IS NULL OR v > 4),
                       array_agg(v ORDER BY v DESC) FILTER (WHERE v > 1)
                FROM \(values)
                """, on: db) == [["[1, null, 5]", "NULL", "[5, 4, 3]"]])
        #expect(
            try Fixture.rows(
                "SELECT array_agg(v) FILTER (WHERE v > 100), count(*) FILTER (WHERE v > 100) FROM \(values)", on: db)
                == [["NULL", "0"]])
    }

    @Test func distinctListaggAndWindowsTakeTheFilterToo() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT count(DISTINCT k) FILTER (WHERE v >= 3),
                       listagg(DISTINCT k, ',') WITHIN GROUP (ORDER BY k) FILTER (WHERE keep)
                FROM \(values)
                """, on: db) == [["2", "a,b"]])
        #expect(
            try Fixture.rows(
                "SELECT v, sum(v) FILTER (WHERE keep) OVER (PARTITION BY k) FROM \(values) WHERE v IS NOT NULL ORDER BY v",
                on: db) == [["1", "1"], ["3", "1"], ["4", "5"], ["5", "5"]])
        // On the events: errors counted beside all calls, per source.
        #expect(
            try Fixture.rows(
                """
                SELECT count(*) FILTER (WHERE errorcode IS NOT NULL) = count_if(errorcode IS NOT NULL),
                       count(*) FILTER (WHERE errorcode IS NOT NULL) > 0
                FROM cloudtrail
                """, on: db) == [["true", "true"]])
    }

    @Test func misplacedFiltersAreRefusedWithTheirPosition() throws {
        for (sql, column) in [
            ("SELECT upper(eventname) FILTER (WHERE true) FROM cloudtrail", 8),
            ("SELECT count(*) FILTER (WHERE count(*) > 1) FROM cloudtrail", 31),
            ("SELECT count(*) FILTER (WHERE eventname) FROM cloudtrail", 31),
            ("SELECT rank() FILTER (WHERE true) OVER (ORDER BY eventname) FROM cloudtrail", 8),
        ] {
            guard case .invalid(_, let at)? = Fixture.error(sql, on: db) else {
                Issue.record("expected a refusal: \(sql)")
                continue
            }
            #expect(at.column == column, "\(sql)")
        }
    }
}

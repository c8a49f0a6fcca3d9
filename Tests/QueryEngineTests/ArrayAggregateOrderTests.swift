import QueryEngine
import SQLite
import Testing

/// `array_agg(x ORDER BY k1, k2 DESC, ...)`: the elements in the order the keys give, NULL keys
/// last in either direction, as the same ORDER BY on the rows themselves gives them.
@Suite struct ArrayAggregateOrderTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func severalKeysOrderAsTheRowsWould() throws {
        let aggregated = try Fixture.rows(
            "SELECT array_join(array_agg(eventid ORDER BY eventsource DESC, eventtime, eventid), ',') FROM cloudtrail_logs",
            on: db)
        let rows = try Fixture.rows(
            "SELECT eventid FROM cloudtrail_logs ORDER BY eventsource DESC NULLS LAST, eventtime, eventid", on: db)
        #expect(aggregated == [[rows.map { $0[0] }.filter { $0 != "NULL" }.joined(separator: ",")]])
        #expect(
            try Fixture.rows(
                "SELECT array_agg(x ORDER BY y DESC, x) FROM (VALUES (1, 2), (2, NULL), (3, 2), (4, 5)) AS t(x, y)",
                on: db)
                == [["[4, 1, 3, 2]"]])
    }
}

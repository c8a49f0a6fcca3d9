import QueryEngine
import SQLite
import Testing

/// `listagg(x, separator) WITHIN GROUP (ORDER BY ...)`: the group's values in that order, joined;
/// NULLs skipped, NULL when every value is; DISTINCT as in array_agg.
@Suite struct ListaggTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func valuesJoinInTheWithinGroupOrder() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT listagg(x, ', ') WITHIN GROUP (ORDER BY x), listagg(DISTINCT x, '|') WITHIN GROUP (ORDER BY x DESC),
                       listagg(x) WITHIN GROUP (ORDER BY y), listagg(x, ',' ON OVERFLOW ERROR) WITHIN GROUP (ORDER BY x)
                FROM (VALUES ('b', 2), ('a', 3), (NULL, 1), ('b', 0)) AS t(x, y)
                """, on: db) == [["a, b, b", "b|a", "bba", "a,b,b"]])
        #expect(
            try Fixture.rows(
                "SELECT listagg(x, ',') WITHIN GROUP (ORDER BY x) FROM (VALUES CAST(NULL AS VARCHAR)) AS t(x)", on: db)
                == [["NULL"]])
        // The published form: each principal's distinct API calls, in a group.
        #expect(
            try Fixture.rows(
                """
                SELECT listagg(DISTINCT eventname, ', ') WITHIN GROUP (ORDER BY eventname) FROM cloudtrail
                WHERE useridentity.username = 'Yuta0128'
                """, on: db) == [["ConsoleLogin, CreateAccessKey, DescribeInstances, RunInstances"]])
    }

    @Test func withoutItsOrderOrWithTruncationItIsRefused() throws {
        #expect(Fixture.error("SELECT listagg(eventname, ',') FROM cloudtrail", on: db) != nil)
        guard
            case .unsupported(let construct, _)? = Fixture.error(
                "SELECT listagg(eventname, ',' ON OVERFLOW TRUNCATE '...' WITH COUNT) WITHIN GROUP (ORDER BY eventname) FROM cloudtrail",
                on: db)
        else {
            Issue.record("expected unsupported")
            return
        }
        #expect(construct == "listagg ... ON OVERFLOW TRUNCATE")
        #expect(
            Fixture.error("SELECT listagg(length(eventname), ',') WITHIN GROUP (ORDER BY 1) FROM cloudtrail", on: db)
                != nil)
    }
}

import QueryEngine
import SQLite
import Testing

/// Lambdas over arrays and maps (translated to correlated subqueries over `json_each`), checked
/// against hand-computed answers on the fixture (12 events), with the enclosing row's columns,
/// inside aggregates, nested, and with Trino's NULL answers.
@Suite struct LambdaTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func rows(_ sql: String, _ dialect: Dialect? = nil) throws -> [[String]] { try Fixture.rows(sql, dialect, on: db) }
    func one(_ sql: String, _ dialect: Dialect? = nil) throws -> [String] { try #require(rows(sql, dialect).first) }

    @Test func arrayLambdasGiveTrinosAnswers() throws {
        #expect(try one("SELECT transform(ARRAY[1, 2, NULL], x -> x * 2)") == ["[2, 4, null]"])
        #expect(try one("SELECT filter(ARRAY['a', 'bb', 'ccc'], s -> length(s) > 1)") == ["[bb, ccc]"])
        #expect(try one("SELECT reduce(ARRAY[1, 2, 3], 10, (s, x) -> s * x, s -> s + 1)") == ["61"])
        #expect(try one("SELECT zip_with(ARRAY[1, 2], ARRAY[10], (a, b) -> coalesce(b, 0) - a)") == ["[9, -2]"])
        #expect(
            try one("SELECT array_sort(ARRAY['bb', 'a', 'ccc'], (x, y) -> length(y) - length(x))") == [
                "[ccc, bb, a]"
            ])
        #expect(
            try one("SELECT transform(ARRAY[ARRAY[1, 2], ARRAY[3]], a -> reduce(a, 0, (s, x) -> s + x, s -> s))") == [
                "[3, 3]"
            ])
        #expect(try one("SELECT transform(CAST(NULL AS ARRAY(BIGINT)), x -> x)") == ["NULL"])
    }

    @Test func matchesAnswerNullWhenNoElementDecides() throws {
        #expect(
            try one("SELECT any_match(ARRAY[NULL, 1], x -> x > 5), any_match(ARRAY[NULL, 9], x -> x > 5)") == [
                "NULL", "true",
            ])
        #expect(
            try one("SELECT all_match(ARRAY[], x -> x > 1), all_match(ARRAY[2, NULL], x -> x > 1)") == ["true", "NULL"])
        #expect(
            try one("SELECT none_match(ARRAY[1, 2], x -> x > 1), none_match(ARRAY[1], x -> x > 1)") == [
                "false", "true",
            ])
    }

    @Test func lambdasSeeTheRowAndRunInsideGroups() throws {
        #expect(
            try rows(
                "SELECT eventname, filter(ARRAY['GetObject', 'x'], n -> n = eventname) FROM cloudtrail WHERE eventname = 'GetObject'"
            ) == [["GetObject", "[GetObject]"]])
        #expect(
            try rows(
                "SELECT eventsource, transform(names, n -> lower(n)) FROM (SELECT eventsource, array_agg(eventname ORDER BY eventname) AS names FROM cloudtrail WHERE eventsource = 'ec2.amazonaws.com' GROUP BY eventsource)"
            ) == [["ec2.amazonaws.com", "[describeinstances, runinstances, runinstances]"]])
        // Grouped: the parameter needs no grouping, a column of the row still does.
        #expect(
            try rows(
                "SELECT eventsource, filter(ARRAY['s3.amazonaws.com'], s -> s = eventsource) FROM cloudtrail WHERE eventsource = 's3.amazonaws.com' GROUP BY eventsource"
            ) == [["s3.amazonaws.com", "[s3.amazonaws.com]"]])
        #expect(
            Fixture.error(
                "SELECT eventsource, filter(ARRAY['a'], s -> s = eventname) FROM cloudtrail GROUP BY eventsource",
                on: db)
                != nil)
        guard
            case .unsupported(let what, _)? = Fixture.error(
                "SELECT transform(array_agg(eventname), n -> n) FROM cloudtrail", on: db)
        else {
            Issue.record("expected unsupported")
            return
        }
        #expect(what.hasPrefix("transform over an aggregate's result"))
    }

    @Test func mapLambdasKeepKeyTypes() throws {
        #expect(try one("SELECT map_filter(MAP(ARRAY[5, 20], ARRAY['a', 'b']), (k, v) -> k > 10)") == ["{20=b}"])
        #expect(try one("SELECT transform_values(MAP(ARRAY['a'], ARRAY[2]), (k, v) -> v * 10)['a']") == ["20"])
        #expect(Fixture.error("SELECT transform_keys(MAP(ARRAY[1, 2], ARRAY[0, 0]), (k, v) -> v)", on: db) != nil)
        #expect(Fixture.error("SELECT MAP(ARRAY[1, 1], ARRAY[2, 3])", on: db) != nil)
    }

    @Test func regexpReplaceCallsTheLambdaPerMatch() throws {
        #expect(
            try one(#"SELECT regexp_replace('a1b22', '(\d)(x)?', x -> coalesce(x[2], '#') || x[1])"#) == ["a#1b#2#2"])
        #expect(
            try one("SELECT regexp_replace('', 'x', x -> 'y'), regexp_replace(NULL, 'x', x -> 'y')") == ["", "NULL"])
        #expect(Fixture.error("SELECT regexp_replace('ab', '(a)(x)?', x -> x[2])", on: db) != nil)
    }

    @Test func quantifiedComparisons() throws {
        #expect(
            try one("SELECT 3 = ANY (VALUES 1, 3), 3 > ALL (VALUES 1, 2), 3 > ALL (VALUES 1, NULL)") == [
                "true", "true", "NULL",
            ])
        #expect(try one("SELECT 5 < SOME (SELECT 1 UNION ALL SELECT NULL)") == ["NULL"])
    }
}

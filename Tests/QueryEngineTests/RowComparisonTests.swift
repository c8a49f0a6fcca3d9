import QueryEngine
import SQLite
import Testing

/// Row values compared field by field: `(a, b) IN ((x, y), ...)`, `=` and `<>`, with Trino's
/// answers for NULL fields.
@Suite struct RowComparisonTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func rowsInAListMatchTheirFields() throws {
        let pairs = try Fixture.rows(
            """
            SELECT count(*) FROM cloudtrail_logs
            WHERE (eventsource, eventname) IN (('s3.amazonaws.com', 'GetObject'), ('ec2.amazonaws.com', 'RunInstances'))
            """, on: db)
        let spelled = try Fixture.rows(
            """
            SELECT count(*) FROM cloudtrail_logs
            WHERE eventsource = 's3.amazonaws.com' AND eventname = 'GetObject'
               OR eventsource = 'ec2.amazonaws.com' AND eventname = 'RunInstances'
            """, on: db)
        #expect(pairs == spelled && pairs != [["0"]])
        let outside = try Fixture.rows(
            "SELECT count(*) FROM cloudtrail_logs WHERE (eventsource, eventname) NOT IN (('s3.amazonaws.com', 'GetObject'))",
            on: db)
        let all = try Fixture.rows(
            "SELECT count(*) FROM cloudtrail_logs WHERE eventsource IS NOT NULL AND eventname IS NOT NULL", on: db)
        let inside = try Fixture.rows(
            "SELECT count(*) FROM cloudtrail_logs WHERE eventsource = 's3.amazonaws.com' AND eventname = 'GetObject'",
            on: db)
        #expect(Int(outside[0][0])! + Int(inside[0][0])! == Int(all[0][0])!)
    }

    @Test func nullFieldsAnswerAsTrinoDoes() throws {
        // ROW(1, NULL) = ROW(1, NULL) is NULL; ROW(1, NULL) = ROW(2, NULL) is false; <> the negation.
        #expect(
            try Fixture.rows(
                """
                SELECT (1, CAST(NULL AS bigint)) = (1, CAST(NULL AS bigint)), (1, CAST(NULL AS bigint)) = (2, CAST(NULL AS bigint)),
                       (1, 2) <> (1, 3), ROW(1, 'a') = ROW(1, 'a'), (1, 2) IN ((3, 4), (1, 2))
                """, on: db) == [["NULL", "false", "true", "true", "true"]])
    }

    @Test func rowsElsewhereAndMismatchedFieldsAreRefused() {
        guard case .unsupported(let construct, _)? = Fixture.error("SELECT (1, 2)", on: db) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(construct.contains("row value"))
        #expect(Fixture.error("SELECT (1, 2) = (1, 2, 3)", on: db) != nil)
        #expect(Fixture.error("SELECT 1 WHERE (1, 2) IN ((1, 2), 3)", on: db) != nil)
    }
}

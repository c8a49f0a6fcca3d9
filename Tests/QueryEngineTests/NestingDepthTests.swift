import QueryEngine
import Testing

/// Issue 10, item 1: input nested past the limit is refused with a located error instead of
/// exhausting the stack; long AND/OR chains, which nest only as deep as their balanced tree,
/// still translate and run.
struct NestingDepthTests {
    @Test(arguments: [
        "SELECT " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        "SELECT " + String(repeating: "NOT ", count: 5000) + "true",
        "SELECT " + String(repeating: "- ", count: 5000) + "1",
        "SELECT " + Array(repeating: "'a'", count: 5000).joined(separator: " || "),
        "SELECT " + String(repeating: "coalesce(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        String(repeating: "SELECT * FROM (", count: 5000) + "SELECT 1" + String(repeating: ")", count: 5000),
        "SELECT CAST(NULL AS " + String(repeating: "array(", count: 5000) + "bigint"
            + String(repeating: ")", count: 5000) + ")",
        Array(repeating: "SELECT 1", count: 5000).joined(separator: " UNION ALL "),
    ])
    func deepNestingIsRefused(sql: String) {
        guard case .unsupported(let construct, _) = Fixture.error(sql) else {
            Issue.record("expected the nesting limit, got \(String(describing: Fixture.error(sql)))")
            return
        }
        #expect(construct.contains("nested more than 100 levels deep"))
    }

    @Test func twoThousandOrTermsRun() throws {
        let terms = (0..<2000).map { "x = \($0)" }.joined(separator: " OR ")
        let rows = try Fixture.rows("SELECT count(*) FROM (VALUES 1999) AS v(x) WHERE " + terms)
        #expect(rows == [["1"]])
    }

    @Test func deeplyNestedTableTypeIsRefused() {
        let ddl =
            "CREATE EXTERNAL TABLE t (c " + String(repeating: "array<", count: 5000) + "string"
            + String(repeating: ">", count: 5000) + ") LOCATION 's3://b/AWSLogs/'"
        #expect {
            _ = try AthenaTableDefinition.parse(ddl)
        } throws: { error in
            "\(error)".contains("nested more than 100 levels deep")
        }
    }
}

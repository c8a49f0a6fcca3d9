import Foundation
import TestSupport
import Testing

/// Issue 10, items 1 and 6: user SQL that used to trap or overflow the stack now fails with a
/// clear error (exit 65) or runs; table output is built row by row.
@Suite(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built"))
struct QueryHardeningTests {
    let store = TestCorpus.built.storePath

    func query(_ sql: String, format: String = "csv") throws -> BuiltTrailmeter.Run {
        try BuiltTrailmeter.run(["query", "--store", store, "--format", format, sql])
    }

    @Test(arguments: [
        ("SELECT from_unixtime(1e18)", "from_unixtime: result out of range"),
        ("SELECT from_unixtime(-1e18)", "from_unixtime: result out of range"),
        ("SELECT date_add('day', 9223372036854775807, current_timestamp)", "date_add: result out of range"),
        (
            "SELECT date_add('year', 9223372036854775807, from_iso8601_timestamp(eventtime)) FROM t",
            "date_add: result out of range"
        ),
        (
            "SELECT date_add('millisecond', -9223372036854775807 - 1, from_iso8601_timestamp(eventtime)) FROM t",
            "date_add: result out of range"
        ),
        ("SELECT current_timestamp + interval '9223372036854775807' day", "is out of range"),
        ("SELECT 9223372036854775807 + 1", "bigint addition overflow: 9223372036854775807 + 1"),
        ("SELECT -9223372036854775807 - 2", "bigint subtraction overflow"),
        ("SELECT 4611686018427387904 * 2", "bigint multiplication overflow"),
        ("SELECT -(-9223372036854775807 - 1)", "bigint negation overflow"),
        (
            "SELECT count(*) FROM t WHERE " + String(repeating: "(", count: 2000) + "eventname = 'x'"
                + String(repeating: ")", count: 2000), "nested more than 100 levels deep"
        ),
        ("SELECT " + Array(repeating: "1", count: 2000).joined(separator: " + "), "nested more than 100 levels deep"),
        ("SELECT " + String(repeating: "NOT ", count: 2000) + "true", "nested more than 100 levels deep"),
        ("SELECT " + String(repeating: "abs(", count: 2000) + "1" + String(repeating: ")", count: 2000), "nested"),
    ])
    func refusedWithAClearError(sql: String, message: String) throws {
        let run = try query(sql)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [
        ("SELECT substr('abc', 2, 9223372036854775807)", "bc"),
        ("SELECT element_at(split('a,b', ','), -9223372036854775807 - 1)", ""),
        ("SELECT json_array_get('[1,2]', -9223372036854775807 - 1)", ""),
        ("SELECT element_at(split('a,b', ','), -2)", "a"),
        ("SELECT 9223372036854775806 + 1", "9223372036854775807"),
        ("SELECT 2 * 3.5", "7.0"),
    ])
    func boundaryValuesAnswer(sql: String, value: String) throws {
        let run = try query(sql)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "_col0\n\(value)\n")
    }

    /// A generated WHERE with 2,000 ORs (500 used to overflow SQLite's parser stack, 2,000 the
    /// process's): the chain is grouped as a balanced tree and runs.
    @Test func twoThousandOrTermsRun() throws {
        let terms = (0..<2000).map { "eventname = 'NoSuchEvent\($0)'" }
        let run = try query("SELECT count(*) FROM t WHERE " + terms.joined(separator: " OR "))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "_col0\n0\n")
    }

    /// Table output of more rows than the look-ahead: aligned on the first rows, every row
    /// printed once, in order.
    @Test func tableStreamsPastTheLookAhead() throws {
        let run = try query(
            "SELECT eventid, eventname FROM t ORDER BY eventtime, eventid LIMIT 1500", format: "table")
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try query("SELECT eventid, eventname FROM t ORDER BY eventtime, eventid LIMIT 1500")
        let ids = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        let lines = run.stdout.split(separator: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("eventid") }) else {
            Issue.record("no header: \(run.stdout.prefix(500))")
            return
        }
        let rows = lines[(header + 2)...].prefix(ids.count)
        #expect(rows.map { $0.split(separator: " ")[0] } == Array(ids))
        #expect(lines.contains("(\(ids.count) rows)"))
    }
}

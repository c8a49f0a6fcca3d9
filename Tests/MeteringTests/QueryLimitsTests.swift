import Foundation
import Metering
import SQLite
import TestSupport
import Testing

/// Rows stream out as SQLite makes them; user queries run under a memory limit and a timeout
/// (issue 10, item 3).
@Suite struct QueryLimitsTests {
    @Test("stream hands over the rows run returns, in order, and --verify still compares both layouts")
    func streamMatchesRun() throws {
        let store = try TestCorpus.open()
        let sql =
            "SELECT eventid, eventname, eventtime FROM t WHERE eventname <> 'ConsoleLogin' ORDER BY eventtime, eventid"
        let buffered = try store.run(sql)
        var streamed: [[SQLiteValue]] = []
        let result = try store.stream(sql, verify: true) { streamed.append($0) }
        #expect(result.rows.isEmpty)
        #expect(streamed == buffered.rows)
        #expect(result.rowCount == buffered.rows.count)
        #expect(result.verification?.rowsMatch == true)
        #expect(result.columnar.bytesScanned == buffered.columnar.bytesScanned)
    }

    @Test("A cross join stops at the timeout with an error naming it")
    func crossJoinTimesOut() throws {
        let store = try TestCorpus.open()
        let started = ContinuousClock.now
        #expect {
            _ = try store.run(
                "SELECT count(*) FROM t a CROSS JOIN t b CROSS JOIN t c",
                limits: QueryLimits(memoryBytes: nil, timeout: .milliseconds(300)))
        } throws: {
            "\($0)".contains("ran longer than the timeout")
        }
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}

/// The memory limit is process-wide in SQLite, so it is tried in a child process.
@Suite(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built"))
struct QueryLimitsCommandTests {
    @Test(
        "A query past --memory-limit or --timeout stops with exit 65 and says which",
        arguments: [
            (
                ["--memory-limit", "16"], "SELECT a.eventid, b.eventid FROM t a CROSS JOIN t b ORDER BY 1 DESC, 2",
                "needed more than the memory limit of 16 MB"
            ),
            (
                ["--timeout", "0.5"], "SELECT count(*) FROM t a CROSS JOIN t b CROSS JOIN t c",
                "ran longer than the timeout of 0.5 s"
            ),
            // Catastrophic backtracking happens inside one function call, where SQLite's
            // progress handler never runs: the match itself watches the deadline.
            (
                ["--timeout", "0.5"], "SELECT regexp_like('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', '^(a+)+$')",
                "ran longer than the timeout of 0.5 s"
            ),
            // Without --timeout the match has a step budget, so it still ends.
            (
                [], "SELECT regexp_extract(eventname || 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', '(a|aa)+$') FROM t",
                "needed more than 10000000 backtracking steps on one value"
            ),
        ])
    func limitStops(_ limit: [String], _ sql: String, _ message: String) throws {
        let started = ContinuousClock.now
        let result = try BuiltTrailmeter.run(
            ["query", "--store", TestCorpus.built.storePath, "--format", "csv"] + limit + [sql])
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

import Foundation
import Planning
import TestSupport
import Testing

/// Issue 10, items 2 and 5: `compare` on dates past the calendar, absurd growth and volumes, and a
/// scenario name that tries to leave the report folder. No signal, a clear error naming the
/// field (file and line from YAML), exit 65, nothing written.
@Suite(.enabled(if: BuiltTrailmeter.url != nil, "needs the built trailmeter binary"))
struct CompareHardeningTests {
    static let workload = "workload:\n  - name: q\n    runs: 1/day\n    sql: SELECT count(*) FROM cloudtrail_logs\n"

    @Test(arguments: [
        (["--start", "9999-12", "--months", "60"], "--start: 9999-12 with 60 months runs past 9999-12"),
        (["--start", "0001-01", "--history-months", "3"], "--start: 0001-01 with 3 months of history begins before"),
        (["--start", "0001-01"], "--start: 0001-01 with 12 months of history begins before"),
        (["--growth", "100000%", "--months", "60"], "--growth: 100000% a month over 60 months grows the volume"),
        (["--growth", "1000%", "--months", "60"], "--growth: 1000% a month over 60 months grows the volume"),
        (["--growth=-99.99%", "--months", "60"], "--growth: -99.99% a month over 60 months shrinks the volume"),
        (["--volume", String(repeating: "9", count: 120) + "TB/month"], "--volume: expected sample"),
        (["--volume", "0." + String(repeating: "0", count: 100) + "1TB/month"], "--volume: expected sample"),
        (["--now", "9999-12-15T00:00:00Z"], "--now: 9999-12-15 leaves no month after it"),
    ])
    func outOfRangeOptionIsRefused(arguments: [String], message: String) throws {
        let out = Scratch.path("report")
        let run = try CompareCommandTests.compare(arguments + ["--out", out.path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test(arguments: [
        ("start: 9999-12\nmonths: 60\n", "bad.yaml:2: start: 9999-12 with 60 months runs past 9999-12"),
        ("start: 0001-01\nhistory_months: 2\n", "bad.yaml:2: start: 0001-01 with 2 months of history begins before"),
        ("growth: 100000%\nmonths: 60\n", "bad.yaml:2: growth: 100000% a month over 60 months grows the volume"),
        ("volume: 2000000PB/month\n", "bad.yaml:2: volume: expected a positive volume"),
        (
            "workload:\n  - name: boom\n    runs: 1/day\n    sql: SELECT from_unixtime(1e18)\n",
            "bad.yaml:3: query \"boom\" failed on the sample"
        ),
        (
            "workload:\n  - name: deep\n    runs: 1/day\n    sql: SELECT " + String(repeating: "(", count: 2000) + "1"
                + String(repeating: ")", count: 2000) + "\n",
            "bad.yaml:3: query \"deep\" failed on the sample"
        ),
        (
            "workload:\n  - name: hot\n    runs: 10000000/hour\n    sql: SELECT 1\n",
            "bad.yaml:4: workload[1].runs: expected a frequency"
        ),
    ])
    func outOfRangeScenarioIsRefusedWithItsLine(body: String, message: String) throws {
        let workload = body.contains("workload:") ? "" : Self.workload
        try CompareCommandTests.expectRefused("name: bad\n" + body + workload, message: message)
    }

    /// A workload query runs under `query`'s limits (issue 10, item 3: a cross join in a scenario
    /// grew without bound under `compare`): the limit stops it, naming the query, exit 65.
    @Test(arguments: [
        (
            ["--memory-limit", "16"],
            "SELECT a.eventid, b.eventid FROM cloudtrail_logs a CROSS JOIN cloudtrail_logs b ORDER BY 1 DESC, 2",
            "needed more than the memory limit of 16 MB"
        ),
        (
            ["--timeout", "0.5"],
            "SELECT count(*) FROM cloudtrail_logs a CROSS JOIN cloudtrail_logs b CROSS JOIN cloudtrail_logs c",
            "ran longer than the timeout of 0.5 s"
        ),
        (
            ["--timeout", "0.5"],
            "SELECT count(*) FROM cloudtrail_logs WHERE regexp_like(eventname || 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', '^(a|\\w)+$')",
            "ran longer than the timeout of 0.5 s"
        ),
    ])
    func workloadQueryStopsAtTheQueryLimits(limit: [String], sql: String, message: String) throws {
        try CompareCommandTests.expectRefused(
            "name: bad\nworkload:\n  - name: every pair\n    runs: 1/day\n    sql: \(sql)\n",
            message: "bad.yaml:3: query \"every pair\" failed on the sample: query stopped: it \(message)",
            arguments: limit)
    }

    /// At the largest growth allowed over the longest horizon, every total is still the sum of
    /// its lines to the cent.
    @Test func totalsEqualTheSumOfLinesAtTheGrowthBound() throws {
        var scenario = PlanningFixture.scenario
        scenario.months = 60
        scenario.monthlyGrowth = Decimal(string: "0.26")!
        scenario.volume = .gzipBytesPerMonth(1_000_000_000_000_000_000)
        let projection = try PlanningFixture.project(scenario)
        for layout in projection.layouts {
            let lines = projection.lines.filter { $0.layout == layout }.reduce(Decimal(0)) { $0 + $1.billedCost }
            #expect(projection.horizonTotal(layout) == lines, "\(layout)")
        }
    }

    @Test(arguments: [
        ("../../../elsewhere/x", "elsewhere-x"), ("a/b", "a-b"), ("..", "scenario"), ("v1.2 prod", "v1.2-prod"),
        ("a\\b..c", "a-b-c"), ("équipe_été", "équipe_été"),
    ])
    func folderNameHasNoSeparatorOrDotDot(name: String, folder: String) {
        #expect(Scenario.folderName(for: name) == folder)
    }

    /// Without --out the report goes to Reports/<date>-<name>/, inside the working folder.
    @Test func scenarioNameCannotLeaveTheReportsFolder() throws {
        let directory = Scratch.directory("compare").appendingPathComponent("work")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scenario = directory.appendingPathComponent("escape.yaml")
        try ("name: ../../../elsewhere/x\nmonths: 1\n" + Self.workload).write(
            to: scenario, atomically: true, encoding: .utf8)
        let store = PlanningFixture.built.storePath
        let pricing = URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent("PricingTables")
        let run = try BuiltTrailmeter.run(
            [
                "compare", "--store", store, "--pricing", pricing.path, "--now", "2022-01-24T00:00:00Z", "--scenario",
                scenario.path,
            ], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("Reports").path)
        #expect(reports.count == 1)
        #expect(reports.first?.hasSuffix("-elsewhere-x") == true, "\(reports)")
        let parent = directory.deletingLastPathComponent()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["work"])
    }
}

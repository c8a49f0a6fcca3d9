import Foundation
import TestSupport
import Testing

/// `trailmeter compare` as a person runs it: the fixed scenario's reports against golden files,
/// and bad scenarios refused with file, line and field, leaving no report behind.
@Suite(.enabled(if: BuiltTrailmeter.url != nil, "needs the built trailmeter binary"))
struct CompareCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Runs compare in the fixture store's folder (so the store prints as `sample.tmstore`).
    static func compare(_ arguments: [String]) throws -> BuiltTrailmeter.Run {
        let directory = URL(fileURLWithPath: PlanningFixture.built.storePath).deletingLastPathComponent()
        return try BuiltTrailmeter.run(
            ["compare", "--store", "sample.tmstore", "--pricing", "PricingTables", "--now", "2022-01-24T00:00:00Z"]
                + arguments, in: directory)
    }

    @Test func fixedScenarioMatchesTheGoldenReports() throws {
        let out = Scratch.path("report")
        let run = try Self.compare([
            "--scenario", Self.fixtures.appendingPathComponent("fixed.yaml").path, "--out", out.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let terminal = run.stdout.replacingOccurrences(of: "Reports written to \(out.path)/\n", with: "")
        #expect(GoldenFile.matches(terminal, at: Self.golden.appendingPathComponent("terminal.txt")))
        for name in ["costs.csv", "summary.md", "queries.csv"] {
            let written = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(GoldenFile.matches(written, at: Self.golden.appendingPathComponent(name)), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))

        // Finance's check: BilledCost adds up, to the cent, to each horizon total printed.
        let rows = try CSVReader.table(String(contentsOf: out.appendingPathComponent("costs.csv"), encoding: .utf8))
        for layout in [
            "athena-unpartitioned", "athena-projected", "lake-one-year", "lake-seven-year", "self-managed-lake",
        ] {
            let sum = rows.filter { $0["x_Layout"] == layout }
                .reduce(Decimal(0)) {
                    $0 + Decimal(string: $1["BilledCost"]!, locale: Locale(identifier: "en_US_POSIX"))!
                }
            let printed = sum.formatted(
                .number.grouping(.automatic).precision(.fractionLength(2)).locale(Locale(identifier: "en_US")))
            #expect(
                terminal.contains(" \(printed)\n"), "\(layout): BilledCost sums to \(printed), not printed as a total")
        }
    }

    @Test func flagsOverrideTheScenarioAndAWorkloadFileReplacesItsQueries() throws {
        let out = Scratch.path("report")
        let run = try Self.compare([
            "--scenario", Self.fixtures.appendingPathComponent("fixed.yaml").path, "--out", out.path,
            "--months", "3", "--volume", "20GB/month", "--growth", "0%",
            "--workload", Self.fixtures.appendingPathComponent("workload.yaml").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2027-01 to 2027-03 (3 months)"))
        #expect(
            run.stdout.contains(
                "Volume: 20 GB of gzip logs a month = 657.53 MB of gzip logs a day in the first month, growing 0.00% a month"
            ))
        #expect(run.stdout.contains("1 query, each"))
        let queries = try CSVReader.table(
            try String(contentsOf: out.appendingPathComponent("queries.csv"), encoding: .utf8))
        #expect(Set(queries.compactMap { $0["Query"] }) == ["errors this week"])
    }

    @Test(arguments: [
        ("volum: 40GB/month\n", "bad.yaml:2: volum: unknown field"),
        ("volume: -5GB/month\n", "bad.yaml:2: volume: expected a positive volume"),
        (
            "athena:\n  table: partitioned\n",
            "bad.yaml:3: athena.table: expected `unpartitioned` or `projected`, found \"partitioned\""
        ),
        (
            "workload:\n  - name: broken\n    runs: 1/day\n    sql: SELECT nosuchcolumn FROM cloudtrail_logs\n",
            "bad.yaml:3: query \"broken\" failed on the sample"
        ),
        (
            "workload:\n  - name: often\n    runs: 3/fortnight\n    sql: SELECT 1\n",
            "bad.yaml:4: workload[1].runs: expected a frequency"
        ),
    ])
    func badScenarioIsRefusedAndLeavesNoReport(body: String, message: String) throws {
        try Self.expectRefused("name: bad\n" + body, message: message)
    }

    /// Runs compare on `yaml` written to `bad.yaml`; expects exit 65, `message` after the file's
    /// folder on stderr, and no report.
    static func expectRefused(_ yaml: String, message: String, arguments: [String] = []) throws {
        let directory = Scratch.directory("compare")
        let scenario = directory.appendingPathComponent("bad.yaml")
        try yaml.write(to: scenario, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("report")
        let run = try compare(["--scenario", scenario.path, "--out", out.path] + arguments)
        #expect(run.status == 65)
        #expect(run.stderr.contains(directory.path + "/" + message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

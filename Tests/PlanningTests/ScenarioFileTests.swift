import Foundation
import Pricing
import TestSupport
import Testing

@testable import Planning

@Suite struct ScenarioFileTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Scenarios/example.yaml")

    @Test func theShippedExampleReadsWithEveryKey() throws {
        let scenario = try ScenarioFile.load(Self.example.path)
        #expect(scenario.name == "example")
        #expect(scenario.months == 24)
        #expect(scenario.startMonth == CalendarDay(year: 2027, month: 1, day: 1))
        #expect(scenario.volume == .gzipBytesPerMonth(40_000_000_000))
        #expect(scenario.monthlyGrowth == Decimal(string: "0.03")!)
        #expect(scenario.historyMonths == 12)
        #expect(scenario.s3RetentionDays == nil)
        #expect(scenario.lakeRetentionDays[.oneYearExtendable] == 730)
        #expect(scenario.lakeBackfill)
        #expect(
            scenario.workload.map(\.frequency) == [
                Frequency(count: 24, per: .day), Frequency(count: 1, per: .day), Frequency(count: 1, per: .month),
            ])
        #expect(scenario.workload[2].window == .days(30))
        #expect(scenario.workload[0].dialect == .lake)
    }

    @Test(arguments: [
        ("months: 61\n", "s.yaml:1: months: expected 1 to 60 months, found 61"),
        ("growth: -120%\n", "s.yaml:1: growth: expected a monthly growth"),
        (
            "lake:\n  options: [two-year]\n",
            "s.yaml:2: lake.options: expected `one-year` or `seven-year`, found \"two-year\""
        ),
        (
            "athena:\n  retention_days: 0\n",
            "s.yaml:2: athena.retention_days: expected a positive number of days or `forever`"
        ),
        ("workload:\n  - runs: 1/day\n", "s.yaml:2: workload[1].sql (or .file): required field is missing"),
        (
            "workload:\n  - sql: SELECT 1\n    runs: 1/day\n    colour: red\n",
            "s.yaml:4: workload[1].colour: unknown field"
        ),
        (
            "workload:\n  - name: a\n    sql: SELECT 1\n    runs: 1/day\n  - name: a\n    sql: SELECT 2\n    runs: 1/day\n",
            "s.yaml:5: workload[2].name: the name \"a\" is used twice"
        ),
        ("volume: [1, 2\n", "s.yaml:2:1: not valid YAML"),
    ])
    func badFieldsNameFileLineAndField(text: String, message: String) {
        #expect {
            _ = try ScenarioFile.parse(text, path: "s.yaml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    /// `athena.ddl` reads the user's table (relative to the scenario file) and makes the
    /// workload's Athena table the kind its partitions imply; a broken statement names the field.
    @Test func athenaDDLKey() throws {
        let folder = Scratch.directory("ddl")
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        CREATE EXTERNAL TABLE trail (eventtime STRING, eventname STRING)
        PARTITIONED BY (`timestamp` string)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1'
        TBLPROPERTIES ('projection.enabled'='true', 'projection.timestamp.type'='date')
        """.write(to: folder.appendingPathComponent("table.sql"), atomically: true, encoding: .utf8)
        try "athena:\n  ddl: table.sql\n".write(
            to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let scenario = try ScenarioFile.load(folder.appendingPathComponent("s.yaml").path)
        #expect(scenario.athenaDefinition?.tableName == "trail")
        #expect(scenario.athenaTable == .projected)

        try "CREATE EXTERNAL TABLE trail (eventtime STRUCT<a STRING>)".write(
            to: folder.appendingPathComponent("table.sql"), atomically: true, encoding: .utf8)
        #expect {
            _ = try ScenarioFile.load(folder.appendingPathComponent("s.yaml").path)
        } throws: { error in
            "\(error)".contains("s.yaml:2: athena.ddl:") && "\(error)".contains("line 1, column 49")
        }
    }

    @Test func commandLineSpellings() {
        #expect(ScenarioValues.volume("40GB/month") == .gzipBytesPerMonth(40_000_000_000))
        #expect(ScenarioValues.volume("1.5 TB/month") == .gzipBytesPerMonth(1_500_000_000_000))
        #expect(ScenarioValues.volume("250,000 events/day") == .eventsPerDay(250_000))
        #expect(ScenarioValues.volume("-5GB/month") == nil)
        #expect(ScenarioValues.volume("0GB/month") == nil)
        #expect(ScenarioValues.growth("3%") == Decimal(string: "0.03")!)
        #expect(ScenarioValues.growth("-2%") == Decimal(string: "-0.02")!)
        #expect(ScenarioValues.window("24 hours") == .days(1))
        #expect(ScenarioValues.frequency("hourly") == Frequency(count: 1, per: .hour))
    }
}

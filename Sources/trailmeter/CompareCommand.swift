import ArgumentParser
import Foundation
import Metering
import Planning
import Pricing
import QueryEngine
import Reporting

/// `trailmeter compare`: the monthly cost of querying the trail under each layout, from a
/// sample store (or the embedded sample), a scenario and a workload.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Project and compare the monthly cost of each way of querying CloudTrail logs; write the reports.",
        discussion: """
            With no options it generates (once, cached under .trailmeter/compare) a sample trail, ingests it, \
            measures the article's five queries on it and writes the default scenario's report. With --store \
            the figures come from your own logs; without it they are ratios measured on the embedded sample, \
            scaled to --volume. Flags override the scenario file.
            """)

    @Option(help: "A store made by `trailmeter ingest` (default: the embedded sample trail).")
    var store: String?
    @Option(help: "A scenario file (YAML; see Scenarios/example.yaml).")
    var scenario: String?
    @Option(help: "A workload file (YAML with only `workload:`); replaces the scenario's queries.")
    var workload: String?
    @Option(help: "Factors from `trailmeter calibrate --out` that scale each layout's projected scans.")
    var calibration: String?
    @Option(help: "Log volume of the first month: sample, 40GB/month, 250000 events/day.")
    var volume: String?
    @Option(help: "Monthly growth of the volume, e.g. 3% or 0.03.")
    var growth: String?
    @Option(help: "Months to project (1 to 60).")
    var months: Int?
    @Option(help: "First month, e.g. 2027-01 (default: the month after today).")
    var start: String?
    @Option(help: "The AWS region priced.")
    var region: String?
    @Option(
        help:
            "Months of logs already in S3 when the horizon starts (default: the scenario's; with a catalog spanning months and its volume, the months since its first day)."
    )
    var historyMonths: Int?
    @Option(help: "The Athena table the workload's Athena SQL is written for: unpartitioned or projected.")
    var athenaTable: AthenaTableKind?
    @Flag(help: "CloudTrail Lake (and the self-managed lake) import the logs already in S3 in the first month.")
    var backfill = false
    @Option(
        help: "The pricing tables directory (default: $TRAILMETER_PRICING, else the tables installed with TrailMeter).")
    var pricing: String?
    @Option(
        help:
            "The time now() stands for and today's date (ISO-8601, UTC); default: now() is the sample's end, today the system's."
    )
    var now: String?
    @Option(help: "Where to write the reports (default: Reports/<date>-<scenario>/).")
    var out: String?
    @Option(help: "Where the embedded sample trail and its store are cached.")
    var workDirectory = ".trailmeter/compare"
    /// Each workload query runs under these, as `query` runs one.
    @OptionGroup var queryLimits: QueryLimitOptions

    func validate() throws {
        if let now, QueryClock.fixed(now) == nil { throw ValidationError("--now: '\(now)' is not an ISO-8601 time") }
        if let months, !(1...60).contains(months) {
            throw ValidationError("--months: expected 1 to 60, found \(months)")
        }
        if let historyMonths, !(0...120).contains(historyMonths) {
            throw ValidationError("--history-months: expected 0 to 120")
        }
    }

    func run() throws {
        let clock = now.flatMap(QueryClock.fixed)
        let log: (String) -> Void = { if standardErrorIsTerminal { printError($0) } }
        let projection = try reportingErrors {
            let scenario = try resolvedScenario()
            let tables = try loadTables()
            let storePath = try store ?? Comparison.embeddedStore(under: workDirectory, log: log)
            let source =
                store
                ?? "the embedded sample trail (\(DefaultScenario.sample.days) days x \(DefaultScenario.sample.eventsPerDay) events a day, generated; no logs of yours: per-query ratios measured on it)"
            return try Comparison.run(
                scenario, storeAt: storePath, sampleSource: source, tables: tables, clock: clock,
                growthGiven: growth != nil || self.scenario != nil && scenario.monthlyGrowth != 0,
                historyGiven: historyMonths != nil || scenario.fieldLines["history_months"] != nil,
                limits: queryLimits.limits, log: log, warn: { printError($0) })
        }
        let today = CalendarDay(daysSinceEpoch: Int((clock ?? .system).now() / 86_400_000))
        let directory = out ?? "Reports/\(today)-\(Scenario.folderName(for: projection.scenarioName))"
        try reportingErrors { try ReportWriter().write(projection, to: URL(fileURLWithPath: directory)) }
        print(TerminalReport.render(projection))
        print("Reports written to \(directory)/")
    }

    private func resolvedScenario() throws -> Scenario {
        var scenario =
            try scenario.map { path throws(PlanningError) in try ScenarioFile.load(path) } ?? DefaultScenario.scenario
        // Your own logs without a scenario: project them at their own rate.
        if self.scenario == nil, store != nil { scenario.volume = .sample }
        if let workload { scenario.workload = try ScenarioFile.loadWorkload(workload) }
        if let calibration { scenario.calibration = try CalibrationFactors.load(calibration) }
        if let volume {
            guard let parsed = ScenarioValues.volume(volume) else {
                throw PlanningError.invalidOption(
                    option: "--volume",
                    problem:
                        "expected sample, 40GB/month (KB, MB, GB, TB; 1 byte to 1000 PB) or 250000 events/day (1 to 10^12), found \"\(volume)\""
                )
            }
            scenario.volume = parsed
        }
        if let growth {
            guard let parsed = ScenarioValues.growth(growth) else {
                throw PlanningError.invalidOption(
                    option: "--growth", problem: "expected a monthly growth such as 3% or 0.03, found \"\(growth)\"")
            }
            scenario.monthlyGrowth = parsed
            scenario.fieldLines["growth"] = nil
        }
        if let start {
            guard let parsed = ScenarioValues.month(start) else {
                throw PlanningError.invalidOption(
                    option: "--start", problem: "expected a month such as 2027-01, found \"\(start)\"")
            }
            scenario.startMonth = parsed
            scenario.fieldLines["start"] = nil
        }
        if let months {
            scenario.months = months
            scenario.fieldLines["months"] = nil
        }
        if let region { scenario.region = region }
        if let historyMonths {
            scenario.historyMonths = historyMonths
            scenario.fieldLines["history_months"] = nil
        }
        if let athenaTable { scenario.athenaTable = athenaTable }
        if backfill { scenario.lakeBackfill = true }
        return scenario
    }

    private func loadTables() throws(PlanningError) -> PricingTables {
        // Rate sources print relative to the tables' folder, so reports do not depend on where TrailMeter was cloned.
        let (url, shown) = PricingLocation.directory(given: pricing)
        do {
            return try PricingTables.load(from: url, displayPath: shown)
        } catch let error as PricingError {
            throw .pricing(context: "", cause: error)
        } catch {
            throw .pricing(context: "", cause: .io(path: shown, reason: "\(error)"))
        }
    }
}

import CloudTrail
import Pricing
import QueryEngine

/// The comparison `trailmeter compare` runs with no arguments: a generated sample trail and a
/// workload made of the article's five queries at plausible frequencies.
public enum DefaultScenario {
    /// The sample trail: January 2022, so the article's Lake windows (2022-01-22) hold events.
    public static let sample = SampleTrailSpec(days: 30, eventsPerDay: 10_000)

    /// The article's queries as a workload: the unbounded Athena ones as a dashboard and two
    /// security checks, the Lake ones as an hourly-window check and a monthly user review.
    public static let workload: [WorkloadQuery] = [
        WorkloadQuery(
            name: "Q1 newest events", sql: ArticleQueries.newestEvents, frequency: Frequency(count: 4, per: .day),
            origin: "default workload, query 1"),
        WorkloadQuery(
            name: "Q2 RunInstances", sql: ArticleQueries.runInstances, frequency: Frequency(count: 1, per: .day),
            origin: "default workload, query 2"),
        WorkloadQuery(
            name: "Q3 ConsoleLogin", sql: ArticleQueries.consoleLogins, frequency: Frequency(count: 24, per: .day),
            origin: "default workload, query 3"),
        WorkloadQuery(
            name: "Q4 Lake 5-hour window", sql: ArticleQueries.lakeWindow, frequency: Frequency(count: 4, per: .day),
            origin: "default workload, query 4"),
        WorkloadQuery(
            name: "Q5 Lake user in region", sql: ArticleQueries.lakeUserInRegion,
            frequency: Frequency(count: 4, per: .month),
            origin: "default workload, query 5"),
    ]

    /// The scenario: a trail delivering 40 GB of gzip logs a month, growing 3% a month, with a
    /// year of logs already in S3, over the next 12 months.
    public static var scenario: Scenario {
        var scenario = Scenario(name: "default")
        scenario.volume = .gzipBytesPerMonth(40_000_000_000)
        scenario.monthlyGrowth = 0.03
        scenario.historyMonths = 12
        scenario.workload = workload
        return scenario
    }
}

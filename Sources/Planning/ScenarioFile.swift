import Foundation
import Metering
import Pricing
import QueryEngine
import TrailMeterCore
import Yams

/// Reads scenario files (YAML): every key checked, every error with file, line and field.
///
/// A workload file is a scenario file holding only `workload`; its queries replace the scenario's.
public enum ScenarioFile {
    static let topLevelKeys = [
        "name", "region", "start", "months", "volume", "growth", "history_months", "units",
        "athena", "lake", "cloudwatch", "trail", "workload",
    ]
    static let athenaKeys = ["table", "ddl", "retention_days", "reservation"]
    static let reservationKeys = ["dpus", "hours_per_day", "hours_per_month"]
    static let lakeKeys = [
        "options", "one_year_retention_days", "seven_year_retention_days", "backfill", "move_to_cloudwatch",
    ]
    static let cloudWatchKeys = ["classes", "retention_days"]
    /// The retention settings a CloudWatch log group accepts (`PutRetentionPolicy`), in days.
    static let cloudWatchRetentionChoices = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]
    static let trailKeys = ["extra_management_copies", "data_events_per_day", "network_activity_events_per_day"]
    static let queryKeys = ["name", "sql", "file", "dialect", "runs", "window"]

    /// Reads the scenario at `path`; `name` defaults to the file's base name.
    public static func load(_ path: String) throws(PlanningError) -> Scenario {
        let (root, file) = try document(path)
        var scenario = Scenario(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        try apply(root, file: file, to: &scenario)
        return scenario
    }

    /// Reads the workload file at `path`: a mapping with only `workload`.
    public static func loadWorkload(_ path: String) throws(PlanningError) -> [WorkloadQuery] {
        let (root, file) = try document(path)
        let mapping = try file.mapping(root, field: "workload file")
        for (key, value) in mapping where key != "workload" {
            throw .unknownField(file: file.path, line: value.line, field: key, known: ["workload"])
        }
        guard let list = mapping.first(where: { $0.key == "workload" })?.value else {
            throw .missingField(file: file.path, line: 1, field: "workload")
        }
        return try workload(list, file: file)
    }

    /// Parses scenario text (for tests and the embedded default); `path` names it in errors and
    /// anchors relative `file:` references.
    public static func parse(_ text: String, path: String) throws(PlanningError) -> Scenario {
        let file = SourceFile(path: path)
        var scenario = Scenario(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        try apply(try file.compose(text), file: file, to: &scenario)
        return scenario
    }

    private static func document(_ path: String) throws(PlanningError) -> (Node, SourceFile) {
        let text: String
        do { text = try FileBytes.utf8Text(path) } catch { throw .unreadable(file: path, reason: error.reason) }
        let file = SourceFile(path: path)
        return (try file.compose(text), file)
    }

    private static func apply(_ root: Node, file: SourceFile, to scenario: inout Scenario) throws(PlanningError) {
        for (key, value) in try file.mapping(root, field: "scenario") {
            let line = value.line
            if ["start", "months", "growth", "history_months"].contains(key) {
                scenario.fieldLines[key] = FieldLine(file: file.path, line: line)
            }
            switch key {
            case "name": scenario.name = try file.string(value, field: key)
            case "region": scenario.region = try file.string(value, field: key)
            case "start":
                scenario.startMonth = try file.parsed(
                    value, field: key, expected: "a month such as 2027-01", ScenarioValues.month)
            case "months":
                scenario.months = try file.months(value, field: key, in: 1...60)
            case "volume":
                scenario.volume = try file.parsed(
                    value, field: key,
                    expected:
                        "a positive volume: `sample`, `40GB/month` (KB, MB, GB, TB; 1 byte to 1000 PB) or `250000 events/day` (1 to 10^12)",
                    ScenarioValues.volume)
            case "growth":
                scenario.monthlyGrowth = try file.parsed(
                    value, field: key, expected: "a monthly growth such as `3%` or `0.03` (above -100%)",
                    ScenarioValues.growth)
            case "history_months":
                scenario.historyMonths = try file.months(value, field: key, in: 0...120)
            case "units":
                scenario.byteConvention = try file.parsed(value, field: key, expected: "`decimal` or `binary`") {
                    ByteConvention(rawValue: $0)
                }
            case "athena": try athena(value, file: file, into: &scenario)
            case "lake": try lake(value, file: file, into: &scenario)
            case "cloudwatch": try cloudWatch(value, file: file, into: &scenario)
            case "trail": try trail(value, file: file, into: &scenario)
            case "workload": scenario.workload = try workload(value, file: file)
            default: throw .unknownField(file: file.path, line: line, field: key, known: topLevelKeys)
            }
        }
    }

    private static func athena(_ node: Node, file: SourceFile, into scenario: inout Scenario) throws(PlanningError) {
        for (key, value) in try file.mapping(node, field: "athena") {
            switch key {
            case "table":
                scenario.athenaTable = try file.parsed(
                    value, field: "athena.table", expected: "`unpartitioned` or `projected`"
                ) {
                    AthenaTableKind(rawValue: $0)
                }
            case "ddl":
                let definition = try athenaDefinition(value, file: file)
                scenario.athenaDefinition = definition
                scenario.athenaTable = definition.partitionColumns.isEmpty ? .unpartitioned : .projected
            case "retention_days":
                scenario.s3RetentionDays = try file.positiveDays(
                    value, field: "athena.retention_days", allowForever: true)
            case "reservation": scenario.athenaReservation = try reservation(value, file: file)
            default: throw .unknownField(file: file.path, line: value.line, field: "athena.\(key)", known: athenaKeys)
            }
        }
    }

    private static func reservation(_ node: Node, file: SourceFile) throws(PlanningError) -> AthenaReservation {
        var dpus: Int?
        var hours: (Decimal, Frequency.Period)?
        for (key, value) in try file.mapping(node, field: "athena.reservation") {
            let field = "athena.reservation.\(key)"
            switch key {
            case "dpus":
                dpus = try file.parsed(value, field: field, expected: "a positive whole number of DPUs") {
                    Int($0).flatMap { $0 > 0 ? $0 : nil }
                }
            case "hours_per_day", "hours_per_month":
                let limit: Decimal = key == "hours_per_day" ? 24 : 744
                let count = try file.parsed(value, field: field, expected: "hours above 0, at most \(limit)") {
                    ScenarioValues.number($0).flatMap { $0 > 0 && $0 <= limit ? $0 : nil }
                }
                if hours != nil {
                    throw .invalidField(
                        file: file.path, line: value.line, field: field,
                        problem: "give hours_per_day or hours_per_month, not both")
                }
                hours = (count, key == "hours_per_day" ? .day : .month)
            default:
                throw .unknownField(file: file.path, line: value.line, field: field, known: reservationKeys)
            }
        }
        guard let dpus else { throw .missingField(file: file.path, line: node.line, field: "athena.reservation.dpus") }
        guard let hours else {
            throw .missingField(
                file: file.path, line: node.line, field: "athena.reservation.hours_per_day (or _per_month)")
        }
        return AthenaReservation(dpus: dpus, hours: hours.0, per: hours.1)
    }

    /// `athena.ddl`: the user's `CREATE EXTERNAL TABLE` file, relative to the scenario file.
    private static func athenaDefinition(_ value: Node, file: SourceFile) throws(PlanningError)
        -> AthenaTableDefinition
    {
        let relative = try file.string(value, field: "athena.ddl")
        let url = URL(
            fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: file.path).deletingLastPathComponent())
        let text: String
        do { text = try FileBytes.utf8Text(url.path) } catch {
            throw .invalidField(
                file: file.path, line: value.line, field: "athena.ddl", problem: "cannot read \(error)")
        }
        do { return try AthenaTableDefinition.parse(text) } catch {
            throw .invalidField(
                file: file.path, line: value.line, field: "athena.ddl", problem: "\(url.path): \(error)")
        }
    }

    private static func lake(_ node: Node, file: SourceFile, into scenario: inout Scenario) throws(PlanningError) {
        for (key, value) in try file.mapping(node, field: "lake") {
            switch key {
            case "options":
                var options: [LakePricingOption] = []
                for item in try file.sequence(value, field: "lake.options") {
                    options.append(
                        try file.parsed(item, field: "lake.options", expected: "`one-year` or `seven-year`") { name in
                            name == "one-year" ? .oneYearExtendable : name == "seven-year" ? .sevenYear : nil
                        })
                }
                scenario.lakeOptions = LakePricingOption.allCases.filter(options.contains)
            case "one_year_retention_days":
                scenario.lakeRetentionDays[.oneYearExtendable] = try file.positiveDays(
                    value, field: "lake.\(key)", allowForever: false)
            case "seven_year_retention_days":
                scenario.lakeRetentionDays[.sevenYear] = try file.positiveDays(
                    value, field: "lake.\(key)", allowForever: false)
            case "backfill":
                scenario.lakeBackfill = try file.parsed(value, field: "lake.backfill", expected: "true or false") {
                    $0 == "true" ? true : $0 == "false" ? false : nil
                }
            case "move_to_cloudwatch": scenario.lakeMove = try LakeMove.parse(value, file: file)
            default: throw .unknownField(file: file.path, line: value.line, field: "lake.\(key)", known: lakeKeys)
            }
        }
    }

    private static func cloudWatch(_ node: Node, file: SourceFile, into scenario: inout Scenario)
        throws(PlanningError)
    {
        for (key, value) in try file.mapping(node, field: "cloudwatch") {
            switch key {
            case "classes":
                var classes: [LogClass] = []
                for item in try file.sequence(value, field: "cloudwatch.classes") {
                    classes.append(
                        try file.parsed(
                            item, field: "cloudwatch.classes", expected: "`standard` or `infrequent-access`",
                            LogClass.init(rawValue:)))
                }
                scenario.cloudWatchClasses = LogClass.allCases.filter(classes.contains)
            case "retention_days":
                let choices = cloudWatchRetentionChoices.map(String.init).joined(separator: ", ")
                scenario.cloudWatchRetentionDays = try file.parsed(
                    value, field: "cloudwatch.retention_days", expected: "`forever` or one of \(choices)"
                ) { text -> Int?? in
                    if text == "forever" { return .some(nil) }
                    return Int(text).flatMap { cloudWatchRetentionChoices.contains($0) ? .some($0) : nil }
                }
            default:
                throw .unknownField(
                    file: file.path, line: value.line, field: "cloudwatch.\(key)", known: cloudWatchKeys)
            }
        }
    }

    private static func trail(_ node: Node, file: SourceFile, into scenario: inout Scenario) throws(PlanningError) {
        for (key, value) in try file.mapping(node, field: "trail") {
            let field = "trail.\(key)"
            switch key {
            case "extra_management_copies":
                scenario.trail.extraManagementCopies = try file.parsed(
                    value, field: field, expected: "a whole number of copies, 0 or more"
                ) { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
            case "data_events_per_day", "network_activity_events_per_day":
                let count = try file.parsed(value, field: field, expected: "a number of events a day, 0 or more") {
                    ScenarioValues.number($0)
                }
                if key == "data_events_per_day" {
                    scenario.trail.dataEventsPerDay = count
                } else {
                    scenario.trail.networkActivityEventsPerDay = count
                }
            default: throw .unknownField(file: file.path, line: value.line, field: field, known: trailKeys)
            }
        }
    }

    static func workload(_ node: Node, file: SourceFile) throws(PlanningError) -> [WorkloadQuery] {
        var queries: [WorkloadQuery] = []
        for (index, item) in try file.sequence(node, field: "workload").enumerated() {
            let field = "workload[\(index + 1)]"
            var name: String?
            var sql: String?
            var dialect: Dialect?
            var frequency: Frequency?
            var window = QueryWindow.measured
            for (key, value) in try file.mapping(item, field: field) {
                switch key {
                case "name": name = try file.string(value, field: "\(field).name")
                case "sql": sql = try file.string(value, field: "\(field).sql")
                case "file":
                    let relative = try file.string(value, field: "\(field).file")
                    let url = URL(
                        fileURLWithPath: relative,
                        relativeTo: URL(fileURLWithPath: file.path).deletingLastPathComponent())
                    do { sql = try FileBytes.utf8Text(url.path) } catch {
                        throw .invalidField(
                            file: file.path, line: value.line, field: "\(field).file", problem: "cannot read \(error)")
                    }
                    if name == nil { name = url.deletingPathExtension().lastPathComponent }
                case "dialect":
                    dialect = try file.parsed(value, field: "\(field).dialect", expected: "`athena` or `lake`") {
                        Dialect(rawValue: $0)
                    }
                case "runs":
                    frequency = try file.parsed(
                        value, field: "\(field).runs",
                        expected:
                            "a frequency such as `24/day`, `1/hour`, `4/month`, `daily` (at most 1000000 a period)",
                        ScenarioValues.frequency
                    )
                case "window":
                    window = try file.parsed(
                        value, field: "\(field).window",
                        expected: "`measured`, `all`, or a length such as `7 days` or `24 hours`", ScenarioValues.window
                    )
                default:
                    throw .unknownField(file: file.path, line: value.line, field: "\(field).\(key)", known: queryKeys)
                }
            }
            guard let sql else {
                throw .missingField(file: file.path, line: item.line, field: "\(field).sql (or .file)")
            }
            guard let frequency else { throw .missingField(file: file.path, line: item.line, field: "\(field).runs") }
            queries.append(
                WorkloadQuery(
                    name: name ?? "query \(index + 1)", sql: sql, dialect: dialect, frequency: frequency,
                    window: window, origin: "\(file.path):\(item.line)"))
        }
        let names = queries.map(\.name)
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }),
            let second = queries.lastIndex(where: { $0.name == duplicate })
        {
            throw .invalidField(
                file: file.path, line: Int(queries[second].origin.split(separator: ":").last ?? "0") ?? 0,
                field: "workload[\(second + 1)].name", problem: "the name \"\(duplicate)\" is used twice")
        }
        return queries
    }
}

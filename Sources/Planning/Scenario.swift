import Foundation
import Metering
import Pricing
import QueryEngine

/// What a comparison assumes about the future: where, for how long, how much data, kept how
/// long, and the queries run against it. Read from a scenario file; CLI flags override fields.
public struct Scenario: Sendable {
    /// Names the report folder and the `x_Scenario` column.
    public var name: String
    /// The AWS region priced.
    public var region: String = "us-east-1"
    /// The first month of the horizon (a first of month); nil starts the month after the clock's today.
    public var startMonth: CalendarDay?
    /// Months projected, 1 to 60.
    public var months: Int = 12
    /// How much log data the trail delivers in the first month.
    public var volume: Volume = .sample
    /// Growth of the volume from one month to the next, as a fraction (0.03 is 3%).
    public var monthlyGrowth: Decimal = 0
    /// Months of logs already in the S3 bucket when the horizon starts (Athena can query them;
    /// CloudTrail Lake only if it imports them).
    public var historyMonths: Int = 0
    /// Calendar days in the `months` whole months before `start`.
    static func historyDays(months: Int, before start: CalendarDay) -> Int {
        var day = start
        for _ in 0..<months { day = DayRange.month(containing: day.adding(days: -1)).first }
        return start.daysSinceEpoch - day.daysSinceEpoch
    }

    /// Gzip bytes delivered on each day of those months (oldest first), when the bucket's catalog
    /// tells them (`Comparison.applyVolumeHistory`); nil: each day delivers the first month's rate.
    public var historyDailyBytes: [Decimal]?
    /// Days the raw logs (and the self-managed columnar copy) are kept in S3; nil keeps them forever.
    public var s3RetentionDays: Int?
    /// Days each CloudTrail Lake option keeps events (defaults: each option's included retention).
    public var lakeRetentionDays: [LakePricingOption: Int] = [:]
    /// The CloudTrail Lake pricing options compared.
    public var lakeOptions: [LakePricingOption] = LakePricingOption.allCases
    /// Whether CloudTrail Lake imports the logs already in S3 at the start (a one-time charge).
    public var lakeBackfill: Bool = false
    /// A move of the Lake event data store to CloudWatch Logs (nil: no move is compared).
    public var lakeMove: LakeMove?
    /// The CloudWatch Logs classes compared (a layout each).
    public var cloudWatchClasses: [LogClass] = LogClass.allCases
    /// Days the CloudWatch log group keeps events (one of CloudWatch's retention settings); nil never expires.
    public var cloudWatchRetentionDays: Int?
    /// What the trails record beyond the free first copy of management events (billed on the
    /// layouts that need a trail).
    public var trail = TrailRecording()
    /// Athena provisioned capacity carrying the workload's Athena queries (nil: billed per TB).
    public var athenaReservation: AthenaReservation?
    /// The Athena table the workload's Athena SQL is written for.
    public var athenaTable: AthenaTableKind = .unpartitioned
    /// The user's own Athena table (`athena.ddl`), which the workload's Athena SQL is written for
    /// when given: its columns, types and partition columns.
    public var athenaDefinition: AthenaTableDefinition?
    /// Byte units for billing (nil: the pricing tables' default).
    public var byteConvention: ByteConvention?
    /// The queries run, and how often.
    public var workload: [WorkloadQuery] = []
    /// Factors measured by `trailmeter calibrate` that scale each layout's projected scans.
    public var calibration: CalibrationFactors?
    /// Where `start`, `months`, `growth` and `history_months` were written when a scenario file
    /// gave them (a command-line override removes its entry), for `checkBounds()`.
    public var fieldLines: [String: FieldLine] = [:]

    public init(name: String) { self.name = name }

    /// `name` made safe as one folder name under `Reports/`: letters, digits, `-`, `_` and single
    /// dots kept, every other run of characters (separators included) one `-`, no leading or
    /// trailing dot or dash, so no name can climb out of the folder or nest inside it.
    public static func folderName(for name: String) -> String {
        var folder = ""
        for character in name {
            if character.isLetter || character.isNumber || character == "_" {
                folder.append(character)
            } else if character == ".", folder.last != ".", folder.last != "-" {
                folder.append(".")
            } else if folder.last != "-" {
                if folder.last == "." { folder.removeLast() }
                folder.append("-")
            }
        }
        let trimmed = folder.trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
        return trimmed.isEmpty ? "scenario" : trimmed
    }

    /// The layouts this scenario compares.
    public var layouts: [CostLayout] {
        CostLayout.allCases.filter { $0.priced.isCompared(in: self) }
    }

    /// Retention of a Lake option in days: the scenario's, or the option's included retention.
    public func lakeRetention(_ option: LakePricingOption, rules: BillingRules) -> Int {
        lakeRetentionDays[option] ?? rules.retention(for: option).includedDays
    }
}

/// The log volume of the first month.
public enum Volume: Sendable, Equatable, CustomStringConvertible {
    /// The rate of the ingested sample, per day.
    case sample
    /// Bytes of gzip log files delivered per month (of 30 days).
    case gzipBytesPerMonth(Decimal)
    /// Events per day.
    case eventsPerDay(Decimal)

    public var description: String {
        switch self {
        case .sample: return "the sample's daily rate"
        case .gzipBytesPerMonth(let bytes): return "\(bytes / 1_000_000_000) GB of gzip logs a month"
        case .eventsPerDay(let events): return "\(MoneyText.count(events)) events a day"
        }
    }
}

/// One query of the workload.
public struct WorkloadQuery: Sendable, Equatable {
    /// A short name for tables (the file name, or the scenario's `name`).
    public var name: String
    public var sql: String
    /// nil: detected from the SQL.
    public var dialect: Dialect?
    public var frequency: Frequency
    public var window: QueryWindow = .measured
    /// Where the query was declared, for error messages (`plan.yaml:14`).
    public var origin: String

    public init(
        name: String, sql: String, dialect: Dialect? = nil, frequency: Frequency, window: QueryWindow = .measured,
        origin: String
    ) {
        self.name = name
        self.sql = sql
        self.dialect = dialect
        self.frequency = frequency
        self.window = window
        self.origin = origin
    }
}

/// How often a query runs.
public struct Frequency: Sendable, Equatable, CustomStringConvertible {
    public enum Period: String, Sendable, CaseIterable { case hour, day, month }
    public var count: Decimal
    public var period: Period

    public init(count: Decimal, per period: Period) {
        self.count = count
        self.period = period
    }

    /// Runs in a month of `days` days.
    public func runs(inMonthOf days: Int) -> Decimal {
        switch period {
        case .hour: return count * 24 * Decimal(days)
        case .day: return count * Decimal(days)
        case .month: return count
        }
    }

    public var description: String { "\(count) per \(period.rawValue)" }
}

/// The data a query scans each run.
public enum QueryWindow: Sendable, Equatable {
    /// The eventTime bounds the meter saw (on the columnar layout; partition bounds on the
    /// projected Athena table); unbounded means all that is retained.
    case measured
    /// The last N days of data.
    case days(Decimal)
    /// Everything retained.
    case all
}

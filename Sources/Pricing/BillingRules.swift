import Foundation
import TrailMeterCore

/// A size written with its unit, e.g. `10 MB`; its byte count depends on the ``ByteConvention``.
public struct ByteSize: Hashable, Sendable, CustomStringConvertible {
    /// The number written before the unit.
    public let value: Decimal
    /// The unit written after the number.
    public let magnitude: ByteMagnitude

    public init(_ value: Decimal, _ magnitude: ByteMagnitude) {
        self.value = value
        self.magnitude = magnitude
    }

    /// Parses `10 MB`, `1 MB`, `5 TB`.
    public init?(_ text: String) {
        guard let bound = TierBound(text), let magnitude = bound.magnitude else { return nil }
        self.init(bound.value, magnitude)
    }

    /// The size in bytes under `convention`.
    public func bytes(_ convention: ByteConvention) -> Decimal { value * convention.bytes(per: magnitude) }

    /// e.g. `10 MB` (decimal) or `10 MiB` (binary).
    public func description(_ convention: ByteConvention) -> String { "\(value) \(convention.symbol(magnitude))" }

    public var description: String { "\(value) \(magnitude.rawValue)" }
}

/// The CloudTrail Lake event data store pricing options (the API's `BillingMode`).
public enum LakePricingOption: String, CaseIterable, Sendable {
    /// One-year extendable retention pricing (the default option).
    case oneYearExtendable = "EXTENDABLE_RETENTION_PRICING"
    /// Seven-year retention pricing (the 2022 launch pricing, tiered ingest).
    case sevenYear = "FIXED_RETENTION_PRICING"

    /// The item that prices ingest under this option; `otherSources` covers non-CloudTrail events
    /// and logs imported from S3 (the seven-year option prices all sources alike).
    public func ingestItem(otherSources: Bool = false) -> PriceItem {
        switch self {
        case .oneYearExtendable: return otherSources ? .lakeIngestOtherOneYear : .lakeIngestCloudTrailOneYear
        case .sevenYear: return .lakeIngestSevenYear
        }
    }

    /// The item that prices retention beyond the included days; nil when none can be bought.
    public var extendedRetentionItem: PriceItem? { self == .oneYearExtendable ? .lakeExtendedRetention : nil }
}

/// Retention that a Lake pricing option includes in its ingest price, and how far it can go.
public struct LakeRetention: Hashable, Sendable {
    /// Days of retention the ingest price includes.
    public let includedDays: Int
    /// The longest retention the option allows.
    public let maximumDays: Int
}

/// The billing rules that vary and so live in `rules.csv` rather than in code.
public struct BillingRules: Hashable, Sendable {
    /// Athena bills at least this much per query.
    public var athenaMinimumPerQuery: ByteSize
    /// Athena rounds scanned bytes up to a multiple of this.
    public var athenaRoundingIncrement: ByteSize
    /// The byte-unit convention used unless a caller chooses another.
    public var defaultByteConvention: ByteConvention
    /// Retention included with each Lake pricing option.
    public var lakeRetention: [LakePricingOption: LakeRetention]
    /// The period over which tier volumes accumulate (only `month` is supported).
    public var tierCountingPeriod: String
    /// Athena capacity reservation minimums.
    public var athenaProvisionedCapacity: AthenaProvisionedCapacityRules
    /// The rows as read, so the file is written back unchanged.
    var rows: [[String]]

    /// The columns of `rules.csv`.
    public static let columns = ["rule", "value", "source", "note"]

    /// The rule names `rules.csv` must hold, each exactly once.
    public static let ruleNames = [
        "athena.scan.minimum_per_query", "athena.scan.rounding_increment", "byte_units.default",
        "lake.one_year_extendable.included_retention_days", "lake.one_year_extendable.maximum_retention_days",
        "lake.seven_year.included_retention_days", "lake.seven_year.maximum_retention_days",
        "tiers.counting_period",
        "athena.provisioned.minimum_dpus", "athena.provisioned.dpu_step", "athena.provisioned.minimum_minutes",
    ]

    /// The retention an option includes.
    public func retention(for option: LakePricingOption) -> LakeRetention { lakeRetention[option]! }

    /// Athena's scan rules as a value that bills bytes.
    public var athenaScanBilling: AthenaScanBilling {
        AthenaScanBilling(minimumPerQuery: athenaMinimumPerQuery, roundingIncrement: athenaRoundingIncrement)
    }

    static func parse(text: String, file: String) throws -> BillingRules {
        let table = try CSVTable(text: text, file: file, required: columns)
        var values: [String: (String, SourceLocation)] = [:]
        var issues: [TableIssue] = []
        for record in table.rows {
            let name = table.value("rule", in: record)
            let location = table.location(of: record)
            if !ruleNames.contains(name) {
                issues.append(TableIssue(location, field: "rule", .unknownRule(name)))
            } else if let first = values[name] {
                issues.append(TableIssue(location, field: "rule", .duplicateRow(firstLine: first.1.line)))
            } else {
                values[name] = (table.value("value", in: record), location)
            }
            let source = table.value("source", in: record)
            if !(source.hasPrefix("https://") || source.hasPrefix("http://")) {
                issues.append(
                    TableIssue(location, field: "source", source.isEmpty ? .emptyRequiredField : .notAURL(source)))
            }
        }
        let endOfFile = SourceLocation(file: file, line: (table.rows.last?.line ?? 1) + 1)
        func value<T>(_ name: String, expected: String, _ convert: (String) -> T?) -> T? {
            guard let (text, location) = values[name] else {
                issues.append(TableIssue(endOfFile, field: "rule", .missingRule(name)))
                return nil
            }
            guard let result = convert(text) else {
                issues.append(
                    TableIssue(location, field: "value", .invalidRuleValue(rule: name, expected: expected, found: text))
                )
                return nil
            }
            return result
        }
        let days = "a whole number of days"
        let minimum = value("athena.scan.minimum_per_query", expected: "a size like 10 MB", ByteSize.init)
        let increment = value("athena.scan.rounding_increment", expected: "a size like 1 MB") {
            ByteSize($0).flatMap { $0.value > 0 ? $0 : nil }
        }
        let convention = value("byte_units.default", expected: "decimal or binary", ByteConvention.init(rawValue:))
        let oneYearIncluded = value("lake.one_year_extendable.included_retention_days", expected: days) { Int($0) }
        let oneYearMaximum = value("lake.one_year_extendable.maximum_retention_days", expected: days) { Int($0) }
        let sevenYearIncluded = value("lake.seven_year.included_retention_days", expected: days) { Int($0) }
        let sevenYearMaximum = value("lake.seven_year.maximum_retention_days", expected: days) { Int($0) }
        let period = value("tiers.counting_period", expected: "month") { $0 == "month" ? $0 : nil }
        let positive = "a whole number above 0"
        let wholePositive = { (text: String) in Int(text).flatMap { $0 > 0 ? $0 : nil } }
        let minimumDPUs = value("athena.provisioned.minimum_dpus", expected: positive, wholePositive)
        let dpuStep = value("athena.provisioned.dpu_step", expected: positive, wholePositive)
        let minimumMinutes = value("athena.provisioned.minimum_minutes", expected: positive, wholePositive)
        guard issues.isEmpty, let minimum, let increment, let convention, let oneYearIncluded, let oneYearMaximum,
            let sevenYearIncluded, let sevenYearMaximum, let period, let minimumDPUs, let dpuStep, let minimumMinutes
        else {
            throw PricingError.invalidTables(issues)
        }
        return BillingRules(
            athenaMinimumPerQuery: minimum, athenaRoundingIncrement: increment, defaultByteConvention: convention,
            lakeRetention: [
                .oneYearExtendable: LakeRetention(includedDays: oneYearIncluded, maximumDays: oneYearMaximum),
                .sevenYear: LakeRetention(includedDays: sevenYearIncluded, maximumDays: sevenYearMaximum),
            ],
            tierCountingPeriod: period,
            athenaProvisionedCapacity: AthenaProvisionedCapacityRules(
                minimumDPUs: minimumDPUs, dpuStep: dpuStep, minimumMinutes: minimumMinutes),
            rows: [columns] + table.rows.map(\.fields))
    }
}

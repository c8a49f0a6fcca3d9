import Foundation
import Pricing
import Yams

/// An existing CloudTrail Lake customer's move to CloudWatch Logs: Lake until `month`, then the
/// event data store's retained events (from 2023 on) exported once into CloudWatch Logs, and the
/// trail delivering to CloudWatch from that month (scenario key `lake.move_to_cloudwatch`).
public struct LakeMove: Sendable, Equatable {
    /// The first day of the month the export runs and CloudWatch takes over.
    public var month: CalendarDay
    /// The log class CloudWatch keeps events in from the move on (the export itself lands in
    /// Infrequent Access, whatever this says).
    public var logClass: LogClass
    /// The Lake pricing option the customer is on, and the one "staying on Lake" is priced as.
    public var from: LakePricingOption

    static let keys = ["month", "class", "from"]

    /// `{ month: 2027-03, class: infrequent-access, from: one-year }`; `class` defaults to
    /// Infrequent Access (where the export lands), `from` to the one-year option.
    static func parse(_ node: Node, file: SourceFile) throws(PlanningError) -> LakeMove {
        var month: CalendarDay?
        var logClass = LogClass.infrequentAccess
        var from = LakePricingOption.oneYearExtendable
        for (key, value) in try file.mapping(node, field: "lake.move_to_cloudwatch") {
            let field = "lake.move_to_cloudwatch.\(key)"
            switch key {
            case "month":
                month = try file.parsed(value, field: field, expected: "a month such as 2027-03", ScenarioValues.month)
            case "class":
                logClass = try file.parsed(value, field: field, expected: "`standard` or `infrequent-access`") {
                    LogClass(rawValue: $0)
                }
            case "from":
                from = try file.parsed(value, field: field, expected: "`one-year` or `seven-year`") { name in
                    name == "one-year" ? .oneYearExtendable : name == "seven-year" ? .sevenYear : nil
                }
            default: throw .unknownField(file: file.path, line: value.line, field: field, known: keys)
            }
        }
        guard let month else {
            throw .missingField(file: file.path, line: node.line, field: "lake.move_to_cloudwatch.month")
        }
        return LakeMove(month: month, logClass: logClass, from: from)
    }
}

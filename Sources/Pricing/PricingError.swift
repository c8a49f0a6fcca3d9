import TrailMeterCore

/// What is wrong with one place in a pricing table.
public enum TableProblem: Hashable, Sendable {
    case malformedCSV(String)
    case missingColumn(String)
    case unexpectedColumn(String)
    case wrongFieldCount(expected: Int, found: Int)
    case emptyRequiredField
    case notAURL(String)
    case unknownUnit(String)
    case unknownService(String)
    case unknownItem(service: String, item: String)
    case unparseablePrice(String)
    case negativePrice(String)
    case unparseableDate(String)
    case unparseableNumber(String)
    case effectiveRangeReversed(from: CalendarDay, to: CalendarDay)
    case overlappingEffectiveRanges(otherLine: Int)
    case tierGap(after: String, nextStartsAt: String, otherLine: Int)
    case tierOverlap(after: String, nextStartsAt: String, otherLine: Int)
    case tiersNotStartingAtZero(String)
    case tierAfterOpenEnd(otherLine: Int)
    case lastTierNotOpenEnded(String)
    case tierBoundUnitMismatch(String)
    case inconsistentTierSet(String)
    case duplicateRow(firstLine: Int)
    case missingRegionRate(service: String, item: String, region: String, date: CalendarDay)
    case unknownRule(String)
    case missingRule(String)
    case invalidRuleValue(rule: String, expected: String, found: String)
    case missingFile(String)
    /// A field longer than the cap on a table field (``TableFile/maxFieldBytes``).
    case fieldTooLong(limit: Int)
    /// A table file larger than the cap on a table file (``TableFile/maxFileBytes``); its line is where the cap falls.
    case fileTooLarge(bytes: Int, limit: Int)

    /// Problems past the first ``TableIssue/listedAtMost`` are counted here, not listed.
    case moreProblems(Int)

    /// True for ``fieldTooLong(limit:)``.
    var isFieldTooLong: Bool {
        if case .fieldTooLong = self { return true }
        return false
    }
}

/// One problem found in the tables, with its place and the field it concerns.
public struct TableIssue: Hashable, Sendable, CustomStringConvertible {
    /// The file and line of the problem.
    public var location: SourceLocation
    /// The column name, when the problem is about one field.
    public var field: String?
    /// What is wrong.
    public var problem: TableProblem

    /// The most problems one load lists: a runaway table wrong on every line (a million lines
    /// would take hundreds of megabytes) lists the first ones and counts the rest.
    public static let listedAtMost = 200

    public init(_ location: SourceLocation, field: String? = nil, _ problem: TableProblem) {
        self.location = location
        self.field = field
        self.problem = problem
    }

    public var description: String {
        let fieldText = field.map { " field '\($0)':" } ?? ""
        return "\(location):\(fieldText) \(problem.explanation)"
    }
}

extension TableProblem {
    /// A sentence saying what was found and what was expected.
    public var explanation: String {
        switch self {
        case .malformedCSV(let why): return "malformed CSV: \(why)"
        case .missingColumn(let name): return "the header lacks the required column '\(name)'"
        case .unexpectedColumn(let name): return "unexpected column '\(name)' in the header"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) fields as in the header, found \(found)"
        case .emptyRequiredField: return "expected a value, found an empty field"
        case .notAURL(let text): return "expected a source URL starting with https:// or http://, found '\(text)'"
        case .unknownUnit(let unit):
            return "unknown unit '\(unit)'; expected one of \(BillingUnit.spellings)"
        case .unknownService(let service):
            return "unknown service '\(service)'; expected one of \(PriceItem.serviceNames.joined(separator: ", "))"
        case .unknownItem(let service, let item):
            let known = PriceItem.all.filter { $0.service == service }.map(\.name)
            return "unknown item '\(item)' for \(service); expected one of \(known.joined(separator: ", "))"
        case .unparseablePrice(let text):
            return "expected a USD price as a decimal string like 0.023 (or 'unpublished'), found '\(text)'"
        case .negativePrice(let text): return "expected a price of zero or more, found '\(text)'"
        case .unparseableDate(let text): return "expected a date as yyyy-MM-dd (or empty), found '\(text)'"
        case .unparseableNumber(let text):
            return "expected a non-negative decimal number, optionally followed by GB or TB, found '\(text)'"
        case .effectiveRangeReversed(let from, let to):
            return "effective_to \(to) is before effective_from \(from)"
        case .overlappingEffectiveRanges(let other):
            return "effective range overlaps the range of line \(other) for the same service, item and region"
        case .tierGap(let after, let next, let other):
            return "gap between tiers: this tier ends at \(after) but the next (line \(other)) starts at \(next)"
        case .tierOverlap(let after, let next, let other):
            return "tiers overlap: this tier ends at \(after) but the next (line \(other)) starts at \(next)"
        case .tiersNotStartingAtZero(let start): return "the first tier must start at 0, found \(start)"
        case .tierAfterOpenEnd(let other):
            return "this tier has no upper bound, yet line \(other) starts another tier after it"
        case .lastTierNotOpenEnded(let end):
            return "the last tier ends at \(end); expected an empty tier_to so every quantity has a price"
        case .tierBoundUnitMismatch(let why): return "tier bound unit: \(why)"
        case .inconsistentTierSet(let why): return "tiers of one rate disagree: \(why)"
        case .duplicateRow(let first):
            return "duplicate row: same service, item, region, effective_from and tier_from as line \(first)"
        case .missingRegionRate(let service, let item, let region, let date):
            return
                "no rate for \(service)/\(item) in region \(region) on \(date); add a row (or one marked 'unpublished')"
        case .unknownRule(let name):
            return "unknown rule '\(name)'; expected one of \(BillingRules.ruleNames.joined(separator: ", "))"
        case .missingRule(let name): return "required rule '\(name)' is missing"
        case .invalidRuleValue(let rule, let expected, let found):
            return "rule '\(rule)': expected \(expected), found '\(found)'"
        case .missingFile(let name): return "required file '\(name)' is missing"
        case .fieldTooLong(let limit):
            return "the field is longer than \(limit >> 10) KiB, the most a pricing table field may hold"
        case .fileTooLarge(let bytes, let limit):
            return "the file holds \(bytes) bytes, more than the \(limit >> 20) MiB a pricing table file may hold "
                + "(the cap falls on this line)"
        case .moreProblems(let count): return "... and \(count) more problems; fix those above and validate again"
        }
    }
}

/// Every failure the Pricing module reports. Each case names what went wrong and where.
public enum PricingError: Error, Equatable, CustomStringConvertible {
    /// The tables (or an FX table) break one or more rules; every issue found is listed.
    case invalidTables([TableIssue])
    /// A file or directory could not be read or written.
    case io(path: String, reason: String)
    /// No row covers the item in that region on that day.
    case noRate(item: PriceItem, region: String, day: CalendarDay)
    /// A row exists but says AWS publishes no price there (or we could not find one).
    case unpublishedRate(item: PriceItem, region: String, location: SourceLocation)
    /// The usage handed to a rate is of another kind than its unit (e.g. bytes for an events rate).
    case usageDoesNotMatchUnit(item: PriceItem, unit: BillingUnit, usage: String)
    /// An AWS Price List offer file could not be understood.
    case invalidOfferFile(path: String, line: Int?, reason: String)
    /// The FX table has no rate for the currency asked for.
    case unknownCurrency(String)

    public var description: String {
        switch self {
        case .invalidTables(let issues):
            return issues.map(\.description).joined(separator: "\n")
        case .io(let path, let reason): return "\(path): \(reason)"
        case .noRate(let item, let region, let day):
            return "no rate for \(item) in region \(region) on \(day)"
        case .unpublishedRate(let item, let region, let location):
            return "\(location): the rate for \(item) in region \(region) is marked unpublished; "
                + "no price was found for it, so TrailMeter will not guess one"
        case .usageDoesNotMatchUnit(let item, let unit, let usage):
            return "\(item) is priced per \(unit), which cannot measure \(usage)"
        case .invalidOfferFile(let path, let line, let reason):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)"
        case .unknownCurrency(let code): return "the FX table has no rate for currency '\(code)'"
        }
    }
}

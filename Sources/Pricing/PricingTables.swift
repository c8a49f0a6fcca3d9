import Foundation
import TrailMeterCore

/// The pricing tables loaded from a directory: rates, billing rules and an optional FX table.
///
/// A directory holds `rules.csv`, an optional `fx.csv`, and any number of rate files in
/// `rates/*.csv`. Loading checks every row and every cross-row rule and reports all problems at
/// once, each with its file and line.
///
/// ```swift
/// let tables = try PricingTables.load(from: PricingTables.shippedDirectory)
/// let rate = try tables.rate(for: .athenaSQLScan, region: "us-east-1", on: day)
/// let charge = try rate.charge(.bytes(3_000_000_000_000), convention: .decimal)
/// ```
public struct PricingTables: Hashable, Sendable {
    /// Every rate row, in file order (files by name, rows by line).
    public var rows: [RateRow]
    /// The rules from `rules.csv`.
    public var rules: BillingRules
    /// The exchange rates from `fx.csv`, when the directory has one.
    public var fx: FXTable?

    /// The directory name the CLI uses when none is given, relative to the current directory.
    public static let defaultDirectoryName = "PricingTables"

    /// The tables shipped in this repository, found from this source file's location, so tests
    /// and tools built from the checkout can load them from any working directory.
    public static var shippedDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Pricing
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent(defaultDirectoryName, isDirectory: true)
    }

    /// Loads and validates the tables in `directory`.
    ///
    /// - Parameter displayPath: how the directory is named in error messages (defaults to its path).
    public static func load(from directory: URL, displayPath: String? = nil) throws -> PricingTables {
        let shown = displayPath ?? directory.path
        let fileManager = FileManager.default
        var issues: [TableIssue] = []
        var unlisted = 0
        func note(_ found: [TableIssue]) {
            let room = max(0, TableIssue.listedAtMost - issues.count)
            issues += found.prefix(room)
            unlisted += max(0, found.count - room)
        }

        func read(_ relative: String) throws -> String? {
            let url = directory.appendingPathComponent(relative)
            guard fileManager.fileExists(atPath: url.path) else { return nil }
            return try TableFile.text(at: url.path, shown: "\(shown)/\(relative)")
        }
        func collect<T>(_ body: () throws -> T) throws -> T? {
            do { return try body() } catch PricingError.invalidTables(let found) {
                note(found)
                return nil
            }
        }

        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PricingError.io(
                path: shown, reason: "no such directory (expected the pricing tables: rules.csv and rates/*.csv)")
        }

        var rules: BillingRules?
        if let text = try read("rules.csv") {
            rules = try collect { try BillingRules.parse(text: text, file: "\(shown)/rules.csv") }
        } else {
            note([TableIssue(SourceLocation(file: "\(shown)/rules.csv", line: 1), .missingFile("rules.csv"))])
        }
        var fx: FXTable?
        if let text = try read("fx.csv") {
            fx = try collect { try FXTable.parse(text: text, file: "\(shown)/fx.csv") }
        }

        let rateFiles =
            (try? fileManager.contentsOfDirectory(atPath: directory.appendingPathComponent("rates").path)) ?? []
        let csvNames = rateFiles.filter { $0.hasSuffix(".csv") }.sorted()
        if csvNames.isEmpty {
            note([TableIssue(SourceLocation(file: "\(shown)/rates", line: 1), .missingFile("rates/*.csv"))])
        }
        var rows: [RateRow] = []
        for name in csvNames {
            guard let text = try read("rates/\(name)") else { continue }
            if let parsed = try collect({ try RateFileParser.parse(text: text, file: "\(shown)/rates/\(name)") }) {
                rows += parsed.rows
                note(parsed.issues)
            }
        }
        note(TableValidation.issues(in: rows))
        if unlisted > 0 { issues.append(TableIssue(SourceLocation(file: shown, line: 1), .moreProblems(unlisted))) }
        guard issues.isEmpty, let rules else { throw PricingError.invalidTables(issues) }
        return PricingTables(rows: rows, rules: rules, fx: fx)
    }

    /// Checks rows already in memory (e.g. after an import) with the same rules as ``load(from:displayPath:)``.
    public func validationIssues() -> [TableIssue] { TableValidation.issues(in: rows) }

    /// The rate for `item` in `region` in effect on `day`.
    ///
    /// Throws ``PricingError/noRate(item:region:day:)`` when no row covers that day. A rate whose
    /// rows say `unpublished` is returned (so it can be shown); charging with it throws.
    public func rate(for item: PriceItem, region: String, on day: CalendarDay) throws(PricingError) -> Rate {
        let matching = rows.filter { $0.item == item && $0.region == region && $0.isInEffect(on: day) }
        guard !matching.isEmpty else { throw .noRate(item: item, region: region, day: day) }
        return Rate(tiers: matching)
    }

    /// Every rate for `item` in `region`, earliest first.
    public func rates(for item: PriceItem, region: String) -> [Rate] {
        let matching = rows.filter { $0.item == item && $0.region == region }
        let sets = Dictionary(grouping: matching) { $0.effectiveFrom }
        return sets.values.map(Rate.init(tiers:)).sorted {
            TableValidation.startsEarlier($0.effectiveFrom, $1.effectiveFrom)
        }
    }

    /// The regions that appear in any row.
    public var regions: [String] { Array(Set(rows.map(\.region))).sorted() }

    /// Issues for every catalogue item that has no row (published or not) in one of `regions` on `day`.
    ///
    /// A run that asks for a region calls this first, so a missing rate is reported as a table
    /// problem (pointing at the item's existing rows) rather than failing halfway through.
    public func missingRateIssues(regions: [String], on day: CalendarDay) -> [TableIssue] {
        var issues: [TableIssue] = []
        var unlisted = 0
        func note(_ found: [TableIssue]) {
            let room = max(0, TableIssue.listedAtMost - issues.count)
            issues += found.prefix(room)
            unlisted += max(0, found.count - room)
        }
        for region in regions {
            for item in PriceItem.all
            where !rows.contains(where: { $0.item == item && $0.region == region && $0.isInEffect(on: day) }) {
                let anchor =
                    rows.first { $0.item == item }?.location
                    ?? rows.first { $0.item.service == item.service }?.location
                    ?? SourceLocation(file: "rates/\(item.service).csv", line: 1)
                issues.append(
                    TableIssue(
                        anchor, field: "region",
                        .missingRegionRate(service: item.service, item: item.name, region: region, date: day)))
            }
        }
        return issues
    }

    /// Throws ``PricingError/invalidTables(_:)`` unless every item has a rate in every region on `day`.
    public func requireRates(regions: [String], on day: CalendarDay) throws {
        let issues = missingRateIssues(regions: regions, on: day)
        if !issues.isEmpty { throw PricingError.invalidTables(issues) }
    }
}

import Foundation
import TestSupport
import Testing

@testable import Pricing

/// Shared helpers: the shipped tables, fixture copies in scratch folders, text edits.
enum Support {
    static let readDay = CalendarDay("2026-11-28")!

    static func shippedTables() throws -> PricingTables {
        try PricingTables.load(from: PricingTables.shippedDirectory, displayPath: "PricingTables")
    }

    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    /// A fresh scratch folder holding a copy of `source` (a tables directory).
    static func copy(_ source: URL) throws -> URL {
        let target = Scratch.path("pricing")
        // Resolve first: copying a symbolic link would copy the link, and edits would reach the original.
        try FileManager.default.copyItem(at: source.resolvingSymlinksInPath(), to: target)
        return target
    }

    static func fixtureTablesCopy() throws -> URL {
        try copy(fixtures.appendingPathComponent("tables"))
    }

    /// Replaces the whole of line `line` (1-based) of `relative` in `directory`.
    static func replaceLine(_ line: Int, of relative: String, in directory: URL, with text: String) throws {
        let url = directory.appendingPathComponent(relative)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = text
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func line(_ line: Int, of relative: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8).components(
            separatedBy: "\n")[line - 1]
    }

    static func appendLine(_ text: String, to relative: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(relative)
        let existing = try String(contentsOf: url, encoding: .utf8)
        try (existing + text + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// The issues loading `directory` reports (empty when it loads).
    static func loadIssues(_ directory: URL) -> [TableIssue] {
        do {
            _ = try PricingTables.load(from: directory, displayPath: "T")
            return []
        } catch PricingError.invalidTables(let issues) {
            return issues
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    static func dollars(_ amount: Decimal) -> String { MoneyText.usd(amount, .halfUpToCents) }

    static let terabyte: Decimal = 1_000_000_000_000
}

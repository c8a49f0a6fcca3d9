import ArgumentParser
import Foundation
import Pricing

/// `trailmeter pricing ...`: check, show and import the pricing tables.
struct PricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Validate, show and import the pricing tables (PricingTables/).",
        subcommands: [PricingValidateCommand.self, PricingShowCommand.self, PricingImportCommand.self]
    )
}

/// What the pricing subcommands share: finding the tables, parsing dates, reporting errors.
enum PricingCLI {
    static func tablesURL(_ path: String?) -> (url: URL, shown: String) { PricingLocation.directory(given: path) }

    /// The `--date` value, or today in UTC.
    static func day(_ text: String?) throws -> CalendarDay {
        guard let text else { return today() }
        guard let day = CalendarDay(text) else {
            throw ValidationError("--date expects yyyy-MM-dd, found '\(text)'")
        }
        return day
    }

    static func today() -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    static func convention(_ text: String?) throws -> ByteConvention? {
        guard let text else { return nil }
        guard let value = ByteConvention(rawValue: text) else {
            throw ValidationError("--units expects decimal or binary, found '\(text)'")
        }
        return value
    }

    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

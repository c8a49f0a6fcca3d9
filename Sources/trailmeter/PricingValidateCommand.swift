import ArgumentParser
import Pricing

/// `trailmeter pricing validate [DIR]`: load the tables and report every problem with file:line.
struct PricingValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the pricing tables; print each problem as file:line and exit 65 if any."
    )

    @Argument(help: "The tables directory (default: $TRAILMETER_PRICING, else the tables installed with TrailMeter).")
    var directory: String?

    @Option(
        name: .customLong("region"),
        help: "A region every item must have a rate for (repeatable; default: every region in the tables).")
    var regions: [String] = []

    @Option(help: "The day the rates must be in effect, yyyy-MM-dd (default: today, UTC).")
    var date: String?

    func run() throws {
        let day = try PricingCLI.day(date)
        let (url, shown) = PricingCLI.tablesURL(directory)
        try reportingErrors {
            let tables = try PricingTables.load(from: url, displayPath: shown)
            let asked = regions.isEmpty ? tables.regions : regions
            try tables.requireRates(regions: asked, on: day)
            let unpublished = tables.rows.filter { $0.price == .unpublished }.count
            let files = Set(tables.rows.map(\.location.file)).count
            PricingCLI.printLine(
                "\(shown): valid. \(tables.rows.count) rate rows in \(files) files; every item has a rate in "
                    + "\(asked.joined(separator: ", ")) on \(day); \(unpublished) rows marked unpublished.")
        }
    }
}

import ArgumentParser
import Pricing

/// `trailmeter pricing show --region R [--date D]`: the rates in effect, the rules and FX dates.
struct PricingShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the rates in effect in a region on a day, with the billing rules."
    )

    @Option(help: "The AWS region, e.g. us-east-1.")
    var region: String

    @Option(help: "The day, yyyy-MM-dd (default: today, UTC).")
    var date: String?

    @Option(help: "The tables directory (default: $TRAILMETER_PRICING, else the tables installed with TrailMeter).")
    var dir: String?

    @Option(help: "Byte units for sizes: decimal or binary (default: the tables' byte_units.default).")
    var units: String?

    func run() throws {
        let day = try PricingCLI.day(date)
        let convention = try PricingCLI.convention(units)
        let (url, shown) = PricingCLI.tablesURL(dir)
        try reportingErrors {
            let tables = try PricingTables.load(from: url, displayPath: shown)
            guard tables.regions.contains(region) else {
                throw ValidationError(
                    "no rows for region '\(region)' in \(shown); regions present: \(tables.regions.joined(separator: ", "))"
                )
            }
            PricingCLI.printLine(PricingReport.render(tables, region: region, on: day, convention: convention))
        }
    }
}

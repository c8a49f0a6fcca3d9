import ArgumentParser
import Foundation
import Pricing

/// `trailmeter pricing import FILE --region R`: fill table rows from an AWS Price List offer file.
struct PricingImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Write or update table rows from an AWS Price List offer file (JSON or CSV; AWSCloudTrail, AmazonAthena, AmazonS3)."
    )

    @Argument(help: "The offer file (index.json or index.csv of one service).")
    var file: String

    @Option(help: "The region whose prices to import, e.g. ap-northeast-1.")
    var region: String

    @Option(help: "The tables directory (default: $TRAILMETER_PRICING, else the tables installed with TrailMeter).")
    var dir: String?

    @Option(help: "The URL to record as the rows' source (default: the offer file's bulk-API address).")
    var sourceURL: String?

    func run() throws {
        let (url, shown) = PricingCLI.tablesURL(dir)
        try reportingErrors {
            let offer = try OfferFile.read(URL(fileURLWithPath: file), displayPath: file)
            var tables = try PricingTables.load(from: url, displayPath: shown)
            let summary = try tables.importOffer(
                offer, region: region, directoryDisplayPath: shown, sourceURL: sourceURL)
            let issues = tables.validationIssues()
            if !issues.isEmpty { throw PricingError.invalidTables(issues) }
            try tables.write(to: url)
            _ = try PricingTables.load(from: url, displayPath: shown)
            for line in summary.report { PricingCLI.printLine(line) }
        }
    }
}

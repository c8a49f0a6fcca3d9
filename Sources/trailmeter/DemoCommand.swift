import ArgumentParser
import CloudTrail
import Foundation
import TrailStore

/// `trailmeter demo`: the embedded default until the monthly comparison lands: generate a
/// sample trail (cached), ingest it into a store and show what is inside.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a sample trail (cached under .trailmeter/demo), ingest it and show what the store holds.")

    @Option(help: "Where the sample trail and its store are kept.")
    var workDirectory = ".trailmeter/demo"

    func run() throws {
        let spec = SampleTrailSpec(days: 14, eventsPerDay: 20_000)
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let corpus = try SampleCorpus.ensure(spec, under: workDirectory, log: printError).folder
        let store = workDirectory + "/demo.tmstore"
        try reportingErrors {
            let storeFile = try StoreFile.openForWriting(store, settings: nil)
            let report = try Ingestor(store: storeFile).ingest([corpus])
            print(IngestReportText.render(report, store: store))
            print("")
            print(StoreSummaryText.render(try StoreSummary.of(storeFile), store: store))
        }
    }
}

import CloudTrail
import Foundation
import Pricing
import QueryEngine
import TestSupport
import TrailStore

@testable import Planning

/// A small generated trail (2022-01-20 to 23, 2,000 events a day) ingested once per test run,
/// and the tests' own copy of the pricing tables (`Fixtures/PricingTables`), so that editing the
/// shipped, user-editable tables never moves a test's figures.
enum PlanningFixture {
    static let clock = QueryClock.fixed("2022-01-24T00:00:00Z")!

    struct Built: @unchecked Sendable {
        let directory: URL
        let storePath: String
    }

    static let built: Built = {
        let directory = Scratch.directory("planning")
        let trail = directory.appendingPathComponent("trail")
        _ = try! SampleTrailGenerator.write(
            SampleTrailSpec(days: 4, eventsPerDay: 2000, start: TrailDate(year: 2022, month: 1, day: 20)), to: trail)
        // Beside the store, so `compare` run in that folder names its rate sources `PricingTables/…`.
        try! FileManager.default.copyItem(at: tablesDirectory, to: directory.appendingPathComponent("PricingTables"))
        let storePath = directory.appendingPathComponent("sample.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(storePath, settings: nil)).ingest([trail.path])
        return Built(directory: directory, storePath: storePath)
    }()

    static let tablesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/PricingTables")

    static let tables: PricingTables = try! PricingTables.load(from: tablesDirectory, displayPath: "PricingTables")

    /// The default scenario from a fixed start month.
    static var scenario: Scenario {
        var scenario = DefaultScenario.scenario
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        return scenario
    }

    static func project(_ scenario: Scenario) throws -> Projection {
        try Comparison.run(
            scenario, storeAt: built.storePath, sampleSource: "the test trail", tables: tables, clock: clock,
            limits: .unlimited, log: { _ in })
    }
}

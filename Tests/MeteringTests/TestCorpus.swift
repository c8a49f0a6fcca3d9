import CloudTrail
import Foundation
import Metering
import QueryEngine
import TestSupport
import TrailStore

/// A generated two-day trail (2022-01-21 and 22, 3,000 events a day, three regions) ingested
/// into a store once per test run, shared read-only by the tests.
enum TestCorpus {
    static let clock = QueryClock.fixed("2022-01-23T00:00:00Z")!

    struct Built: @unchecked Sendable {
        let directory: URL
        let storePath: String
    }

    static let built: Built = build(
        SampleTrailSpec(days: 2, eventsPerDay: 3000, start: TrailDate(year: 2022, month: 1, day: 21)))

    /// Six days from 2022-01-01, 600 events a day: for pruning in proportion to a window.
    static let sixDays: Built = build(
        SampleTrailSpec(days: 6, eventsPerDay: 600, start: TrailDate(year: 2022, month: 1, day: 1)))

    private static func build(_ spec: SampleTrailSpec) -> Built {
        let directory = Scratch.directory("metering-corpus")
        let trail = directory.appendingPathComponent("trail")
        _ = try! SampleTrailGenerator.write(spec, to: trail)
        let storePath = directory.appendingPathComponent("corpus.tmstore").path
        let store = try! StoreFile.openForWriting(storePath, settings: nil)
        _ = try! Ingestor(store: store).ingest([trail.path])
        return Built(directory: directory, storePath: storePath)
    }

    static func open(_ table: AthenaTableKind = .unpartitioned) throws -> MeteredStore {
        try MeteredStore(path: built.storePath, athenaTable: table, clock: clock)
    }

    /// The five queries of the article, verbatim.
    static let articleQueries = ArticleQueries.all
}

import CloudTrail
import Foundation
import Metering
import Planning
import QueryEngine
import TestSupport
import TrailStore

/// A generated trail in a scratch folder, ingested into stores beside it.
struct GeneratedTrail {
    let root = Scratch.directory("generated-trail")

    init(_ spec: SampleTrailSpec) throws {
        _ = try SampleTrailGenerator.write(spec, to: root.appendingPathComponent("trail"))
    }

    /// Ingests the trail (a `sample` of it, when given) into a new store `name`; returns its path.
    func ingest(_ name: String, sample: SampleSpec?) throws -> String {
        let path = root.appendingPathComponent(name).path
        var options = IngestOptions()
        options.sample = sample
        _ = try Ingestor(store: try StoreFile.openForWriting(path, settings: nil), options: options)
            .ingest([root.appendingPathComponent("trail").path])
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The article's five queries as a workload, each once a day, and their measurement on a store.
enum ArticleWorkload {
    static let queries = ArticleQueries.all.enumerated().map { index, sql in
        WorkloadQuery(name: "article \(index + 1)", sql: sql, frequency: Frequency(count: 1, per: .day), origin: "test")
    }

    static func measure(_ path: String, table: AthenaTableKind, clock: QueryClock) throws -> [QueryMeasurement] {
        try WorkloadMeasurer.measure(queries, storeAt: path, scenarioTable: table, clock: clock, limits: .unlimited)
            .queries
    }
}

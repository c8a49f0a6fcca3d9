import CloudTrail
import Foundation
import Metering
import Pricing
import QueryEngine
import TrailStore

/// The whole comparison: measure the workload on a store, project the scenario, price it.
public enum Comparison {
    /// The embedded sample's store under `directory`, generated and ingested the first time
    /// (a marker file says the store is complete, so an interrupted ingest is redone).
    public static func embeddedStore(under directory: String, log: (String) -> Void) throws(PlanningError) -> String {
        let store = directory + "/sample.tmstore"
        // The marker names the store format it was made with: a store made before per-event sizes
        // were kept (which the event-window meter needs) is made again.
        let marker = store + ".complete-event-sizes"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // A store cached by an older TrailMeter (another store format) is built again.
            if FileManager.default.fileExists(atPath: marker), (try? StoreFile.openForReading(store)) != nil {
                return store
            }
            let corpus = try SampleCorpus.ensure(DefaultScenario.sample, under: directory, log: log).folder
            try? FileManager.default.removeItem(atPath: store)
            log("ingesting the sample trail into \(store) ...")
            _ = try Ingestor(store: try StoreFile.openForWriting(store, settings: nil)).ingest([corpus])
            try Data(corpus.utf8).write(to: URL(fileURLWithPath: marker))
            return store
        } catch {
            throw .sample("cannot prepare the embedded sample under \(directory): \(error)")
        }
    }

    /// Measures `scenario`'s workload on the store at `storePath` and prices the projection.
    /// `sampleSource` names the sample in the report (a path, or "the embedded sample trail").
    ///
    /// Every workload query runs under `limits`; one they stop fails the comparison naming it.
    /// (SQLite's heap limit is process-wide: a program that shares its process passes `.unlimited`.)
    ///
    /// `clock` is what `now()` means and the day the default horizon starts after. Without one,
    /// `now()` is the end of the sample (so `now() - interval '1' day` reads the sample's last day,
    /// as it would read the last day of live logs) and the horizon starts after the system's today.
    public static func run(
        _ scenario: Scenario, storeAt storePath: String, sampleSource: String, tables: PricingTables,
        clock: QueryClock?, limits: QueryLimits, log: (String) -> Void
    ) throws(PlanningError) -> Projection {
        var scenario = scenario
        guard !scenario.workload.isEmpty else {
            throw .invalidOption(
                option: "workload",
                problem: "the scenario has no queries (give `workload:` in the scenario or --workload FILE)")
        }
        var sample = try SampleProfile.of(storeAt: storePath)
        sample.source = sampleSource
        let today = CalendarDay(daysSinceEpoch: Int((clock ?? .system).now() / 86_400_000))
        if scenario.startMonth == nil {
            guard today.year < 9999 || today.month < 12 else {
                throw .invalidOption(option: "--now", problem: "\(today) leaves no month after it in the calendar")
            }
            scenario.startMonth = today.lastOfMonth.adding(days: 1)
        }
        try scenario.checkBounds()
        let sampleEnd = sample.lastEventMs + 1
        let clock = clock ?? QueryClock { sampleEnd }
        log("measuring \(scenario.workload.count) queries on \(sampleSource) ...")
        let workload = try WorkloadMeasurer.measure(
            scenario.workload, storeAt: storePath, scenarioTable: scenario.athenaTable,
            definition: scenario.athenaDefinition, clock: clock, limits: limits)
        let confidence = try SampleConfidence.of(storeAt: storePath)
        log("projecting \(scenario.months) months ...")
        return try project(
            scenario, sample: sample, measurements: workload.queries, confidence: confidence, tables: tables,
            now: clock.now(), athenaLocationNote: workload.athenaLocationNote)
    }

    /// Prices `scenario` from `measurements` taken on a store whose profile is `sample` and whose
    /// sample record is `confidence`: the full trail's figures at the estimate, and, for a
    /// sampled store, at every ratio's low and high end, whose line ends bound the totals.
    /// `athenaLocationNote` says what the user's Athena table reads, when its LOCATION restricts it.
    public static func project(
        _ scenario: Scenario, sample: SampleProfile, measurements: [QueryMeasurement], confidence: SampleConfidence,
        tables: PricingTables, now: Int64, athenaLocationNote: String? = nil
    ) throws(PlanningError) -> Projection {
        func project(_ bound: EstimateBound) throws(PlanningError) -> Projection {
            let full = confidence.expanded(sample, measurements, at: bound)
            return try Projector(
                scenario: scenario, sample: full.profile, measurements: full.measurements, tables: tables, now: now
            ).project()
        }
        var projection = try project(.value)
        // The user's table reads only what lies under its LOCATION: say so once, with the files
        // it leaves out, since every Athena figure of the comparison follows from it.
        if let note = athenaLocationNote { projection.basis.append(note + ".") }
        guard confidence.isSampled else { return projection }
        try projection.bound(between: try project(.low), and: try project(.high))
        projection.sampleShare = confidence.share
        if let line = confidence.basisLine { projection.basis.append(line) }
        return projection
    }
}

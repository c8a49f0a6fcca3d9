import CloudTrail
import Foundation
import Metering
import Pricing
import QueryEngine
import TrailMeterCore
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
    ///
    /// `log` is told the progress; `warn` what the user should know whatever the terminal (a
    /// catalog that ends long before the horizon).
    public static func run(
        _ scenario: Scenario, storeAt storePath: String, sampleSource: String, tables: PricingTables,
        clock: QueryClock?, growthGiven: Bool? = nil, historyGiven: Bool = false, limits: QueryLimits,
        log: (String) -> Void, warn: (String) -> Void = { _ in }
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
        let history = try applyVolumeHistory(
            to: &scenario, storeAt: storePath, growthGiven: growthGiven, historyGiven: historyGiven, warn: warn)
        log("measuring \(scenario.workload.count) queries on \(sampleSource) ...")
        let workload = try WorkloadMeasurer.measure(
            scenario.workload, storeAt: storePath, scenarioTable: scenario.athenaTable,
            definition: scenario.athenaDefinition, clock: clock, limits: limits)
        let confidence = try SampleConfidence.of(storeAt: storePath)
        log("projecting \(scenario.months) months ...")
        var projection = try project(
            scenario, sample: sample, measurements: workload.queries, confidence: confidence, tables: tables,
            now: clock.now(), athenaLocationNote: workload.athenaLocationNote)
        if let history { projection.basis.insert(history, at: min(2, projection.basis.count)) }
        if let origins = try catalogOriginsBasis(storeAt: storePath) {
            projection.basis.insert(origins, at: min(1, projection.basis.count))
        }
        return projection
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
        if confidence.isSampled {
            try projection.bound(between: try project(.low), and: try project(.high))
            projection.sampleShare = confidence.share
            if let line = confidence.basisLine { projection.basis.append(line) }
        }
        return projection
    }

    /// What the basis must say about the catalog's bytes: files known only from a listing, and
    /// plain-JSON files billed at an estimated gzip size; nil when neither is there.
    static func catalogOriginsBasis(storeAt path: String) throws(PlanningError) -> String? {
        let origins: CatalogOrigins
        do { origins = try CatalogOrigins.of(StoreFile.openForReading(path)) } catch {
            throw .sample("cannot read the catalog of \(path): \(error)")
        }
        var parts: [String] = []
        if origins.listedFiles > 0 {
            parts.append(
                "\(MoneyText.count(Decimal(origins.listedFiles))) files (\(Figure.bytes(Decimal(origins.listedBytes)))) known from a bucket listing, sizes only: the raw layout plans them by their listed sizes"
            )
        }
        if origins.estimatedFiles > 0 {
            parts.append(
                "\(MoneyText.count(Decimal(origins.estimatedFiles))) files were plain JSON on disk: their \(Figure.bytes(Decimal(origins.estimatedBytes))) is an estimate, the size of their gzip at level \(BilledSize.gzipLevel) as CloudTrail stores them, not their size on disk"
            )
        }
        return parts.isEmpty ? nil : "Catalog: " + parts.joined(separator: "; ") + "."
    }

    /// With a catalog spanning months (a bucket listing), takes the first month's volume and the
    /// growth from it when the scenario leaves them to the sample (volume `sample`; growth not
    /// given: `growthGiven`, or when unknown, a growth of zero), and with the volume the months of
    /// logs already in the bucket (from the catalog's first day, at the fitted daily bytes) unless
    /// `historyGiven`; returns the basis line saying
    /// so, nil when the catalog is too short or both were given.
    public static func applyVolumeHistory(
        to scenario: inout Scenario, storeAt path: String, growthGiven: Bool? = nil, historyGiven: Bool = false,
        warn: (String) -> Void = { _ in }
    ) throws(PlanningError) -> String? {
        let takeVolume = scenario.volume == .sample
        let takeGrowth = takeVolume && !(growthGiven ?? (scenario.monthlyGrowth != 0))
        guard takeVolume || takeGrowth, let history = try VolumeHistory.of(storeAt: path),
            let start = scenario.startMonth?.daysSinceEpoch
        else { return nil }
        if takeVolume {
            // The projection's first month at the fitted rate, as bytes per month of 365/12 days.
            let date = CivilCalendar.date(daysSinceEpoch: start)
            let daily =
                history.monthBytes(containing: start) / Double(CivilCalendar.daysIn(month: date.month, year: date.year))
            // Whole megabytes: the fit is not finer than that.
            scenario.volume = .gzipBytesPerMonth(
                (Decimal(string: String(format: "%.0f", daily * 365 / 12 / 1e6)) ?? 0) * 1_000_000)
        }
        if takeGrowth {
            scenario.monthlyGrowth = Decimal(string: String(format: "%.6f", history.monthlyGrowth)) ?? 0
        }
        if let gap = history.staleness(horizonStart: start) { warn(gap) }
        if takeVolume && !historyGiven {
            // Whole months from the catalog's first to the horizon's, as `historyMonths` counts them.
            let first = CivilCalendar.date(daysSinceEpoch: history.firstDay)
            let horizon = CivilCalendar.date(daysSinceEpoch: start)
            let months = min(120, max(0, (horizon.year - first.year) * 12 + horizon.month - first.month))
            let days = Scenario.historyDays(months: months, before: CalendarDay(daysSinceEpoch: start))
            scenario.historyMonths = months
            scenario.historyDailyBytes = (start - days..<start).map { day in
                day < history.firstDay
                    ? 0 : Decimal(string: String(format: "%.0f", history.dailyBytes(onDay: day))) ?? 0
            }
        }
        return history.basis(horizonStart: start, usedVolume: takeVolume, usedGrowth: takeGrowth)
    }
}

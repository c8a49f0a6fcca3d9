import Metering
import QueryEngine

/// The store a calibration runs executions on, opened once per Athena table: the console's
/// table, the projected table, and each table the user defined (`calibrate --athena-ddl`), every
/// one viewed as of the execution it runs.
final class CalibrationStores {
    let path: String
    private let clock = SettableClock()
    private let builtIn: [AthenaTableKind: MeteredStore]
    private let definitions: [AthenaTableDefinition]
    private var defined: [String: MeteredStore] = [:]

    init(path: String, definitions: [AthenaTableDefinition]) throws(PlanningError) {
        self.path = path
        self.definitions = definitions
        do {
            builtIn = [
                .unpartitioned: try MeteredStore(path: path, athenaTable: .unpartitioned, clock: clock.queryClock),
                .projected: try MeteredStore(path: path, athenaTable: .projected, clock: clock.queryClock),
            ]
        } catch {
            throw .sampleStore(path: path, cause: error)
        }
    }

    /// Runs Lake SQL as of `instant` (now() then too), counting the rows it streams.
    func lake(_ sql: String, at instant: Int64, limits: QueryLimits) throws(MeteringError) -> MeteredResult {
        let store = try view(builtIn[.unpartitioned]!, at: instant)
        return try store.stream(sql, dialect: .lake, limits: limits) { _ in }
    }

    /// Runs Athena SQL as of `instant` on the table it names when the user defined it, else on
    /// the console's table, then the projected one; the first error is thrown when neither runs it.
    func athena(_ sql: String, at instant: Int64, limits: QueryLimits) throws(MeteringError) -> (
        CalibratedAthenaTable, MeteredResult
    ) {
        if let definition = definitions.first(where: { $0.isNamed(in: sql) }) {
            let store: MeteredStore
            if let open = defined[definition.tableName] {
                store = open
            } else {
                store = try MeteredStore(path: path, athenaDefinition: definition, clock: clock.queryClock)
                defined[definition.tableName] = store
            }
            let result = try view(store, at: instant).stream(sql, dialect: .athena, limits: limits) { _ in }
            return (.defined(name: definition.tableName), result)
        }
        var failure: MeteringError?
        for kind in [AthenaTableKind.unpartitioned, .projected] {
            do {
                let store = try view(builtIn[kind]!, at: instant)
                return (.builtIn(kind), try store.stream(sql, dialect: .athena, limits: limits) { _ in })
            } catch {
                if case .limitExceeded = error { throw error }
                if failure == nil { failure = error }
            }
        }
        throw failure!
    }

    private func view(_ store: MeteredStore, at instant: Int64) throws(MeteringError) -> MeteredStore {
        clock.ms = instant
        try store.view(asOf: instant)
        return store
    }
}

/// A clock whose time the calibrator moves to each execution's submission (the stores keep the clock).
final class SettableClock: @unchecked Sendable {
    var ms: Int64 = 0
    var queryClock: QueryClock { QueryClock { [self] in self.ms } }
}

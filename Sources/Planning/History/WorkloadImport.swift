import CloudTrail
import Foundation
import Metering
import Pricing
import QueryEngine

/// One query of the history: its executions grouped by `QueryShape`, with how often it succeeded.
public struct ImportedQuery: Sendable, Equatable {
    /// A unique name for the workload (`athena query 1`).
    public var name: String
    public var service: HistoryService
    public var shape: String
    /// The SQL of the latest succeeded execution (the latest of any outcome when none succeeded).
    public var sql: String
    /// Submission times of the succeeded executions, oldest first.
    public var succeededMs: [Int64]
    public var failed: Int
    public var cancelled: Int
    /// Succeeded executions that reused a previous result (Athena scanned and billed nothing):
    /// not in `succeededMs`, so not counted as runs.
    public var reused = 0
    public var unfinished: Int
    /// The first and last submission of any outcome: the window the query was observed in.
    public var firstSubmittedMs: Int64
    public var lastSubmittedMs: Int64
    /// Succeeded runs over the history's days; nil when the query never succeeded.
    public var frequency: Frequency?
    /// Why TrailMeter cannot run the query (it is then left out of the workload); nil when it can.
    public var unsupported: String?
    /// True for Athena SQL that names the partition-projection table's columns (`timestamp`).
    public var needsProjectedTable: Bool
    /// For a statement that writes its query's result (`INSERT INTO t SELECT ...`), what it
    /// writes: `sql` is then that query, which Athena bills the scan of.
    public var writes: String? = nil

    /// Executions of every outcome.
    public var executions: Int { succeededMs.count + reused + failed + cancelled + unfinished }
}

/// The workload a query history implies: each query, how often it ran per day (or month) over
/// the days the history covers, and the window each was observed in.
public struct ImportedWorkload: Sendable {
    public var queries: [ImportedQuery]
    /// The UTC days from the first to the last submission in the whole history, inclusive: the
    /// period every query's runs are counted over (a query run once in 45 days ran once in 45 days).
    public var firstDay: CalendarDay
    public var lastDay: CalendarDay
    /// The files read, for the header.
    public var sources: [String]
    /// What the executions read (`HistoryTables.censusLines`), for the header.
    public var sourceCensus: [String] = []

    /// Days in the history's period.
    public var days: Int { lastDay.daysSinceEpoch - firstDay.daysSinceEpoch + 1 }

    /// The queries the workload file runs (those TrailMeter can run that succeeded at least once).
    public var runnable: [ImportedQuery] { queries.filter { $0.unsupported == nil && $0.frequency != nil } }

    /// The workload file (`workload:` only; the format `compare --workload` reads), with the
    /// history's figures in comments and the queries left out listed with their reasons.
    public func yaml() -> String {
        let all = queries.reduce(into: [ExecutionOutcome: Int]()) { counts, query in
            counts[.succeeded, default: 0] += query.succeededMs.count + query.reused
            counts[.failed, default: 0] += query.failed
            counts[.cancelled, default: 0] += query.cancelled
            counts[.unfinished, default: 0] += query.unfinished
        }
        var lines = [
            "# Imported by `trailmeter workload import` from \(sources.joined(separator: ", ")).",
            "# \(queries.reduce(0) { $0 + $1.executions }) executions of \(queries.count) queries from \(firstDay) to \(lastDay) (\(days) days): \(all[.succeeded] ?? 0) succeeded, \(all[.failed] ?? 0) failed, \(all[.cancelled] ?? 0) cancelled, \(all[.unfinished] ?? 0) unfinished.",
            "# runs: the succeeded executions over those \(days) days, per day (or per month of 365/12 days when under one a day);",
            "# failed and cancelled executions are counted apart and not run.",
        ]
        let reused = queries.reduce(0) { $0 + $1.reused }
        if reused > 0 {
            lines.append(
                "# \(reused) succeeded Athena executions reused a previous result: Athena scanned and billed nothing for them, so they are not counted as runs."
            )
        }
        lines += sourceCensus.map { "# " + $0 }
        if runnable.contains(where: \.needsProjectedTable) {
            lines.append(
                "# Some Athena queries name the partition-projection table's columns: compare with --athena-table projected."
            )
        }
        lines.append(runnable.isEmpty ? "workload: []" : "workload:")
        for query in runnable {
            lines.append("  # \(observation(query))")
            lines.append("  # shape: \(Self.oneLine(query.shape))")
            if let writes = query.writes {
                lines.append("  # \(Self.oneLine(writes)): its query is run, as Athena bills the scan of it")
            }
            lines.append("  - name: \(EventJSON.quoted(query.name))")
            lines.append("    dialect: \(query.service.dialect.rawValue)")
            lines.append("    runs: \(Self.frequencyText(query.frequency!))")
            lines.append("    sql: |")
            let sql = query.sql.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
                in: .whitespacesAndNewlines)
            for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                lines.append(trimmed.isEmpty ? "" : "      " + trimmed)
            }
        }
        let left = queries.filter { $0.unsupported != nil || $0.frequency == nil }
        if !left.isEmpty {
            lines.append("")
            lines.append("# Not in the workload (kept here with the reason):")
            for query in left {
                lines.append("#   \(query.name): \(observation(query))")
                lines.append("#     reason: \(Self.oneLine(query.unsupported ?? "no execution succeeded"))")
                lines.append("#     shape: \(Self.oneLine(query.shape))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func observation(_ query: ImportedQuery) -> String {
        let span = Decimal(query.lastSubmittedMs - query.firstSubmittedMs) / 86_400_000
        return
            "\(query.service.title): \(query.succeededMs.count + query.reused) succeeded\(query.reused > 0 ? " (\(query.reused) reused a previous result)" : ""), \(query.failed) failed, \(query.cancelled) cancelled, \(query.unfinished) unfinished; observed \(EventTime.iso(query.firstSubmittedMs)) to \(EventTime.iso(query.lastSubmittedMs)) (\(Figure.number(span)) days)"
    }

    /// `text` on one line, so it stays inside a YAML comment (a literal or a message may hold newlines).
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `2.5/day`, `0.68/month`: the spelling `ScenarioValues.frequency` reads back.
    static func frequencyText(_ frequency: Frequency) -> String {
        "\(frequency.count)/\(frequency.period.rawValue)"
    }
}

/// Groups query executions into the workload they imply.
public enum WorkloadImporter {
    /// The workload of `executions`; `sources` names the files in the header. Queries of tables
    /// or event data stores outside `tables` are listed as left out.
    public static func workload(
        _ executions: [QueryExecution], sources: [String], tables: HistoryTables = HistoryTables()
    ) throws(PlanningError) -> ImportedWorkload {
        guard let first = executions.map(\.submittedMs).min(), let last = executions.map(\.submittedMs).max() else {
            throw .invalidHistory(
                file: sources.joined(separator: ", "), record: "", problem: "holds no query executions")
        }
        let firstDay = CalendarDay(daysSinceEpoch: Int((Double(first) / 86_400_000).rounded(.down)))
        let lastDay = CalendarDay(daysSinceEpoch: Int((Double(last) / 86_400_000).rounded(.down)))
        let days = Decimal(lastDay.daysSinceEpoch - firstDay.daysSinceEpoch + 1)
        var groups: [String: [QueryExecution]] = [:]
        var order: [String] = []
        for execution in executions.sorted(by: { $0.submittedMs < $1.submittedMs }) {
            let key = execution.service.rawValue + "\u{0}" + QueryShape.of(execution.sql)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(execution)
        }
        var queries = order.map { key in query(groups[key]!, days: days, tables: tables) }
        // The queries the workload runs first, most run first; ties in order of first appearance.
        func rank(_ query: ImportedQuery) -> Int {
            query.unsupported == nil && !query.succeededMs.isEmpty ? query.succeededMs.count : -1
        }
        queries = queries.enumerated().sorted {
            (rank($1.element), $0.offset) < (rank($0.element), $1.offset)
        }.map(\.element)
        var numbers: [HistoryService: Int] = [:]
        for index in queries.indices {
            let service = queries[index].service
            numbers[service, default: 0] += 1
            queries[index].name = "\(service.rawValue) query \(numbers[service]!)"
        }
        return ImportedWorkload(
            queries: queries, firstDay: firstDay, lastDay: lastDay, sources: sources,
            sourceCensus: tables.censusLines(executions))
    }

    private static func query(_ executions: [QueryExecution], days: Decimal, tables: HistoryTables) -> ImportedQuery {
        let succeeded = executions.filter { $0.outcome == .succeeded }
        let billed = succeeded.filter { !$0.reusedResult }
        let representative = succeeded.last ?? executions.last!
        let count = { (outcome: ExecutionOutcome) in executions.filter { $0.outcome == outcome }.count }
        var (unsupported, needsProjected) = runnability(representative)
        if let otherTable = tables.reasonToLeaveOut(representative) {
            (unsupported, needsProjected) = (otherTable, false)
        }
        if unsupported == nil, billed.isEmpty, !succeeded.isEmpty {
            unsupported =
                "each of its \(succeeded.count) succeeded executions reused a previous result: Athena scanned nothing"
        }
        let writing = representative.writing
        return ImportedQuery(
            name: "", service: representative.service, shape: QueryShape.of(representative.sql),
            sql: writing?.query ?? representative.sql, succeededMs: billed.map(\.submittedMs),
            failed: count(.failed),
            cancelled: count(.cancelled), reused: succeeded.count - billed.count, unfinished: count(.unfinished),
            firstSubmittedMs: executions.first!.submittedMs, lastSubmittedMs: executions.last!.submittedMs,
            frequency: billed.isEmpty ? nil : frequency(runs: billed.count, days: days),
            unsupported: unsupported, needsProjectedTable: needsProjected,
            writes: writing.map { "\($0.kind) \($0.target)" })
    }

    /// Runs a day when at least one a day, else runs a month (of 365/12 days), to two decimals.
    static func frequency(runs: Int, days: Decimal) -> Frequency {
        let perDay = Decimal(runs) / days
        if perDay >= 1 { return Frequency(count: rounded(perDay), per: .day) }
        return Frequency(count: max(rounded(perDay * 365 / 12), Decimal(string: "0.01")!), per: .month)
    }

    private static func rounded(_ value: Decimal) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, 2, .plain)
        return result
    }

    /// Why TrailMeter cannot run `execution`'s SQL (nil when it can), and whether it needs the
    /// projected Athena table.
    static func runnability(_ execution: QueryExecution) -> (String?, Bool) {
        if let type = execution.statementType, type != "DML" {
            return ("a \(type) statement (Athena StatementType \(type)): it reads no CloudTrail events", false)
        }
        func translate(_ partitions: [String]) -> QueryError? {
            let translator = Translator(
                tableName: MeteredStore.rawTableName, dialect: execution.service.dialect,
                clock: QueryClock { execution.submittedMs }, athenaPartitions: partitions)
            do {
                _ = try translator.translate(execution.meteredSQL)
                return nil
            } catch { return error }
        }
        guard let error = translate(AthenaTableKind.unpartitioned.partitionColumns) else { return (nil, false) }
        if execution.service == .athena, translate(AthenaTableKind.projected.partitionColumns) == nil {
            return (nil, true)
        }
        return ("\(error)", false)
    }
}

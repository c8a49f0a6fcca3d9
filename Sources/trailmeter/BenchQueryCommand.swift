import ArgumentParser
import CloudTrail
import Foundation
import Metering
import QueryEngine
import SQLite
import TrailStore

/// `trailmeter bench query`: the article's five queries on a generated corpus of at least a
/// million events, per layout, beside DuckDB on the same gzip files and on a table loaded from them.
struct BenchQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Time the article queries per layout (median, bytes metered, rows) against DuckDB on the same files.")

    @Option(help: "Days in the generated corpus.")
    var days = 30
    @Option(help: "Events per day (whole trail).")
    var eventsPerDay = 40_000
    @Option(help: "Runs per query and layout to take the median of.")
    var runs = 3
    @Option(help: "Where the corpus is generated.")
    var corpusDirectory = ".trailmeter/bench-corpus"
    @Option(help: "The store ingested from the corpus (reused when present).")
    var store = ".trailmeter/bench.tmstore"
    @Option(help: "Metered/unmetered pairs per query for the metering overhead (median of the pairs' ratios).")
    var overheadPairs = 15
    @Flag(help: "Skip the raw layout's execution (it reads every file per query).")
    var noRaw = false
    @Flag(help: "Skip the DuckDB baselines.")
    var noDuckdb = false

    /// The article's queries, verbatim, and the same questions in DuckDB SQL over `events`.
    static let queries: [(name: String, sql: String, duckdb: String)] = [
        (
            "Q1 latest 100", ArticleQueries.newestEvents,
            "SELECT eventtime, username, eventname FROM events ORDER BY eventtime DESC LIMIT 100"
        ),
        (
            "Q2 RunInstances", ArticleQueries.runInstances,
            "SELECT eventtime, username, eventname FROM events WHERE eventname LIKE 'RunInstances' ORDER BY eventtime DESC LIMIT 100"
        ),
        (
            "Q3 ConsoleLogin", ArticleQueries.consoleLogins,
            "SELECT eventtime, username, eventname FROM events WHERE eventname LIKE 'ConsoleLogin' ORDER BY eventtime DESC LIMIT 100"
        ),
        (
            "Q4 Lake window", ArticleQueries.lakeWindow,
            "SELECT eventtime, username, eventsource, eventname, awsregion FROM events WHERE eventtime >= '2022-01-22T00:00:30Z' AND eventtime <= '2022-01-22T05:00:00Z' ORDER BY eventtime DESC LIMIT 1000"
        ),
        (
            "Q5 Lake user+region", ArticleQueries.lakeUserInRegion,
            "SELECT eventtime, eventsource, eventname, awsregion FROM events WHERE eventtime >= '2021-01-22T00:00:30Z' AND eventtime <= '2022-01-22T06:40:00Z' AND username LIKE 'Yuta0128' AND awsregion LIKE 'ap-northeast-1' ORDER BY eventtime DESC LIMIT 1000"
        ),
    ]

    func run() throws {
        #if DEBUG
            printError(
                "note: this is a debug build; benchmark figures need `swift run -c release trailmeter bench query`")
        #endif
        let spec = SampleTrailSpec(days: days, eventsPerDay: eventsPerDay)
        try FileManager.default.createDirectory(atPath: corpusDirectory, withIntermediateDirectories: true)
        let corpus = try SampleCorpus.ensure(spec, under: corpusDirectory, log: printError).folder
        let marker = store + ".complete"
        if !FileManager.default.fileExists(atPath: marker) {
            try? FileManager.default.removeItem(atPath: store)
            printError("ingesting \(corpus) into \(store) ...")
            _ = try Ingestor(store: try StoreFile.openForWriting(store, settings: nil)).ingest([corpus])
            try Data(corpus.utf8).write(to: URL(fileURLWithPath: marker))
        }
        let metered = try MeteredStore(path: store, clock: QueryClock.fixed("2022-01-31T00:00:00Z")!)
        let duck = noDuckdb ? nil : DuckDBBaseline.run(corpus: corpus, queries: Self.queries.map(\.duckdb), runs: runs)

        var lines = [
            "Query benchmark: \(formatCount(Int64(spec.days * spec.eventsPerDay))) events, \(formatCount(Int64(metered.fileCount))) files, \(formatCount(Int64(metered.chunkCount))) chunks; medians of \(runs) runs; \(ProcessInfo.processInfo.activeProcessorCount) cores; bytes in decimal units",
            "",
        ]
        lines.append(row("query", "layout", "median s", "bytes metered", "rows"))
        var overheads: [String] = []
        var allRatios: [Double] = []
        func percent(_ ratios: [Double]) -> String {
            ratios.isEmpty ? "-" : String(format: "%+.1f%%", (median(ratios) - 1) * 100)
        }
        for (index, query) in Self.queries.enumerated() {
            // One untimed run first (page cache, allocator), then metered and unmetered runs in
            // pairs, taking turns at going first: drift in the machine's load, which other builds
            // share, then falls on both sides instead of on whichever ran first.
            metered.isMetering = true
            var last: MeteredResult? = try metered.run(query.sql)
            var meteredTimes: [Double] = []
            var unmeteredTimes: [Double] = []
            for run in 0..<runs {
                for isMetering in run % 2 == 0 ? [true, false] : [false, true] {
                    metered.isMetering = isMetering
                    let seconds = try time {
                        let result = try metered.run(query.sql)
                        if isMetering { last = result }
                    }
                    if isMetering { meteredTimes.append(seconds) } else { unmeteredTimes.append(seconds) }
                }
            }
            // The overhead is the median of paired ratios: each pair runs back to back, so the
            // machine's drift cancels within a pair instead of between two medians.
            var ratios: [Double] = []
            for pair in 0..<overheadPairs {
                var pairTimes: [Bool: Double] = [:]
                for isMetering in pair % 2 == 0 ? [true, false] : [false, true] {
                    metered.isMetering = isMetering
                    pairTimes[isMetering] = try time { _ = try metered.run(query.sql) }
                }
                ratios.append(pairTimes[true]! / pairTimes[false]!)
            }
            allRatios += ratios
            metered.isMetering = true
            let columnar = median(meteredTimes)
            let unmetered = median(unmeteredTimes)
            let result = last!
            lines.append(
                row(
                    query.name, "columnar", seconds(columnar), formatCount(result.columnar.bytesScanned),
                    "\(result.rows.count)"))
            // The dry run beside it: the same statement metered from the chunk metadata, no rows.
            var dry: DryRunResult?
            let dryTime = try median((1...runs).map { _ in try time { dry = try metered.dryRun(query.sql) } })
            let agrees =
                dry!.columnar.bytesScanned == result.columnar.bytesScanned
                ? "" : " (run \(formatCount(result.columnar.bytesScanned)))"
            lines.append(
                row(
                    "", "dry run", String(format: "%.4f", dryTime), formatCount(dry!.columnar.bytesScanned) + agrees,
                    dry!.precision.rawValue))
            overheads.append(
                "\(query.name): metered \(seconds(columnar)) s, unmetered \(seconds(unmetered)) s; median of \(overheadPairs) paired ratios \(percent(ratios))"
            )
            if noRaw {
                lines.append(row("", "raw (planned)", "-", formatCount(result.raw.bytesScanned), "-"))
            } else {
                let translation = try metered.translate(query.sql, dialect: result.translation.dialect, layout: .raw)
                var rawResult: (rows: [[SQLiteValue]], measurement: ScanMeasurement)?
                let raw = try median((1...runs).map { _ in try time { rawResult = try metered.runRaw(translation) } })
                let same = rawResult!.rows == result.rows ? "" : " (ROWS DIFFER)"
                let planned =
                    rawResult!.measurement.bytesScanned == result.raw.bytesScanned
                    ? "" : " (planned \(formatCount(result.raw.bytesScanned)))"
                lines.append(
                    row(
                        "", "raw (verify)", seconds(raw), formatCount(rawResult!.measurement.bytesScanned) + planned,
                        "\(rawResult!.rows.count)\(same)"))
            }
            if let duck {
                for mode in ["gzip", "table"] {
                    if let figure = duck.figures[mode + "/\(index)"] {
                        lines.append(
                            row(
                                "", mode == "gzip" ? "DuckDB read_json" : "DuckDB table", seconds(figure.seconds), "-",
                                "\(figure.rows)"))
                    }
                }
            } else {
                lines.append(row("", "DuckDB", "not available", "-", "-"))
            }
        }
        if let duck {
            lines.append("")
            lines.append("DuckDB (2 threads) loaded the table in \(seconds(duck.loadSeconds)) s")
        }
        lines.append("")
        lines.append("Metering overhead (columnar, meter on vs off; runs in alternating pairs after one untimed run):")
        lines += overheads.map { "  " + $0 }
        lines.append("  all queries: median of \(allRatios.count) paired ratios \(percent(allRatios))")
        print(lines.joined(separator: "\n"))
    }

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private func row(_ columns: String...) -> String {
        let widths = [20, 17, 9, 24, 8]
        return zip(columns, widths).enumerated().map { index, pair in
            index < 2
                ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
        }.joined(separator: " ")
    }
}

/// DuckDB through `python3 -c`, when the duckdb module is importable: the queries over
/// `read_json` of the gzip files, then over a table loaded from them; two threads.
enum DuckDBBaseline {
    struct Figure {
        let seconds: Double
        let rows: Int
    }
    struct Figures {
        var figures: [String: Figure] = [:]
        var loadSeconds = 0.0
    }

    static func run(corpus: String, queries: [String], runs: Int) -> Figures? {
        guard ChildProcess.run(["python3", "-c", "import duckdb"])?.status == 0 else { return nil }
        let queryList = queries.map { "'''\($0)'''" }.joined(separator: ",\n")
        let script = """
            import duckdb, time, statistics
            con = duckdb.connect()
            con.execute("SET threads TO 2")
            con.execute("SET enable_progress_bar = false")  # gzip file handles cannot report progress
            con.execute(\"\"\"CREATE VIEW events AS SELECT r.eventTime AS eventtime, r.userIdentity.userName AS username,
                r.eventName AS eventname, r.eventSource AS eventsource, r.awsRegion AS awsregion
                FROM (SELECT unnest(Records) AS r FROM read_json('\(corpus)/AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz'))\"\"\")
            queries = [\(queryList)]
            def bench(mode):
                for i, q in enumerate(queries):
                    times = []
                    for _ in range(\(runs)):
                        start = time.perf_counter(); rows = con.execute(q).fetchall(); times.append(time.perf_counter() - start)
                    print(f"{mode}/{i} {statistics.median(times)} {len(rows)}", flush=True)
            bench("gzip")
            start = time.perf_counter()
            con.execute("CREATE TABLE loaded AS SELECT * FROM events")
            print(f"load {time.perf_counter() - start} 0", flush=True)
            con.execute("DROP VIEW events"); con.execute("ALTER TABLE loaded RENAME TO events")
            bench("table")
            """
        printError(
            "DuckDB baselines: the queries over the gzip files, then over a loaded table (this takes a while) ...")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("trailmeter-duckdb-\(getpid()).txt")
            .path
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard let run = ChildProcess.run(["python3", "-c", script], outputPath: output), run.status == 0,
            let text = try? String(contentsOfFile: output, encoding: .utf8)
        else {
            printError("DuckDB baseline failed; left out")
            return nil
        }
        var figures = Figures()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let seconds = Double(parts[1]), let rows = Int(parts[2]) else { continue }
            if parts[0] == "load" {
                figures.loadSeconds = seconds
            } else {
                figures.figures[String(parts[0])] = Figure(seconds: seconds, rows: rows)
            }
        }
        return figures
    }
}

import ArgumentParser
import CloudTrail
import Foundation
import TrailStore

/// `trailmeter bench ingest`: ingest throughput and peak memory on a generated corpus, beside
/// two baselines measured on the same files in the same run: decompression alone
/// (`libdeflate-gunzip -c`, the floor) and DuckDB loading the files into a table.
struct BenchIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Measure ingest (events/s, MB/s, peak memory) against libdeflate-gunzip and DuckDB on the same files."
    )

    @Option(help: "Days in the generated corpus.")
    var days = 30
    @Option(help: "Events per day (whole trail).")
    var eventsPerDay = 40_000
    @Option(help: "Ingest runs to take the median of.")
    var runs = 3
    @Option(help: "Where the generated corpus is kept (shared with `bench query`, so it is generated once).")
    var corpusDirectory = ".trailmeter/bench-corpus"
    @Option(help: "Where the stores the runs build are kept.")
    var workDirectory = ".trailmeter/bench"
    @Flag(help: "Skip the DuckDB baseline (it takes a few minutes).")
    var noDuckdb = false
    @Option(help: "The trailmeter executable whose ingest is measured (default: this one), to compare two builds.")
    var executable: String?

    func run() throws {
        #if DEBUG
            printError(
                "note: this is a debug build; benchmark figures need `swift run -c release trailmeter bench ingest`")
        #endif
        let spec = SampleTrailSpec(days: days, eventsPerDay: eventsPerDay)
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: corpusDirectory, withIntermediateDirectories: true)
        let corpus = try SampleCorpus.ensure(spec, under: corpusDirectory, log: printError).folder
        let files = try logFiles(in: corpus)
        let compressed = files.reduce(Int64(0)) { $0 + $1.size }
        let events = Int64(spec.days * spec.eventsPerDay)
        let store = workDirectory + "/bench-ingest.tmstore"
        let me = executable ?? ChildProcess.currentExecutable
        let cores = ProcessInfo.processInfo.activeProcessorCount

        var ingestRuns: [ChildRun] = []
        for index in 1...runs {
            try? FileManager.default.removeItem(atPath: store)
            guard let run = ChildProcess.run([me, "ingest", corpus, "--store", store]), run.status == 0 else {
                throw ValidationError("ingest run \(index) failed")
            }
            printError(
                "ingest run \(index): \(String(format: "%.2f", run.seconds)) s, CPU \(String(format: "%.2f", run.cpuSeconds)) s, peak \(formatBytes(run.peakBytes))"
            )
            ingestRuns.append(run)
        }
        let uncompressed = try storeUncompressedBytes(store)
        let storeFile = try StoreFile.openForReading(store)
        let codecWork = try CodecWork.measure(storeFile, workers: cores)
        let quarter = try quarterRun(corpus: corpus, me: me)

        var gunzipRuns: [ChildRun] = []
        if ChildProcess.isAvailable("libdeflate-gunzip") {
            for _ in 1...runs {
                let script = "find '\(corpus)' -name '*.json.gz' -print0 | xargs -0 -n 1000 -P 2 libdeflate-gunzip -c"
                if let run = ChildProcess.run(["sh", "-c", script]), run.status == 0 { gunzipRuns.append(run) }
            }
        }
        let duck = noDuckdb ? nil : duckDBLoad(corpus: corpus)

        let ingest = Measured(ingestRuns)
        var lines: [String] = []
        lines.append(
            "Ingest benchmark: \(formatCount(events)) events in \(formatCount(Int64(files.count))) files, \(formatBytes(compressed)) gzip, \(formatBytes(uncompressed)) JSON (decimal units)"
        )
        lines.append("machine: \(cores) cores; medians of \(runs) runs where repeated")
        lines.append("")
        lines.append(row("", "seconds", "CPU s", "events/s", "events/CPU s", "gzip MB/s", "JSON MB/s", "peak memory"))
        func add(_ label: String, _ measured: Measured, _ peak: String) {
            lines.append(
                row(
                    label, String(format: "%.2f", measured.seconds), String(format: "%.2f", measured.cpuSeconds),
                    formatCount(Int64(Double(events) / measured.seconds)),
                    formatCount(Int64(Double(events) / measured.cpuSeconds)),
                    String(format: "%.1f", Double(compressed) / 1e6 / measured.seconds),
                    String(format: "%.1f", Double(uncompressed) / 1e6 / measured.seconds), peak))
        }
        add("trailmeter ingest", ingest, formatBytes(ingestRuns.map(\.peakBytes).max() ?? 0))
        let floor = gunzipRuns.isEmpty ? nil : Measured(gunzipRuns)
        if let floor {
            add("libdeflate-gunzip -c (floor)", floor, "-")
        } else {
            lines.append("libdeflate-gunzip -c: not available (apt-get install libdeflate-tools)")
        }
        if let duck {
            add("DuckDB read_json into a table", Measured([duck]), formatBytes(duck.peakBytes))
        } else if !noDuckdb {
            lines.append("DuckDB: not available (pip install duckdb)")
        }
        lines.append("")
        if let floor {
            lines.append(
                String(
                    format: "ingest takes %.1fx the time of decompression alone (%.1fx its CPU time)",
                    ingest.seconds / floor.seconds, ingest.cpuSeconds / floor.cpuSeconds))
        }
        if let duck {
            lines.append(
                String(
                    format: "ingest is %.1fx as fast as DuckDB (%.1fx in CPU time)", duck.seconds / ingest.seconds,
                    duck.cpuSeconds / ingest.cpuSeconds))
        }
        // Wall time follows whatever else the machine runs; CPU time does not. Spread over the
        // cores with nothing else to do, the CPU time bounds what a quiet machine would reach.
        lines.append(
            "on \(cores) idle cores the CPU time allows at most \(formatCount(Int64(Double(events) / ingest.cpuSeconds * Double(cores)))) events/s"
                + (floor.map {
                    String(
                        format: " (decompression alone: %@)",
                        formatCount(Int64(Double(events) / $0.cpuSeconds * Double(cores))))
                } ?? ""))
        lines += codecLines(
            codecWork, codec: storeFile.settings.codec, floor: floor, ingest: ingest, events: events, cores: cores)
        lines.append(
            "peak memory: \(formatBytes(quarter.peakBytes)) for a quarter of the corpus, \(formatBytes(ingestRuns.map(\.peakBytes).max() ?? 0)) for all of it"
        )
        print(lines.joined(separator: "\n"))
    }

    /// The medians of a command's runs.
    private struct Measured {
        let seconds: Double
        let cpuSeconds: Double

        init(_ runs: [ChildRun]) {
            seconds = median(runs.map(\.seconds))
            cpuSeconds = median(runs.map(\.cpuSeconds))
        }
    }

    /// What decompression and the store's own compression need, the part of an ingest that no
    /// change storing the same bytes can remove, and what is left for the rest.
    private func codecLines(
        _ work: CodecWork, codec: ChunkCodec, floor: Measured?, ingest: Measured, events: Int64, cores: Int
    )
        -> [String]
    {
        var lines = [
            "the store's codec alone: \(codec) of \(formatCount(Int64(work.chunks))) chunks (\(formatBytes(work.encodedBytes)) encoded, \(formatBytes(work.compressedBytes)) stored) takes \(String(format: "%.2f", work.compressSeconds)) CPU s; "
                + (work.mismatches == 0
                    ? "every chunk compresses again to its stored bytes"
                    : "\(work.mismatches) chunks compress to other bytes than those stored")
        ]
        guard let floor else { return lines }
        let codecSeconds = floor.cpuSeconds + work.compressSeconds
        lines.append(
            String(
                format:
                    "with the same bytes stored, decompression and compression alone take %.2f CPU s: on %d idle cores at most %@ events/s (%.2f s); the rest of ingest (reading, parsing, sorting, encoding, writing) takes %.2f CPU s",
                codecSeconds, cores, formatCount(Int64(Double(events) / codecSeconds * Double(cores))),
                codecSeconds / Double(cores), ingest.cpuSeconds - codecSeconds))
        return lines
    }

    private func row(_ columns: String...) -> String {
        let widths = [30, 8, 7, 10, 12, 9, 9, 12]
        return zip(columns, widths).enumerated().map { index, pair in
            index == 0
                ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
        }.joined(separator: " ")
    }

    private func logFiles(in corpus: String) throws -> [(path: String, size: Int64)] {
        LogFileDiscovery.inventory(of: [corpus]).logFiles.map { location in
            let size = (try? FileManager.default.attributesOfItem(atPath: location.path)[.size] as? Int64) ?? 0
            return (location.path, size)
        }
    }

    private func storeUncompressedBytes(_ store: String) throws -> Int64 {
        let summary = try TrailStoreAccess.summary(store)
        return summary.rawUncompressedBytes
    }

    /// Ingests the first quarter of the days, to show peak memory does not follow corpus size.
    private func quarterRun(corpus: String, me: String) throws -> ChildRun {
        let dayFolders = try FileManager.default.subpathsOfDirectory(atPath: corpus)
            .filter { $0.split(separator: "/").count == 7 && $0.hasPrefix("AWSLogs/") }
            .sorted()
        let days = Set(dayFolders.map { $0.split(separator: "/").suffix(3).joined(separator: "/") }).sorted()
        let keep = Set(days.prefix(max(1, days.count / 4)))
        let paths = dayFolders.filter { keep.contains($0.split(separator: "/").suffix(3).joined(separator: "/")) }.map {
            corpus + "/" + $0
        }
        let store = workDirectory + "/bench-quarter.tmstore"
        try? FileManager.default.removeItem(atPath: store)
        guard let run = ChildProcess.run([me, "ingest"] + paths + ["--store", store]), run.status == 0 else {
            throw ValidationError("quarter-corpus ingest failed")
        }
        return run
    }

    private func duckDBLoad(corpus: String) -> ChildRun? {
        guard ChildProcess.run(["python3", "-c", "import duckdb"])?.status == 0 else { return nil }
        let script = """
            import duckdb
            con = duckdb.connect()
            con.execute("SET threads TO 2")
            con.execute("CREATE TABLE events AS SELECT unnest(Records) FROM read_json('\(corpus)/AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz')")
            print(con.execute("SELECT count(*) FROM events").fetchone()[0])
            """
        printError("DuckDB baseline: loading the same files (this takes a while) ...")
        return ChildProcess.run(["python3", "-c", script])
    }
}

import ArgumentParser
import Foundation
import Planning

/// `trailmeter calibrate`: TrailMeter's planned bytes beside what AWS reported for the same queries.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Compare the bytes TrailMeter plans with the bytes AWS reported for your query history.",
        discussion: """
            Each succeeded execution in the history is run on the store as it stood at its submission (files \
            delivered by then, by the time in their names) with now() at that time: Athena SQL on the raw layout \
            (its DataScannedInBytes against the files the plan keeps), on the table it names when --athena-ddl \
            defines it, Lake SQL on the columnar layout (its BytesScanned against the chunks read). The report lists the ratio (AWS / TrailMeter) per \
            execution, the median and spread per layout, and explains the largest misses. --out writes the factors \
            for `compare --calibration`. Each execution runs under --memory-limit and --timeout, as `query` runs; \
            one they stop ends the calibration with an error naming it.
            """)

    @Option(parsing: .upToNextOption, help: "History files: AWS CLI JSON output, as `workload import` reads.")
    var history: [String]
    @Option(help: "A store made by `trailmeter ingest` holding the logs the queries ran over.")
    var store: String
    @Option(
        name: .customLong("athena-ddl"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "CREATE EXTERNAL TABLE files of the Athena tables the history ran on, one table each.",
            discussion:
                "An execution that names one of these tables reads the files under its LOCATION and prunes on its partitions."
        ))
    var athenaDDL: [String] = []
    @OptionGroup var sources: HistorySourceOptions
    @Option(help: "Where to write the calibration file (YAML) that `compare --calibration` applies.")
    var out: String?
    @OptionGroup var queryLimits: QueryLimitOptions

    func validate() throws {
        if history.isEmpty { throw ValidationError("--history: give at least one history file") }
    }

    func run() throws {
        let calibration = try reportingErrors {
            try Calibrator.calibrate(
                try HistoryReader.read(history), storeAt: store, limits: queryLimits.limits,
                athenaTables: try athenaDDL.map(AthenaDDLFile.read),
                tables: sources.tables)
        }
        print(calibration.report, terminator: "")
        guard let out else { return }
        do {
            try Data(CalibrationFactors.text(of: calibration).utf8).write(
                to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            printError("error: \(out): cannot write the calibration: \((error as NSError).localizedDescription)")
            throw ExitStatus.ioError
        }
        printError("Calibration written to \(out).")
    }
}

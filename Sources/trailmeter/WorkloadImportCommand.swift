import ArgumentParser
import Foundation
import Planning

/// `trailmeter workload ...`: workload files made from what a team ran.
struct WorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workload",
        abstract: "Make workload files from query history.",
        subcommands: [WorkloadImportCommand.self]
    )
}

/// `trailmeter workload import`: the workload a query history implies.
struct WorkloadImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn Athena and CloudTrail Lake query history (AWS CLI JSON) into a workload file.",
        discussion: """
            Reads `aws athena batch-get-query-execution` (or get-query-execution) and `aws cloudtrail describe-query` \
            JSON output, one object or an array of them per file. Executions of the same query (the same SQL once \
            dates, ids, ARNs and IP addresses are set aside) are grouped; each query runs as often per day (or month) \
            as it succeeded over the days the history covers. Failed and cancelled executions are counted apart; a \
            query TrailMeter cannot run is listed in a comment with the reason. The file feeds `compare --workload`.
            """)

    @Argument(help: "History files: AWS CLI JSON output.")
    var files: [String]
    @OptionGroup var sources: HistorySourceOptions
    @Option(help: "Where to write the workload file (default: standard output).")
    var out: String?

    func run() throws {
        let workload = try reportingErrors {
            try WorkloadImporter.workload(
                try HistoryReader.read(files), sources: files,
                tables: sources.tables)
        }
        let text = workload.yaml()
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                printError("error: \(out): cannot write the workload: \((error as NSError).localizedDescription)")
                throw ExitStatus.ioError
            }
        } else {
            // Unbuffered, so the data reaches stdout before the summary reaches stderr.
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let left = workload.queries.count - workload.runnable.count
        printError(
            "\(workload.queries.count) queries from \(workload.queries.reduce(0) { $0 + $1.executions }) executions over \(workload.days) days: \(workload.runnable.count) in the workload\(left > 0 ? ", \(left) left out (reasons in the file)" : "")\(out.map { "; written to \($0)" } ?? "")."
        )
    }
}

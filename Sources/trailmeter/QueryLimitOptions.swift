import ArgumentParser
import Metering

/// `--memory-limit` and `--timeout`: the limits every user query runs under, in `query` and in
/// a scenario's workload under `compare` (SQLite's heap limit is process-wide, so the command,
/// not the library, decides them).
struct QueryLimitOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Most memory one query may take, in MB (SQLite's heap and the process's growth); stops it with an error past that.",
            valueName: "MB"))
    var memoryLimit: Int = 256

    @Option(help: ArgumentHelp("Stop a query with an error after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        guard (16...1_048_576).contains(memoryLimit) else {
            throw ValidationError("--memory-limit \(memoryLimit): expected 16 to 1048576 (MB)")
        }
        if let timeout, !(timeout > 0 && timeout <= 1e9) {
            throw ValidationError("--timeout \(timeout): expected a number of seconds above 0")
        }
    }

    /// The limits as the library takes them.
    var limits: QueryLimits {
        QueryLimits(memoryBytes: Int64(memoryLimit) << 20, timeout: timeout.map { .milliseconds(Int64($0 * 1000)) })
    }
}

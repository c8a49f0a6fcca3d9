import Foundation

/// A finished child process: its exit status, wall time, CPU time and peak memory.
struct ChildRun {
    let status: Int32
    let seconds: Double
    /// Peak resident set size in bytes (`ru_maxrss` from wait4).
    let peakBytes: Int64
    /// User and system CPU seconds of the child and the descendants it waited for (wait4): on a
    /// shared machine, the measure that does not depend on what else runs.
    var cpuSeconds: Double = 0
}

/// Runs commands as child processes and measures each one alone (wait4 gives per-child usage).
enum ChildProcess {
    /// This executable's absolute path.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs `arguments[0]` (looked up on PATH) with its output sent to `outputPath` (default /dev/null).
    static func run(_ arguments: [String], outputPath: String = "/dev/null") -> ChildRun? {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func cpu(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return ChildRun(
            status: exitStatus, seconds: seconds, peakBytes: Int64(usage.ru_maxrss) * 1024,
            cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime))
    }

    /// True when `command` is found on PATH.
    static func isAvailable(_ command: String) -> Bool {
        run(["sh", "-c", "command -v \(command)"])?.status == 0
    }
}

/// The median of some measurements.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

import Foundation

/// The built `trailmeter` binary, for tests that check what a person sees: output and exit codes.
/// Suites that use it are reported as skipped (not passed) when the binary was not built.
public enum BuiltTrailmeter {
    /// The binary beside the test executable (where `swift test` builds it), else the package's
    /// `.build/debug` one; nil when neither exists.
    public static let url: URL? = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("trailmeter")
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let debug = packageRoot.appendingPathComponent(".build/debug/trailmeter")
        return [besideTests, debug].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// What one run printed and how it ended.
    public struct Run: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs the binary with `arguments` (and `environment` added to this process's) and waits for it.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:])
        throws -> Run
    {
        let process = Process()
        process.executableURL = url!
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

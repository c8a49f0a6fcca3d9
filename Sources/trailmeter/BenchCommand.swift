import ArgumentParser

/// `trailmeter bench`: release-mode benchmarks whose output issues name.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract:
            "Benchmarks (build with -c release): ingest throughput and memory, query time per layout, against baselines.",
        subcommands: [BenchIngestCommand.self, BenchQueryCommand.self, BenchListingCommand.self])
}

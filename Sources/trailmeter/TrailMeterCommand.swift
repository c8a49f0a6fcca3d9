import ArgumentParser

@main
struct TrailMeterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailmeter",
        abstract: "Meter what querying CloudTrail logs costs under Athena-style and Lake-style layouts.",
        version: TrailMeterVersion.current,
        subcommands: [
            DemoCommand.self, GenerateCommand.self, IngestCommand.self, InspectCommand.self, QueryCommand.self,
            VerifyCommand.self, CompareCommand.self, WorkloadCommand.self, CalibrateCommand.self, PricingCommand.self,
            BenchCommand.self,
        ]
    )
}

/// The version `trailmeter --version` prints; raise it with each release.
enum TrailMeterVersion {
    static let current = "0.1.0"
}

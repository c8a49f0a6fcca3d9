import ArgumentParser

@main
struct TrailMeterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailmeter",
        abstract: "Meter what querying CloudTrail logs costs under Athena-style and Lake-style layouts.",
        subcommands: [
            DemoCommand.self, GenerateCommand.self, IngestCommand.self, InspectCommand.self, QueryCommand.self,
            CompareCommand.self, PricingCommand.self, BenchCommand.self,
        ]
    )
}

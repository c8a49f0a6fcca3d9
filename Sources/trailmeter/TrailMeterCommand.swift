import ArgumentParser

@main
struct TrailMeterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailmeter",
        abstract: "Meter what querying CloudTrail logs costs under Athena-style and Lake-style layouts.",
        subcommands: [IngestCommand.self, InspectCommand.self]
    )
}

import ArgumentParser
import Planning

/// `--table` and `--event-data-store`: which of a history's Athena tables and CloudTrail Lake
/// event data stores hold CloudTrail events, for `workload import` and `calibrate`.
struct HistorySourceOptions: ParsableArguments {
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Athena tables that hold CloudTrail logs (names, * for any run of characters; database and case ignored).",
            discussion:
                "Athena executions that read other tables (a workgroup's load balancer or VPC Flow Logs tables) are left out, with the reason. Default: every table."
        ))
    var table: [String] = []

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "CloudTrail Lake event data store ids whose queries read CloudTrail events (* allowed; case ignored).",
            discussion:
                "Lake executions on other event data stores (Config items, events from outside AWS) are left out, with the reason. Default: every event data store."
        ))
    var eventDataStore: [String] = []

    /// The selection the options make.
    var tables: HistoryTables { HistoryTables(table, eventDataStores: eventDataStore) }
}

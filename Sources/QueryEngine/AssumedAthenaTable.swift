/// The Athena table a query written without a table definition is taken to run on, judged from
/// the partition columns it uses (layout names): `timestamp` means AWS's partition-projection
/// table (with the account and region projections when it uses them), `region`/`year`/`month`/
/// `day` the table with manual partitions, `account` alone a projection on the account, none
/// the console's unpartitioned table. Its partition columns are those of that shape, in the
/// order of the S3 key they stand for (account, region, then the day), which is how the
/// published tables declare them; `SELECT *` lists them after the CloudTrail columns.
public struct AssumedAthenaTable: Sendable, Equatable {
    /// The shape's partition columns (layout names), in declaration order.
    public let partitionColumns: [String]
    /// True for a partition-projection table, false for manual partitions or none.
    public let isProjected: Bool

    public init(partitionsUsed: some Sequence<String>) {
        let used = Set(partitionsUsed)
        let account = used.contains("account") ? ["account"] : []
        if used.contains("timestamp") {
            partitionColumns = account + (used.contains("region") ? ["region"] : []) + ["timestamp"]
            isProjected = true
        } else if !used.isDisjoint(with: ["region", "year", "month", "day"]) {
            partitionColumns = account + ["region", "year", "month", "day"]
            isProjected = false
        } else {
            partitionColumns = account
            isProjected = !account.isEmpty
        }
    }

    /// The shape in words, for reports: `unpartitioned`, `partition projection on timestamp`,
    /// `manual partitions region, year, month, day`.
    public var description: String {
        if partitionColumns.isEmpty { return "unpartitioned" }
        let names = partitionColumns.joined(separator: ", ")
        return isProjected ? "partition projection on \(names)" : "manual partitions \(names)"
    }
}

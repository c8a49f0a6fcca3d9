import SQLite
import TrailStore

/// The catalog's files of one (account, region, delivery day), summed: what the raw layout's
/// plan needs, whether the files were ingested in full or only listed.
struct PartitionGroup {
    /// Values of `LayoutColumns.partitionNames` (timestamp, region, year, month, day, account).
    let partitionValues: [[UInt8]?]
    let files: Int
    let bytes: Int64
    let events: Int64
    /// Files known only from a listing, and files whose bytes are an estimated gzip size.
    let listed: Int
    let estimated: Int

    /// The partition column values of a file with these keys (nil where the key is unknown).
    static func partitionValues(day: String?, region: String?, account: String?) -> [[UInt8]?] {
        let dayBytes = day.map { Array($0.utf8) }
        func part(_ range: Range<Int>) -> [UInt8]? {
            guard let dayBytes, dayBytes.count == 10 else { return nil }
            return Array(dayBytes[range])
        }
        return [
            dayBytes, region.map { Array($0.utf8) }, part(0..<4), part(5..<7), part(8..<10),
            account.map { Array($0.utf8) },
        ]
    }

    /// Reads the groups: from the summary the store keeps, or by grouping the files of a store
    /// older than it.
    static func load(_ connection: Connection, hasListingColumns: Bool) throws(SQLiteError) -> [PartitionGroup] {
        let kept = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'file_partitions'")?.integer
        let sql =
            kept == 1
            ? """
            SELECT nullif(account, ''), nullif(region, ''), nullif(day, ''), files, bytes, events, listed, estimated
            FROM file_partitions WHERE files > 0 ORDER BY 1, 2, 3
            """
            : """
            SELECT account, region, day, count(*), sum(compressed_bytes), sum(events), 0, 0
            FROM files GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """
        let statement = try connection.prepare(sql)
        var groups: [PartitionGroup] = []
        while try statement.step() {
            groups.append(
                PartitionGroup(
                    partitionValues: partitionValues(
                        day: statement.text(at: 2), region: statement.text(at: 1), account: statement.text(at: 0)),
                    files: Int(statement.int64(at: 3)), bytes: statement.int64(at: 4), events: statement.int64(at: 5),
                    listed: Int(statement.int64(at: 6)), estimated: Int(statement.int64(at: 7))))
        }
        return groups
    }
}

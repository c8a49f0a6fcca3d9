import SQLite

/// What the catalog holds for bucket listings and plain-JSON files (part of store format 4):
///
/// - `files.size_estimated`: 1 when `compressed_bytes` is not the file's size on disk but the
///   size CloudTrail's gzip object would have (the file was plain JSON: see `BilledSize`).
/// - `listed_files`: one row per object known only from a bucket listing: its S3 key (the
///   table's key, stored once), its size, the run that listed it and the row's checksum. The
///   partition keys are not stored: they are a function of the key (`LogFileDiscovery`).
/// - `listed_partitions`: per `PartitionKey` (organization, account, region, delivery day and
///   trail folder), the listed files and bytes, with a checksum. Every partition column of the
///   Athena table, and everything a table's LOCATION can restrict, is a function of those keys,
///   so the raw layout plans over these few rows however many millions of objects a listing
///   holds. Unknown keys are stored as ''.
///
/// `meta` carries `listed_files` and `listed_bytes` beside the other totals.
public enum ListingTables {
    /// The listing tables, created with the rest of the schema.
    static let schema = """
        CREATE TABLE listed_files(
            s3_key TEXT PRIMARY KEY, bytes INTEGER NOT NULL, run_id INTEGER NOT NULL, checksum INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE listed_partitions(
            organization_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL, day TEXT NOT NULL,
            folder TEXT NOT NULL, files INTEGER NOT NULL, bytes INTEGER NOT NULL, checksum INTEGER NOT NULL,
            PRIMARY KEY(organization_id, account, region, day, folder)
        ) WITHOUT ROWID;
        """

    /// True when the store has the listing tables and `files.size_estimated`: every store of
    /// format 4 made since listings became part of it.
    static func arePresent(_ connection: Connection) throws(SQLiteError) -> Bool {
        let tables = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('listed_files', 'listed_partitions')")?.integer
        let column = try connection.scalar(
            "SELECT count(*) FROM pragma_table_info('files') WHERE name = 'size_estimated'")?.integer
        let folder = try connection.scalar(
            "SELECT count(*) FROM pragma_table_info('listed_partitions') WHERE name = 'folder'")?.integer
        return tables == 2 && column == 1 && folder == 1
    }
}

import SQLite

/// What the catalog gained for bucket listings and plain-JSON files, added in place to a
/// store made before them (the additions start empty, so no checksum changes):
///
/// - `files.size_estimated`: 1 when `compressed_bytes` is not the file's size on disk but the
///   size CloudTrail's gzip object would have (the file was plain JSON: see `BilledSize`).
/// - `listed_files`: one row per object known only from a bucket listing: its S3 key (the
///   table's key, stored once), its size, the run that listed it and the row's checksum. The
///   partition keys are not stored: they are a function of the key (`LogFileDiscovery`).
/// - `listed_partitions`: per (account, region, delivery day), the listed files and bytes, with
///   a checksum. Every partition column of the Athena table is a function of those three, so
///   the raw layout plans over these few rows however many millions of objects a listing holds.
///   Unknown keys are stored as ''.
///
/// `meta` carries `listed_files` and `listed_bytes` beside the other totals.
public enum CatalogMigration {
    /// Adds what is missing; writes nothing when all is present.
    static func apply(_ connection: Connection) throws(SQLiteError) {
        guard try !isApplied(connection) else { return }
        try connection.transaction { () throws(SQLiteError) in
            if try !hasColumn(connection, "size_estimated") {
                try connection.execute("ALTER TABLE files ADD COLUMN size_estimated INTEGER NOT NULL DEFAULT 0")
            }
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS listed_files(
                    s3_key TEXT PRIMARY KEY, bytes INTEGER NOT NULL, run_id INTEGER NOT NULL, checksum INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS listed_partitions(
                    account TEXT NOT NULL, region TEXT NOT NULL, day TEXT NOT NULL,
                    files INTEGER NOT NULL, bytes INTEGER NOT NULL, checksum INTEGER NOT NULL,
                    PRIMARY KEY(account, region, day)
                ) WITHOUT ROWID;
                """)
        }
    }

    /// True when the store has the listing tables and `files.size_estimated`. A store opened
    /// read-only that lacks them reads as holding no listed and no estimated files.
    public static func isApplied(_ connection: Connection) throws(SQLiteError) -> Bool {
        let tables = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('listed_files', 'listed_partitions')")?.integer
        guard tables == 2 else { return false }
        return try hasColumn(connection, "size_estimated")
    }

    private static func hasColumn(_ connection: Connection, _ name: String) throws(SQLiteError) -> Bool {
        try connection.scalar("SELECT count(*) FROM pragma_table_info('files') WHERE name = '\(name)'")?.integer == 1
    }
}

import SQLite

/// Columns the raw-file catalog gained after store format 2, added in place (no rebuild):
///
/// - `source`: `ingested` for a file read whole, `listed` for an object known only from a bucket
///   listing (its size, key and partition keys; no events, no contents).
/// - `size_estimated`: 1 when `compressed_bytes` is not the file's size on disk but the size
///   CloudTrail's gzip object would have (the file was plain JSON: see `BilledSize`).
/// - `file_partitions`: per (account, region, day), the files, bytes, events, listed and
///   estimated files, kept by triggers on `files`. Every partition column of the Athena table is
///   a function of those three, so the raw layout plans a query over these few rows, however
///   many millions of files a listing adds. NULL keys are stored as ''.
///
/// A store opened read-only that predates them reads as all ingested, none estimated.
public enum CatalogMigration {
    /// The identity of a listed object: its S3 key, so that a later full ingest of the same key
    /// finds and replaces it. (The key itself rather than a hash: listings come sorted by key,
    /// so the unique index grows at its end instead of at random pages.)
    public static func listedIdentity(s3Key: String) -> String { "listed:" + s3Key }

    /// Adds the columns and the partition summary when missing; writes nothing when present.
    static func apply(_ connection: Connection) throws(SQLiteError) {
        let present = try hasListingColumns(connection)
        let summarized =
            try connection.scalar(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'file_partitions'")?.integer == 1
        guard !present || !summarized else { return }
        try connection.transaction { () throws(SQLiteError) in
            if !present {
                try connection.execute(
                    """
                    ALTER TABLE files ADD COLUMN source TEXT NOT NULL DEFAULT 'ingested';
                    ALTER TABLE files ADD COLUMN size_estimated INTEGER NOT NULL DEFAULT 0;
                    """)
            }
            try connection.execute(partitionSummary)
        }
    }

    private static let partitionKey = "coalesce(new.account, ''), coalesce(new.region, ''), coalesce(new.day, '')"

    private static let partitionSummary = """
        CREATE TABLE IF NOT EXISTS file_partitions(
            account TEXT NOT NULL, region TEXT NOT NULL, day TEXT NOT NULL,
            files INTEGER NOT NULL, bytes INTEGER NOT NULL, events INTEGER NOT NULL,
            listed INTEGER NOT NULL, estimated INTEGER NOT NULL,
            PRIMARY KEY(account, region, day)) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS files_partition_insert AFTER INSERT ON files BEGIN
            INSERT INTO file_partitions VALUES (\(partitionKey), 1, new.compressed_bytes, new.events,
                new.source = 'listed', new.size_estimated)
            ON CONFLICT DO UPDATE SET files = files + 1, bytes = bytes + excluded.bytes,
                events = events + excluded.events, listed = listed + excluded.listed,
                estimated = estimated + excluded.estimated;
        END;
        CREATE TRIGGER IF NOT EXISTS files_partition_delete AFTER DELETE ON files BEGIN
            UPDATE file_partitions SET files = files - 1, bytes = bytes - old.compressed_bytes,
                events = events - old.events, listed = listed - (old.source = 'listed'),
                estimated = estimated - old.size_estimated
            WHERE account = coalesce(old.account, '') AND region = coalesce(old.region, '')
                AND day = coalesce(old.day, '');
        END;
        DELETE FROM file_partitions;
        INSERT INTO file_partitions
            SELECT coalesce(account, ''), coalesce(region, ''), coalesce(day, ''), count(*), sum(compressed_bytes),
                sum(events), sum(source = 'listed'), sum(size_estimated)
            FROM files GROUP BY 1, 2, 3;
        """

    /// True when the catalog has the `source` and `size_estimated` columns.
    public static func hasListingColumns(_ connection: Connection) throws(SQLiteError) -> Bool {
        try connection.scalar(
            "SELECT count(*) FROM pragma_table_info('files') WHERE name IN ('source', 'size_estimated')")?
            .integer == 2
    }
}

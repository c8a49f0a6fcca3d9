import SQLite

/// Columns the raw-file catalog gained after store format 2, added in place (no rebuild):
///
/// - `source`: `ingested` for a file read whole, `listed` for an object known only from a bucket
///   listing (its size, key and partition keys; no events, no contents).
/// - `size_estimated`: 1 when `compressed_bytes` is not the file's size on disk but the size
///   CloudTrail's gzip object would have (the file was plain JSON: see `BilledSize`).
/// - an index on `day`, so a plan bounded by the `timestamp` partition reads only its days.
///
/// A store opened read-only that predates them reads as all ingested, none estimated.
public enum CatalogMigration {
    /// The identity of a listed object: its S3 key hashed as a file's bytes are, so that a later
    /// full ingest of the same key finds and replaces it.
    public static func listedIdentity(s3Key: String) -> String {
        var key = s3Key
        return "listed:" + key.withUTF8 { FileIdentity.of(UnsafeRawBufferPointer($0)) }
    }

    /// Adds the columns and index when missing; does nothing (writes nothing) when present.
    static func apply(_ connection: Connection) throws(SQLiteError) {
        let present = try hasListingColumns(connection)
        let indexed = try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'files_day'")?.integer == 1
        guard !present || !indexed else { return }
        try connection.transaction { () throws(SQLiteError) in
            if !present {
                try connection.execute(
                    """
                    ALTER TABLE files ADD COLUMN source TEXT NOT NULL DEFAULT 'ingested';
                    ALTER TABLE files ADD COLUMN size_estimated INTEGER NOT NULL DEFAULT 0;
                    """)
            }
            try connection.execute("CREATE INDEX IF NOT EXISTS files_day ON files(day)")
        }
    }

    /// True when the catalog has the `source` and `size_estimated` columns.
    public static func hasListingColumns(_ connection: Connection) throws(SQLiteError) -> Bool {
        try connection.scalar(
            "SELECT count(*) FROM pragma_table_info('files') WHERE name IN ('source', 'size_estimated')")?
            .integer == 2
    }
}

import SQLite

/// The sample a store holds, as recorded by sampled ingests: the cells' populations and shares
/// (`sample_cells`), which the projection scales a sample up by. Each row carries a checksum and
/// `meta` (under its own checksum) the number of rows, so a cell that changes, vanishes or
/// appears is damage, never a different projection.
public enum StoredSample {
    /// Records `cells` (replacing earlier figures for the same cell) with the fraction and seed.
    static func record(_ cells: [SampleCell], spec: SampleSpec, in store: StoreFile) throws(TrailStoreError) {
        let connection = store.connection
        try onStore(
            store.path,
            try connection.transaction { () throws(SQLiteError) in
                try connection.execute(
                    """
                    CREATE TABLE IF NOT EXISTS sample_cells(
                        account TEXT NOT NULL, region TEXT NOT NULL, day TEXT NOT NULL,
                        population_files INTEGER NOT NULL, population_bytes INTEGER NOT NULL,
                        sampled_files INTEGER NOT NULL, sampled_bytes INTEGER NOT NULL,
                        checksum INTEGER NOT NULL,
                        PRIMARY KEY(account, region, day));
                    """)
                let row = try connection.prepare("INSERT OR REPLACE INTO sample_cells VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                for cell in cells {
                    try row.run(
                        .text(cell.account), .text(cell.region), .text(cell.day), .integer(cell.populationFiles),
                        .integer(cell.populationBytes), .integer(cell.sampledFiles), .integer(cell.sampledBytes),
                        .integer(cell.checksum))
                }
                let count = try connection.scalar("SELECT count(*) FROM sample_cells")?.integer ?? 0
                // Through writeMeta, so the meta table's checksum covers the sample's entries too.
                try StoreFile.writeMeta(
                    connection,
                    [
                        ("sample_fraction", String(spec.fraction)), ("sample_seed", String(spec.seed)),
                        ("sample_cells", String(count)),
                    ])
            })
    }

    /// The cells a sampled store records, each checked; empty for a store ingested in full.
    /// The first fault is thrown as damage.
    public static func cells(of store: StoreFile) throws(TrailStoreError) -> [SampleCell] {
        let (cells, faults) = try scan(store)
        if let fault = faults.first { throw .damaged(path: store.path, detail: fault) }
        return cells
    }

    /// Every row checked against its checksum and the count in meta: the sound cells and a line
    /// for each fault.
    static func scan(_ store: StoreFile) throws(TrailStoreError) -> (cells: [SampleCell], faults: [String]) {
        let recorded = try store.checkedMeta()["sample_cells"].map { Int($0) ?? -1 } ?? 0
        let exists = try onStore(
            store.path,
            try store.connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sample_cells'"))
        guard try onStore(store.path, try exists.step()) else {
            return ([], recorded == 0 ? [] : ["sample_cells: meta records \(recorded) cells; the table is missing"])
        }
        let query = try onStore(
            store.path,
            try store.connection.prepare(
                """
                SELECT account, region, day, population_files, population_bytes, sampled_files, sampled_bytes, checksum
                FROM sample_cells
                """))
        var cells: [SampleCell] = []
        var faults: [String] = []
        var rows = 0
        while try onStore(store.path, try query.step()) {
            rows += 1
            let cell = SampleCell(
                account: query.text(at: 0) ?? "", region: query.text(at: 1) ?? "", day: query.text(at: 2) ?? "",
                populationFiles: query.int64(at: 3), populationBytes: query.int64(at: 4),
                sampledFiles: query.int64(at: 5), sampledBytes: query.int64(at: 6))
            guard cell.checksum == query.int64(at: 7) else {
                faults.append("sample_cells row (\(cell.account), \(cell.region), \(cell.day)): checksum mismatch")
                continue
            }
            cells.append(cell)
        }
        if rows != recorded { faults.append("sample_cells: \(rows) rows, meta records \(recorded)") }
        // Sorted here, not by SQL: the table's own b-tree is read, not its index, which the
        // checksums do not cover.
        cells.sort { ($0.account, $0.region, $0.day) < ($1.account, $1.region, $1.day) }
        return (cells, faults)
    }
}

extension SampleCell {
    /// The checksum of the cell's row in `sample_cells`.
    var checksum: Int64 {
        var hasher = RowHasher("sample_cells")
        for text in [account, region, day] { hasher.text(text) }
        for value in [populationFiles, populationBytes, sampledFiles, sampledBytes] { hasher.integer(value) }
        return hasher.digest
    }
}

/// How much of its trail a sampled store holds: files and gzip bytes, sampled and found.
public struct SampleCoverage: Sendable, Equatable {
    public var sampledFiles: Int64 = 0
    public var populationFiles: Int64 = 0
    public var sampledBytes: Int64 = 0
    public var populationBytes: Int64 = 0

    /// The coverage of `cells`; nil when no cell was sampled short of its population (a full ingest).
    public static func of(_ cells: [SampleCell]) -> SampleCoverage? {
        guard cells.contains(where: { $0.sampledFiles < $0.populationFiles }) else { return nil }
        var coverage = SampleCoverage()
        for cell in cells {
            coverage.sampledFiles += cell.sampledFiles
            coverage.populationFiles += cell.populationFiles
            coverage.sampledBytes += cell.sampledBytes
            coverage.populationBytes += cell.populationBytes
        }
        return coverage
    }

    /// The share of the population's gzip bytes sampled, in percent with one decimal.
    public var percentText: String {
        String(format: "%.1f", Double(sampledBytes) / Double(max(populationBytes, 1)) * 100)
    }
}

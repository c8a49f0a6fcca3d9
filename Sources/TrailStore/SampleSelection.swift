import CXXHash
import CloudTrail
import Foundation
import SQLite

/// A sampled ingest: the share of log files to read and the seed that picks them.
public struct SampleSpec: Sendable, Equatable {
    /// The share of files taken from each (account, region, day) cell, in (0, 1].
    public let fraction: Double
    /// Picks which files; the same seed over the same keys picks the same files.
    public let seed: UInt64

    /// `text` is a percentage (`5%`) or a fraction (`0.05`).
    public init(_ text: String, seed: UInt64 = 0) throws(TrailStoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        let number = Double(isPercent ? String(trimmed.dropLast()) : trimmed)
        guard let number, number.isFinite else {
            throw .invalidSetting(
                name: "--sample", value: text, expected: "a percentage such as 5% or a fraction such as 0.05")
        }
        let fraction = isPercent ? number / 100 : number
        guard fraction > 0, fraction <= 1 else {
            throw .invalidSetting(name: "--sample", value: text, expected: "a share above 0% and at most 100%")
        }
        self.fraction = fraction
        self.seed = seed
    }
}

/// One (account, region, day) cell of the bucket: the files the listing found and those sampled.
public struct SampleCell: Sendable, Equatable {
    public var account: String
    public var region: String
    public var day: String
    public var populationFiles: Int64 = 0
    public var populationBytes: Int64 = 0
    public var sampledFiles: Int64 = 0
    public var sampledBytes: Int64 = 0
}

/// Chooses a sampled ingest's files: evenly spread, so every (account, region, day) cell keeps
/// its share, and deterministic, so a seed names the sample.
public enum SampleSelection {
    /// Within each cell files are ranked by a hash of (seed, S3 key) and the first
    /// `round(fraction × files)` taken, at least one, so no cell goes unseen. The chosen files keep
    /// the inventory's order. `size` gives a file's bytes on disk (the population the cells record).
    public static func choose(
        _ files: [LogFileLocation], spec: SampleSpec, size: (String) -> Int64
    ) -> (chosen: [LogFileLocation], cells: [SampleCell]) {
        var members: [[String]: [(index: Int, rank: UInt64, bytes: Int64)]] = [:]
        for (index, file) in files.enumerated() {
            let cell = [file.account ?? "", file.region ?? "", file.day ?? ""]
            members[cell, default: []].append((index, rank(file.s3Key ?? file.path, seed: spec.seed), size(file.path)))
        }
        var keep = Set<Int>()
        var cells: [SampleCell] = []
        for (key, entries) in members {
            var cell = SampleCell(account: key[0], region: key[1], day: key[2])
            let take = max(1, Int((spec.fraction * Double(entries.count)).rounded()))
            for (position, entry) in entries.sorted(by: { ($0.rank, $0.index) < ($1.rank, $1.index) }).enumerated() {
                cell.populationFiles += 1
                cell.populationBytes += entry.bytes
                if position < take {
                    keep.insert(entry.index)
                    cell.sampledFiles += 1
                    cell.sampledBytes += entry.bytes
                }
            }
            cells.append(cell)
        }
        cells.sort { ($0.account, $0.region, $0.day) < ($1.account, $1.region, $1.day) }
        return (files.indices.filter(keep.contains).map { files[$0] }, cells)
    }

    private static func rank(_ key: String, seed: UInt64) -> UInt64 {
        var bytes = Array(key.utf8)
        return bytes.withUnsafeMutableBytes { XXH3_64bits_withSeed($0.baseAddress, $0.count, seed) }
    }
}

/// The sample a store holds, as recorded by sampled ingests: the cells' populations and shares.
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
                        PRIMARY KEY(account, region, day));
                    """)
                // Through writeMeta, so the meta table's checksum covers the sample's entries too.
                try StoreFile.writeMeta(
                    connection, [("sample_fraction", String(spec.fraction)), ("sample_seed", String(spec.seed))])
                let row = try connection.prepare("INSERT OR REPLACE INTO sample_cells VALUES (?, ?, ?, ?, ?, ?, ?)")
                for cell in cells {
                    try row.run(
                        .text(cell.account), .text(cell.region), .text(cell.day), .integer(cell.populationFiles),
                        .integer(cell.populationBytes), .integer(cell.sampledFiles), .integer(cell.sampledBytes))
                }
            })
    }

    /// The cells a sampled store records; empty for a store ingested in full.
    public static func cells(of store: StoreFile) throws(TrailStoreError) -> [SampleCell] {
        let exists = try onStore(
            store.path,
            try store.connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sample_cells'"))
        guard try onStore(store.path, try exists.step()) else { return [] }
        let query = try onStore(
            store.path,
            try store.connection.prepare(
                """
                SELECT account, region, day, population_files, population_bytes, sampled_files, sampled_bytes
                FROM sample_cells ORDER BY account, region, day
                """))
        var cells: [SampleCell] = []
        while try onStore(store.path, try query.step()) {
            cells.append(
                SampleCell(
                    account: query.text(at: 0) ?? "", region: query.text(at: 1) ?? "", day: query.text(at: 2) ?? "",
                    populationFiles: query.int64(at: 3), populationBytes: query.int64(at: 4),
                    sampledFiles: query.int64(at: 5), sampledBytes: query.int64(at: 6)))
        }
        return cells
    }
}

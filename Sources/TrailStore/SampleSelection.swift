import CXXHash
import CloudTrail
import Foundation

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

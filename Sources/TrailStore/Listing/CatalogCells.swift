import Foundation
import SQLite

/// What the catalog holds of one (account, region, day) cell, the unit a sampled ingest draws
/// from and a partition of the raw layout: objects known only from a bucket listing, files
/// ingested, and the sampled ingest's record of the cell.
public struct CatalogCell: Sendable, Equatable {
    public var day: String
    /// Objects of the cell known only from a listing (an object later ingested counts as ingested).
    public var listedFiles: Int64 = 0
    public var listedBytes: Int64 = 0
    /// Files ingested in full: their billed gzip bytes, and their bytes on disk (a plain-JSON
    /// file's JSON; otherwise the same).
    public var ingestedFiles: Int64 = 0
    public var ingestedBytes: Int64 = 0
    public var ingestedDiskBytes: Int64 = 0
    /// The sampled ingest's record of the cell, when one drew from it.
    public var sample: SampleCell?

    /// True when a listing names the cell's objects: then the catalog knows every file of it.
    public var isListed: Bool { listedFiles > 0 }

    /// The files S3 holds in the cell, counted as `bucketBytes` counts their bytes.
    public var bucketFiles: Int64 {
        if isListed { return listedFiles + ingestedFiles }
        guard let sample, sample.sampledFiles < sample.populationFiles else { return ingestedFiles }
        return max(ingestedFiles, sample.populationFiles)
    }

    /// The gzip bytes S3 holds in the cell, as far as the catalog can tell: a listed cell's
    /// objects and ingested files; a sampled cell's population as the sampled ingest found it
    /// (in billed bytes: scaled by its ingested files' billed bytes per byte on disk, for
    /// plain-JSON copies); otherwise the files ingested.
    public var bucketBytes: Int64 {
        if isListed { return listedBytes + ingestedBytes }
        guard let sample, sample.sampledFiles < sample.populationFiles else { return ingestedBytes }
        let billedPerDiskByte = ingestedDiskBytes > 0 ? Double(ingestedBytes) / Double(ingestedDiskBytes) : 1
        return max(ingestedBytes, Int64((Double(sample.populationBytes) * billedPerDiskByte).rounded()))
    }
}

/// The catalog's cells, keyed as a sample's cells are (`SampleEventFigures.cellKey`).
public enum CatalogCells {
    /// Reads `store`'s listed partitions (checked), ingested files and sample cells (checked).
    public static func of(_ store: StoreFile) throws(TrailStoreError) -> [String: CatalogCell] {
        var cells: [String: CatalogCell] = [:]
        func key(_ account: String, _ region: String, _ day: String) -> String {
            SampleEventFigures.cellKey(account: account, region: region, day: day)
        }
        let listed = try onStore(store.path, try ListedCatalog.partitions(store.connection))
        if let fault = listed.faults.first { throw .damaged(path: store.path, detail: fault) }
        for partition in listed.rows {
            let cell = key(partition.key.account, partition.key.region, partition.key.day)
            cells[cell, default: CatalogCell(day: partition.key.day)].listedFiles += partition.files
            cells[cell]!.listedBytes += partition.bytes
        }
        do throws(SQLiteError) {
            let statement = try store.connection.prepare(
                """
                SELECT account, region, day, count(*), sum(compressed_bytes),
                       sum(CASE WHEN size_estimated THEN uncompressed_bytes ELSE compressed_bytes END)
                FROM files WHERE day IS NOT NULL GROUP BY 1, 2, 3
                """)
            while try statement.step() {
                let day = statement.text(at: 2) ?? ""
                let cell = key(statement.text(at: 0) ?? "", statement.text(at: 1) ?? "", day)
                cells[cell, default: CatalogCell(day: day)].ingestedFiles += statement.int64(at: 3)
                cells[cell]!.ingestedBytes += statement.int64(at: 4)
                cells[cell]!.ingestedDiskBytes += statement.int64(at: 5)
            }
        } catch {
            throw .database(path: store.path, error)
        }
        for sample in try StoredSample.cells(of: store) {
            cells[key(sample.account, sample.region, sample.day), default: CatalogCell(day: sample.day)].sample = sample
        }
        return cells
    }
}

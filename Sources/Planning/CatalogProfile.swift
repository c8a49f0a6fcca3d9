import Foundation
import TrailStore

/// The whole bucket as a catalog with a listing knows it: what the raw layouts' reads are
/// planned over. A raw read there covers listed objects as well as ingested files, so its bytes
/// and files scale by the catalog's gzip bytes and days, not by the part ingested.
public struct CatalogProfile: Sendable, Equatable {
    /// Gzip bytes and files of every cell (`CatalogCell.bucketBytes`: a sampled cell counts its population).
    public var gzipBytes: Int64
    public var files: Int64
    /// The span the catalog's delivery days cover, as epoch ms: the first and last days are
    /// partial (a trail starts, and a listing is taken, part-way through a day), so each edge is
    /// moved in by the share of a whole day its bytes fall short of (the median day).
    public var firstMs: Int64
    public var lastMs: Int64

    /// The profile of `cells`; nil when no cell is listed (the store's own files are the catalog).
    public static func of(_ cells: [String: CatalogCell]) -> CatalogProfile? {
        guard cells.values.contains(where: \.isListed) else { return nil }
        var bytesByDay: [Int: Int64] = [:]
        var profile = CatalogProfile(gzipBytes: 0, files: 0, firstMs: 0, lastMs: 0)
        for cell in cells.values {
            profile.gzipBytes += cell.bucketBytes
            profile.files += cell.bucketFiles
            guard let day = SampleConfidence.dayStart(cell.day) else { continue }
            bytesByDay[Int(day / 86_400_000), default: 0] += cell.bucketBytes
        }
        guard let first = bytesByDay.keys.min(), let last = bytesByDay.keys.max() else { return nil }
        let sorted = bytesByDay.values.sorted()
        let median = Double(max(sorted[sorted.count / 2], 1))
        func share(_ day: Int) -> Double { first == last ? 1 : min(1, Double(bytesByDay[day]!) / median) }
        let dayMs = 86_400_000.0
        profile.firstMs = Int64(first) * 86_400_000 + Int64(((1 - share(first)) * dayMs).rounded())
        profile.lastMs = Int64(last) * 86_400_000 + Int64((share(last) * dayMs).rounded()) - 1
        return profile
    }
}

extension SampleProfile {
    /// This profile with the catalog's gzip bytes, files and span in place of the ingested
    /// files': the figures a raw read over a listed catalog is scaled by. The profile itself when
    /// the store has no listing.
    var overCatalog: SampleProfile {
        guard let catalog else { return self }
        var profile = SampleProfile(
            source: source, firstEventMs: catalog.firstMs, lastEventMs: catalog.lastMs, events: events,
            files: catalog.files, gzipBytes: catalog.gzipBytes, jsonBytes: jsonBytes, columnarBytes: columnarBytes,
            columnBytes: columnBytes, segments: segments, eventBytes: eventBytes)
        profile.catalog = catalog
        return profile
    }
}

import Foundation
import Metering

/// How one query's reads on one layout scale from the sample to a month of the scenario: bytes
/// scanned per gzip byte of logs in its window, objects read per day of data in it, and the window.
struct QueryScaling: Equatable {
    /// Bytes the layout scans per gzip byte of log data inside the window (measured).
    var bytesPerGzipByte: Decimal
    /// Files (raw) or partition objects (columnar) read per day of data inside the window.
    var objectsPerDay: Decimal
    /// Days of data one run reads; nil for everything retained.
    var windowDays: Decimal?
    /// The sample figures behind the ratio, for the derivation text and queries.csv.
    var measuredBytes: Int64
    var measuredDays: Decimal
    /// How the ratio was obtained, in words.
    var basis: String

    /// The scaling of `measurement` read by `layout` for `query`.
    static func of(_ measurement: QueryMeasurement, layout: CostLayout, sample: SampleProfile, now: Int64)
        -> QueryScaling
    {
        let priced = layout.priced
        let overCatalog = priced.readsCatalog && sample.catalog != nil
        let sample = overCatalog ? sample.overCatalog : sample
        let (scan, measuredWindow) = priced.measuredScan(measurement)
        let covered = sample.coveredDays(measuredWindow, now: now)
        var windowDays = measuredWindow.flatMap { length($0, now: now) }
        switch measurement.query.window {
        case .measured: break
        case .all: windowDays = nil
        case .days(let days):
            if priced.honoursDeclaredWindow(measured: measuredWindow) { windowDays = days }
        }
        if covered > 0, scan.bytesScanned > 0 {
            let gzipInWindow = sample.gzipBytesPerDay * covered
            return QueryScaling(
                bytesPerGzipByte: Decimal(scan.bytesScanned) / gzipInWindow,
                objectsPerDay: Decimal(priced.objectsRead(scan)) / covered,
                windowDays: windowDays, measuredBytes: scan.bytesScanned, measuredDays: covered,
                basis:
                    "read \(Figure.bytes(Decimal(scan.bytesScanned))) of \(overCatalog ? "a window of the catalog (listed objects included)" : "a sample window") holding \(Figure.bytes(gzipInWindow)) of gzip logs (\(Figure.number(covered)) days)"
            )
        }
        // The window holds no sample data: scale by what the layout holds per gzip byte instead.
        let fallback = priced.fallbackRatio(scan, sample: sample)
        return QueryScaling(
            bytesPerGzipByte: fallback.bytesPerGzipByte, objectsPerDay: priced.objectsPerDay(scan, sample: sample),
            windowDays: windowDays, measuredBytes: scan.bytesScanned, measuredDays: covered, basis: fallback.basis)
    }

    /// The window's length in days; nil when its start is open (it reaches back over everything).
    static func length(_ window: TimeWindow, now: Int64) -> Decimal? {
        guard let lower = window.lowerMs else { return nil }
        let upper = window.upperMs ?? now
        return upper < lower ? 0 : Decimal(upper - lower + 1) / 86_400_000
    }
}

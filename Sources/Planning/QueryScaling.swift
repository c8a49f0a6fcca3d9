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
        let scan: ScanMeasurement
        let measuredWindow: TimeWindow?
        switch layout {
        case .athenaUnpartitioned:
            scan = measurement.rawUnpartitioned
            measuredWindow = nil
        case .athenaProjected:
            scan = measurement.rawProjected
            measuredWindow = scan.partitionDayWindow
        case .lakeOneYear, .lakeSevenYear, .selfManagedLake:
            scan = measurement.columnar
            measuredWindow = scan.eventTimeWindow
        }
        let covered = sample.coveredDays(measuredWindow, now: now)
        var windowDays = measuredWindow.flatMap { length($0, now: now) }
        switch measurement.query.window {
        case .measured: break
        case .all: windowDays = nil
        case .days(let days):
            // The console's table reads every file whatever the query says; the projected table
            // prunes only when the query bounds its partitions.
            if layout != .athenaUnpartitioned, layout != .athenaProjected || measuredWindow != nil { windowDays = days }
        }
        let objects = layout == .selfManagedLake || layout.isCloudTrailLake ? scan.segmentsRead : scan.unitsRead
        if covered > 0, scan.bytesScanned > 0 {
            let gzipInWindow = sample.gzipBytesPerDay * covered
            return QueryScaling(
                bytesPerGzipByte: Decimal(scan.bytesScanned) / gzipInWindow, objectsPerDay: Decimal(objects) / covered,
                windowDays: windowDays, measuredBytes: scan.bytesScanned, measuredDays: covered,
                basis:
                    "read \(Figure.bytes(Decimal(scan.bytesScanned))) of a sample window holding \(Figure.bytes(gzipInWindow)) of gzip logs (\(Figure.number(covered)) days)"
            )
        }
        // The window holds no sample data: scale by what the layout holds per gzip byte instead.
        let perDayObjects =
            layout == .selfManagedLake || layout.isCloudTrailLake
            ? Decimal(scan.segmentsTotal) / sample.days : Decimal(sample.files) / sample.days
        if layout.isCloudTrailLake || layout == .selfManagedLake {
            let columns = scan.columns.reduce(Int64(0)) { $0 + (sample.columnBytes[$1] ?? 0) }
            return QueryScaling(
                bytesPerGzipByte: Decimal(columns) / Decimal(sample.gzipBytes), objectsPerDay: perDayObjects,
                windowDays: windowDays, measuredBytes: scan.bytesScanned, measuredDays: covered,
                basis:
                    "window outside the sample: its \(scan.columns.count) columns hold \(Figure.bytes(Decimal(columns))) per \(Figure.bytes(Decimal(sample.gzipBytes))) of gzip logs"
            )
        }
        return QueryScaling(
            bytesPerGzipByte: 1, objectsPerDay: perDayObjects, windowDays: windowDays,
            measuredBytes: scan.bytesScanned, measuredDays: covered,
            basis: "window outside the sample: whole files, 1 byte read per gzip byte")
    }

    /// The window's length in days; nil when its start is open (it reaches back over everything).
    static func length(_ window: TimeWindow, now: Int64) -> Decimal? {
        guard let lower = window.lowerMs else { return nil }
        let upper = window.upperMs ?? now
        return upper < lower ? 0 : Decimal(upper - lower + 1) / 86_400_000
    }
}

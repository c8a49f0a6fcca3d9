import Foundation
import Metering

/// What the layouts reading the columnar store (CloudTrail Lake, the self-managed lake) share:
/// a read scales with the columns a query uses, and advice narrows columns or bounds time.
enum ColumnarReads {
    /// Columns a narrow query keeps, for "select 4 columns, not `*`".
    static let narrowColumns = ["eventtime", "eventsource", "eventname", "awsregion"]

    /// Outside the sample, a query reads what its columns hold per gzip byte.
    static func fallbackRatio(_ scan: ScanMeasurement, sample: SampleProfile) -> (
        bytesPerGzipByte: Decimal, basis: String
    ) {
        let columns = scan.columns.reduce(Int64(0)) { $0 + (sample.columnBytes[$1] ?? 0) }
        return (
            Decimal(columns) / Decimal(sample.gzipBytes),
            "window outside the sample: its \(scan.columns.count) columns hold \(Figure.bytes(Decimal(columns))) per \(Figure.bytes(Decimal(sample.gzipBytes))) of gzip logs"
        )
    }

    static func adviceChanges(_ measurement: QueryMeasurement, scaling: QueryScaling, sample: SampleProfile)
        -> [(change: String, scaling: QueryScaling)]
    {
        var result: [(change: String, scaling: QueryScaling)] = []
        if scaling.windowDays == nil {
            var bounded = scaling
            bounded.windowDays = 7
            result.append(("bound eventTime to 7 days", bounded))
        }
        let used = measurement.columnar.columns
        if used.count > narrowColumns.count * 2 {
            let usedBytes = used.reduce(Int64(0)) { $0 + (sample.columnBytes[$1] ?? 0) }
            let narrowBytes = narrowColumns.reduce(Int64(0)) { $0 + (sample.columnBytes[$1] ?? 0) }
            if usedBytes > 0 {
                var narrow = scaling
                narrow.bytesPerGzipByte = scaling.bytesPerGzipByte * Decimal(narrowBytes) / Decimal(usedBytes)
                result.append(("select \(narrowColumns.count) columns, not `*` (\(used.count) columns read)", narrow))
            }
        }
        return result
    }
}

import Foundation
import Metering

/// A layout whose queries read the columnar store (CloudTrail Lake, the self-managed lake): its
/// reads are the columnar measurement, scale with the columns a query uses, and its advice narrows
/// columns or bounds time. A layout opts in by name, so no other layout inherits these answers.
protocol ColumnarLayout: PricedLayout {}

extension ColumnarLayout {
    func measuredScan(_ measurement: QueryMeasurement) -> (scan: ScanMeasurement, window: TimeWindow?) {
        (measurement.columnar, measurement.columnar.eventTimeWindow)
    }
    func honoursDeclaredWindow(measured: TimeWindow?) -> Bool { true }
    func objectsRead(_ scan: ScanMeasurement) -> Int { scan.segmentsRead }
    func objectsPerDay(_ scan: ScanMeasurement, sample: SampleProfile) -> Decimal {
        Decimal(scan.segmentsTotal) / sample.days
    }
    func fallbackRatio(_ scan: ScanMeasurement, sample: SampleProfile) -> (bytesPerGzipByte: Decimal, basis: String) {
        ColumnarReads.fallbackRatio(scan, sample: sample)
    }
    func adviceChanges(_ measurement: QueryMeasurement, scaling: QueryScaling, finder: AdviceFinder)
        -> [(change: String, scaling: QueryScaling)]
    {
        ColumnarReads.adviceChanges(measurement, scaling: scaling, sample: finder.sample)
    }
}

/// The columnar reads' figures and advice, shared by the `ColumnarLayout`s.
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

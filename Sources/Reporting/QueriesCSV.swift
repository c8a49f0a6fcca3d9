import Foundation
import Planning
import TrailMeterCore

/// `queries.csv`: per workload query and layout, what the sample measured and what the
/// scenario projects, so a reader can retrace each query's cost.
public enum QueriesCSV {
    /// The header, in order (not FOCUS: these are not billing lines). Bytes are in bytes; `WindowDays` is days of data per run or
    /// `all retained` for a query without an eventTime bound.
    public static let columns = [
        "Scenario", "Query", "Layout", "MeasuredBytes", "MeasuredWindowDays", "WindowDays", "RunsFirstMonth",
        "BytesPerRunFirstMonth", "BytesPerRunLastMonth", "HorizonBytes", "HorizonCost", "Currency",
    ]

    /// The file's text: RFC 4180 with CRLF line ends, rows in the projection's order.
    public static func render(_ projection: Projection) -> String {
        let amounts = AmountFormat(projection.rounding)
        let records = projection.queries.map { query in
            [
                projection.scenarioName,
                query.query,
                query.layout.rawValue,
                String(query.measuredBytes),
                DecimalText.plain(query.measuredWindowDays),
                query.windowDays.map { DecimalText.plain($0) } ?? "all retained",
                DecimalText.plain(query.runsFirstMonth),
                // Projected bytes are estimates: a fraction of a byte is noise, not precision.
                DecimalText.plain(query.bytesPerRunFirstMonth, maxFraction: 0),
                DecimalText.plain(query.bytesPerRunLastMonth, maxFraction: 0),
                DecimalText.plain(query.horizonBytes, maxFraction: 0),
                amounts.plain(query.horizonCost),
                "USD",
            ]
        }
        return CSVWriter.text([columns] + records, lineEnd: .crlf)
    }
}

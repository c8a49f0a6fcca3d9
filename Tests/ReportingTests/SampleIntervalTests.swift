import Foundation
import Planning
import TestSupport
import Testing
import TrailMeterCore

@testable import Reporting

/// Totals from a partial sample print as estimates with their interval; a full ingest's do not,
/// and its CSV bounds equal its costs.
extension Decimal {
    /// Rounded down to a multiple of `step` cents, so that halving it stays in whole cents.
    fileprivate func rounded(toCents step: Int) -> Decimal {
        var cents = self * 100 / Decimal(step)
        var whole = Decimal()
        NSDecimalRound(&whole, &cents, 0, .down)
        return whole * Decimal(step) / 100
    }
}

struct SampleIntervalTests {
    @Test func aFullIngestPrintsPlainTotalsAndEqualBounds() throws {
        let projection = ProjectionFixture.projection()
        #expect(!projection.isEstimate)
        #expect(!TerminalReport.render(projection).contains("95%"))
        for row in try CSVReader.table(CostsCSV.render(projection)) {
            #expect(row["x_BilledCostLow"] == row["BilledCost"] && row["x_BilledCostHigh"] == row["BilledCost"])
        }
    }

    @Test func aPartialSamplePrintsEachTotalWithItsInterval() throws {
        var projection = ProjectionFixture.projection()
        projection.sampleShare = 0.05
        // Every priced line from half its cost to a dollar more (billed amounts are in cents):
        // the totals' interval is the sum of the lines'.
        for index in projection.lines.indices where projection.lines[index].isPriced {
            let cost = projection.lines[index].billedCost
            projection.lines[index].billedLow = cost - cost.rounded(toCents: 2) / 2
            projection.lines[index].billedHigh = cost + 1
        }
        let layout = try #require(projection.layouts.first { projection.isFullyPriced($0) })
        let total = projection.horizonTotal(layout)
        let interval = projection.horizonInterval(layout)
        let lines = projection.lines.filter { $0.layout == layout }
        #expect(interval.lowerBound == lines.reduce(0) { $0 + $1.billedLow! } && interval.lowerBound < total)
        #expect(interval.upperBound == total + Decimal(lines.count))
        let amounts = AmountFormat(projection.rounding)
        let printed =
            "≈ \(amounts.usd(total)) (95%: \(amounts.usd(interval.lowerBound))–\(amounts.usd(interval.upperBound)))"
        #expect(TerminalReport.render(projection).contains(printed))
        #expect(MarkdownSummary.render(projection).contains(printed))
        let rows = try CSVReader.table(CostsCSV.render(projection)).filter { $0["x_Layout"] == layout.rawValue }
        func sum(_ column: String) -> Decimal {
            rows.reduce(0) { $0 + Decimal(string: $1[column]!, locale: Locale(identifier: "en_US_POSIX"))! }
        }
        #expect(sum("x_BilledCostLow") == interval.lowerBound && sum("x_BilledCostHigh") == interval.upperBound)
    }
}

import Foundation
import Planning
import Pricing
import Testing

@testable import Reporting

/// Lines that coincide stay visible: each series has its own dash pattern and marker shape, and
/// the caption names the layouts whose amounts are equal every month.
struct LineChartTests {
    static let months = ["2027-01", "2027-02", "2027-03"]
    static let same: [Decimal] = [10, 20, 30]

    static func chart(_ series: [(String, [Decimal])]) -> LineChart {
        LineChart(
            title: "Monthly cost", monthLabels: months,
            series: series.map { LineChart.Series(title: $0.0, color: "#E69F00", values: $0.1) },
            amounts: AmountFormat(.halfUpToCents))
    }

    @Test func everySeriesHasItsOwnDashesAndMarker() {
        let styles = (0..<LineStyle.sequence.count).map(LineStyle.at)
        for (i, a) in styles.enumerated() {
            for b in styles[(i + 1)...] { #expect(a.dashes != b.dashes) }
        }
        #expect(styles[0].dashes == nil && !styles[0].hollow)
        #expect(styles.dropFirst().allSatisfy { $0.dashes != nil })
        #expect(LineStyle.at(LineStyle.sequence.count) == styles[0])
    }

    @Test func coincidingLinesAreDrawnDifferentlyAndNamedInTheCaption() {
        let chart = Self.chart([
            ("Athena, unpartitioned table", Self.same), ("Athena, partition projection", Self.same),
            ("CloudTrail Lake, 1-year extendable", [1, 2, 3]),
        ])
        #expect(chart.coincidingGroups == [["Athena, unpartitioned table", "Athena, partition projection"]])
        #expect(
            chart.coincidenceNote
                == "Athena, unpartitioned table and Athena, partition projection have the same amount every month: their lines coincide (the dashed one is drawn over the other)."
        )
        let markup = chart.svg().markup()
        let polylines = markup.components(separatedBy: "\n").filter { $0.contains("<polyline") }
        // Three data lines and three legend samples: the first solid, the others dashed apart.
        #expect(polylines.count == 6)
        #expect(!polylines[0].contains("stroke-dasharray"))
        #expect(polylines[1].contains("stroke-dasharray=\"9 5\""))
        #expect(markup.contains("<polygon"))
        #expect(Self.chart([("A", [1, 2, 3]), ("B", [1, 2, 4])]).coincidenceNote == nil)
    }

    @Test func threeEqualLinesAreOneGroup() {
        let chart = Self.chart([("A", Self.same), ("B", [0, 0, 0]), ("C", Self.same), ("D", Self.same)])
        #expect(chart.coincidingGroups == [["A", "C", "D"]])
        #expect(chart.coincidenceNote!.hasPrefix("A, C and D have the same amount every month"))
    }

    @Test func chartMarkupIsDeterministic() {
        let series = [("A", Self.same), ("B", Self.same)]
        #expect(Self.chart(series).svg().markup() == Self.chart(series).svg().markup())
    }
}

import Foundation
import Planning
import Pricing

/// The comparison as `trailmeter compare` prints it: per layout a monthly table, then horizon
/// totals, break-evens, the cheapest layout and the costliest queries with advice.
public enum TerminalReport {
    /// The whole report as text ending in a newline. Deterministic: the same projection gives
    /// the same bytes, so golden files can hold it.
    public static func render(_ projection: Projection) -> String {
        let facts = ReportFacts(projection)
        var out: [String] = [facts.title, ""]

        out.append("Basis:")
        out += facts.basis.map { "  - " + $0 }

        for layout in projection.layouts {
            out += ["", "\(layout.title) (USD)"]
            out += monthlyTable(layout, facts).lines()
            if facts.unpriced.contains(layout) {
                out.append("  Not fully priced, so no total: " + facts.unpricedSentence(layout) + ".")
            }
        }

        out += ["", "Horizon totals, cheapest first (USD):"]
        var totals = TextTable(headers: ["Layout", "Total"], alignments: [.left, .right])
        totals.rows =
            facts.ranked.map { [$0.title, facts.total($0)] }
            + facts.unpriced.map { [$0.title, "no total"] }
        out += totals.lines()

        out += ["", "Break-even:"]
        out +=
            facts.breakEvens.isEmpty
            ? ["  no break-even within the horizon"] : facts.breakEvens.map { "  " + facts.sentence($0) }

        out += ["", facts.cheapestSentence]

        out += ["", "Costliest queries over the horizon:"]
        if facts.costliestQueries.isEmpty { out.append("  none with a cost") }
        for (rank, query) in facts.costliestQueries.enumerated() {
            out.append("  \(rank + 1). " + facts.headline(query))
            out += facts.advice(for: query).map { "     - " + facts.adviceSentence($0) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Month, the four categories, total and cumulative; cells that would include an unpriced
    /// line read "no rate", and the totals after them stay empty rather than understate.
    private static func monthlyTable(_ layout: CostLayout, _ facts: ReportFacts) -> TextTable {
        var table = TextTable(
            headers: ["Month", "Ingest", "Storage", "Scans", "Requests", "Total", "Cumulative"],
            alignments: [.left] + Array(repeating: .right, count: 6))
        var cumulative: Decimal? = 0
        for (index, label) in facts.monthLabels.enumerated() {
            let cells = CostCategory.allCases.map { category in
                facts.amount(layout, month: index, category: category).map(facts.amounts.grouped) ?? "no rate"
            }
            let total = facts.amount(layout, month: index, category: nil)
            cumulative = total.flatMap { total in cumulative.map { $0 + total } }
            table.rows.append(
                [label] + cells + [
                    total.map(facts.amounts.grouped) ?? "-", cumulative.map(facts.amounts.grouped) ?? "-",
                ])
        }
        return table
    }
}

import Foundation
import Planning

/// `summary.md`: the terminal report's story in Markdown, with the monthly tables condensed to
/// one total per layout and month.
public enum MarkdownSummary {
    /// The whole document, ending in a newline. Deterministic.
    public static func render(_ projection: Projection) -> String {
        let facts = ReportFacts(projection)
        let amounts = facts.amounts
        var out: [String] = ["# " + text(facts.title), ""]

        out += ["## Basis", ""]
        out += facts.basis.map { "- " + text($0) }

        out += ["", "## Horizon totals, cheapest first (USD)", ""]
        out += table(
            ["Layout", "Total"], right: [1],
            facts.ranked.map { [$0.title, facts.total($0)] }
                + facts.unpriced.map { [$0.title, "no total"] })
        if !facts.unpriced.isEmpty {
            out.append("")
            out += facts.unpriced.map {
                "- " + text("\($0.title) is not fully priced, so no total: \(facts.unpricedSentence($0)).")
            }
        }

        let layouts = projection.layouts
        out += ["", "## Monthly totals (USD)", ""]
        out += table(
            ["Month"] + layouts.map(\.title), right: Array(1...max(1, layouts.count)),
            facts.monthLabels.indices.map { index in
                [facts.monthLabels[index]]
                    + layouts.map { layout in
                        facts.amount(layout, month: index, category: nil).map(amounts.grouped) ?? "no rate"
                    }
            })

        out += ["", "## Cumulative totals (USD)", ""]
        out += table(
            ["Month"] + layouts.map(\.title), right: Array(1...max(1, layouts.count)),
            facts.monthLabels.indices.map { index in
                [facts.monthLabels[index]]
                    + layouts.map { layout in
                        facts.unpriced.contains(layout)
                            ? "-" : amounts.grouped(projection.cumulative(layout, through: index))
                    }
            })

        out += ["", "## Break-even", ""]
        out +=
            facts.breakEvens.isEmpty
            ? ["No break-even within the horizon."] : facts.breakEvens.map { "- " + text(facts.sentence($0)) }

        out += ["", "## Cheapest layout", "", text(facts.cheapestSentence)]

        out += ["", "## Costliest queries", ""]
        if facts.costliestQueries.isEmpty { out.append("None with a cost.") }
        for (rank, query) in facts.costliestQueries.enumerated() {
            out.append("\(rank + 1). " + text(facts.headline(query)))
            out += facts.advice(for: query).map { "    - " + text(facts.adviceSentence($0)) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A pipe table; columns listed in `right` are right-aligned (amounts).
    private static func table(_ headers: [String], right: [Int], _ rows: [[String]]) -> [String] {
        func row(_ cells: [String]) -> String { "| " + cells.map { cell($0) }.joined(separator: " | ") + " |" }
        let rule = "|" + headers.indices.map { right.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|"
        return [row(headers), rule] + rows.map(row)
    }

    /// Text that a Markdown renderer shows as written: raw HTML is neutralised. Backticks are
    /// kept on purpose; advice quotes SQL in them.
    private static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "<", with: "\\<")
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// Like `text`, and a pipe does not end the cell.
    private static func cell(_ value: String) -> String { text(value).replacingOccurrences(of: "|", with: "\\|") }
}

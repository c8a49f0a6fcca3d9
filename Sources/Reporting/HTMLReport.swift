import Foundation
import Planning

/// `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) with
/// three charts and the summary's tables, so it opens the same offline as online.
public enum HTMLReport {
    /// The whole page. Deterministic.
    public static func render(_ projection: Projection) -> String {
        let facts = ReportFacts(projection)
        let amounts = facts.amounts
        let drawn = facts.ranked.sorted()  // CostLayout order keeps colours and legends stable
        var body: [String] = ["<h1>\(Markup.escape(facts.title))</h1>"]

        body.append("<h2>Basis</h2>")
        body.append(list(facts.basis))

        body.append("<h2>Monthly cost by layout</h2>")
        let monthly = LineChart(
            title: "Monthly cost by layout (USD)", monthLabels: facts.monthLabels,
            series: drawn.map { layout in
                .init(
                    title: layout.title, color: ChartColors.color(layout),
                    values: facts.monthLabels.indices.map { projection.total(layout, month: $0) })
            }, amounts: amounts)
        body.append(
            figure(
                monthly.svg(),
                caption: [monthly.coincidenceNote, notDrawn(facts)].compactMap { $0 }.joined(separator: " ")))

        body.append("<h2>Cumulative cost by layout</h2>")
        let cumulative = LineChart(
            title: "Cumulative cost by layout (USD)", monthLabels: facts.monthLabels,
            series: drawn.map { layout in
                .init(
                    title: layout.title, color: ChartColors.color(layout),
                    values: facts.monthLabels.indices.map { projection.cumulative(layout, through: $0) })
            },
            markers: facts.breakEvens.map {
                .init(
                    monthIndex: $0.monthIndex, value: $0.cumulativeOvertaking,
                    label: facts.sentence($0))
            },
            amounts: amounts)
        let breakEvenCaption =
            facts.breakEvens.isEmpty
            ? "No break-even within the horizon."
            : facts.breakEvens.map(facts.sentence).joined(separator: "; ") + "."
        body.append(
            figure(
                cumulative.svg(),
                caption: [breakEvenCaption, cumulative.coincidenceNote, notDrawn(facts)].compactMap { $0 }.joined(
                    separator: " "))
        )

        body.append("<h2>Cost by query</h2>")
        body.append(
            figure(queryChart(facts).svg(), caption: "Scans and their requests over the horizon, per query and layout.")
        )

        body.append("<h2>Horizon totals, cheapest first (USD)</h2>")
        body.append(
            table(
                ["Layout", "Total"],
                facts.ranked.map { [$0.title, facts.total($0)] }
                    + facts.unpriced.map { [$0.title, "no total"] }))
        if !facts.unpriced.isEmpty {
            body.append(
                list(
                    facts.unpriced.map {
                        "\($0.title) is not fully priced, so no total: \(facts.unpricedSentence($0))."
                    }))
        }
        body.append("<p>\(Markup.escape(facts.cheapestSentence))</p>")

        for (heading, value) in [("Monthly totals (USD)", false), ("Cumulative totals (USD)", true)] {
            body.append("<h2>\(heading)</h2>")
            body.append(
                table(
                    ["Month"] + projection.layouts.map(\.title),
                    facts.monthLabels.indices.map { index in
                        [facts.monthLabels[index]]
                            + projection.layouts.map { layout in
                                if facts.unpriced.contains(layout) { return value ? "-" : "no rate" }
                                return amounts.grouped(
                                    value
                                        ? projection.cumulative(layout, through: index)
                                        : projection.total(layout, month: index))
                            }
                    }))
        }

        body.append("<h2>Break-even</h2>")
        body.append(
            facts.breakEvens.isEmpty
                ? "<p>No break-even within the horizon.</p>" : list(facts.breakEvens.map(facts.sentence)))

        body.append("<h2>Costliest queries</h2>")
        if facts.costliestQueries.isEmpty { body.append("<p>None with a cost.</p>") }
        var items: [String] = []
        for query in facts.costliestQueries {
            let advice = facts.advice(for: query).map {
                "<li>" + withCode(Markup.escape(facts.adviceSentence($0))) + "</li>"
            }
            items.append(
                "<li>\(Markup.escape(facts.headline(query)))"
                    + (advice.isEmpty ? "" : "\n<ul>\n" + advice.joined(separator: "\n") + "\n</ul>") + "</li>")
        }
        if !items.isEmpty { body.append("<ol>\n" + items.joined(separator: "\n") + "\n</ol>") }

        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escape(facts.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// Queries in order of their highest cost on any drawn layout; layouts drawn are those with
    /// a query cost, so a layout without scans does not add empty bars.
    private static func queryChart(_ facts: ReportFacts) -> QueryBarChart {
        let queries = facts.projection.queries
        var names: [String] = []
        for query in queries where !names.contains(query.query) { names.append(query.query) }
        func highest(_ name: String) -> Decimal { queries.filter { $0.query == name }.map(\.horizonCost).max() ?? 0 }
        let ordered = names.enumerated().sorted { a, b in
            highest(a.element) != highest(b.element) ? highest(a.element) > highest(b.element) : a.offset < b.offset
        }.map(\.element)
        let layouts = facts.projection.layouts.filter { layout in
            queries.contains { $0.layout == layout && $0.horizonCost > 0 }
        }
        return QueryBarChart(
            title: "Cost by query over the horizon (USD)", queries: ordered, layouts: layouts,
            amounts: facts.amounts
        ) { name, layout in
            queries.first { $0.query == name && $0.layout == layout }?.horizonCost
        }
    }

    /// Says which layouts the line charts leave out, or nil when all are drawn.
    private static func notDrawn(_ facts: ReportFacts) -> String? {
        facts.unpriced.isEmpty
            ? nil
            : "Not drawn (not fully priced): " + facts.unpriced.map(\.title).joined(separator: "; ") + "."
    }

    /// Escaped text with its `backtick` spans (SQL in advice) set as code.
    private static func withCode(_ escaped: String) -> String {
        let parts = escaped.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.count % 2 == 1 else { return escaped }
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }
            .joined()
    }

    /// The chart with its caption; an empty caption is left out.
    private static func figure(_ svg: SVGElement, caption: String?) -> String {
        let caption = caption.flatMap { $0.isEmpty ? nil : $0 }
        return "<figure>\n" + svg.markup() + "\n"
            + (caption.map { "<figcaption>\(Markup.escape($0))</figcaption>\n" } ?? "") + "</figure>"
    }

    private static func list(_ items: [String]) -> String {
        "<ul>\n" + items.map { "<li>\(Markup.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>"
    }

    /// A table whose columns after the first are amounts, right-aligned.
    private static func table(_ headers: [String], _ rows: [[String]]) -> String {
        func row(_ cells: [String], tag: String) -> String {
            "<tr>"
                + cells.enumerated().map { index, cell in
                    "<\(tag)\(index > 0 ? " class=\"num\"" : "")>\(Markup.escape(cell))</\(tag)>"
                }.joined() + "</tr>"
        }
        return "<table>\n<thead>" + row(headers, tag: "th") + "</thead>\n<tbody>\n"
            + rows.map { row($0, tag: "td") }.joined(separator: "\n") + "\n</tbody>\n</table>"
    }

    private static let style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em; text-align: left; }
        td:first-child { white-space: nowrap; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 0.5em 0; } figcaption { font-size: 0.9em; color: #555; }
        svg { max-width: 100%; height: auto; font-family: inherit; }
        """
}

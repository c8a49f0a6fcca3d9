import Foundation
import Planning

/// Horizon cost per workload query as horizontal bars, one bar per layout, queries ordered by
/// their highest cost so the ones worth fixing come first.
struct QueryBarChart {
    var title: String
    /// Query names in drawing order, and for each the cost per layout drawn.
    var queries: [String]
    var layouts: [CostLayout]
    var cost: (String, CostLayout) -> Decimal?
    var amounts: AmountFormat

    private let width = 900.0
    private let left = 230.0, right = 640.0, top = 30.0
    private let barHeight = 12.0, groupGap = 14.0

    init(
        title: String, queries: [String], layouts: [CostLayout], amounts: AmountFormat,
        cost: @escaping (String, CostLayout) -> Decimal?
    ) {
        self.title = title
        self.queries = queries
        self.layouts = layouts
        self.amounts = amounts
        self.cost = cost
    }

    private var groupHeight: Double { Double(layouts.count) * barHeight + groupGap }
    private var bottom: Double { top + Double(queries.count) * groupHeight }

    func svg() -> SVGElement {
        let values = queries.flatMap { query in layouts.compactMap { cost(query, $0) } }
        let scale = MoneyScale(maximum: values.max() ?? 0)
        var children = [SVG.text(title, x: 10, y: 18, size: 14, weight: "bold")]
        for tick in scale.ticks {
            let px = x(tick, scale)
            children.append(SVG.line(px, top, px, bottom, stroke: tick == 0 ? ChartColors.axis : ChartColors.grid))
            children.append(SVG.text(scale.label(tick), x: px, y: bottom + 16, anchor: "middle", size: 11))
        }
        children.append(SVG.line(left, bottom, right, bottom, stroke: ChartColors.axis))
        children.append(
            SVG.text("Cost over the horizon (USD)", x: (left + right) / 2, y: bottom + 36, anchor: "middle"))

        for (row, query) in queries.enumerated() {
            let groupTop = top + Double(row) * groupHeight + groupGap / 2
            let label = query.count > 32 ? String(query.prefix(31)) + "…" : query
            let labelElement = SVGElement(
                "text",
                [
                    ("x", SVG.number(left - 8)),
                    ("y", SVG.number(groupTop + Double(layouts.count) * barHeight / 2 + 4)),
                    ("font-size", "12"), ("text-anchor", "end"), ("fill", "#222"),
                ],
                text: label, children: [])
            children.append(SVGElement("g", [], children: [SVGElement("title", text: query), labelElement]))
            for (index, layout) in layouts.enumerated() {
                guard let value = cost(query, layout) else { continue }
                children.append(
                    SVG.rect(
                        x: left, y: groupTop + Double(index) * barHeight, width: x(value, scale) - left,
                        height: barHeight - 2, fill: ChartColors.color(layout),
                        tooltip: "\(query), \(layout.title): \(amounts.usd(value))"))
            }
        }
        for (index, layout) in layouts.enumerated() {
            let ly = top + 10 + Double(index) * 22
            children.append(SVG.rect(x: right + 20, y: ly - 9, width: 14, height: 10, fill: ChartColors.color(layout)))
            children.append(SVG.text(layout.title, x: right + 40, y: ly, size: 12))
        }
        let height = max(bottom + 50, top + Double(layouts.count) * 22 + 20)
        return SVGElement.document(width: width, height: height, label: title, children: children)
    }

    private func x(_ value: Decimal, _ scale: MoneyScale) -> Double {
        left + scale.fraction(value) * (right - left)
    }
}

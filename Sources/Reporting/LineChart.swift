import Foundation
import Planning

/// Cost per month for several layouts as lines over a month axis, with optional marked points
/// (break-evens) and a legend at the right.
struct LineChart {
    struct Series {
        var title: String
        var color: String
        var values: [Decimal]
    }

    struct Marker {
        var monthIndex: Int
        var value: Decimal
        var label: String
    }

    var title: String
    var monthLabels: [String]
    var series: [Series]
    var markers: [Marker] = []
    var amounts: AmountFormat

    private let width = 940.0, height = 380.0
    private let left = 80.0, right = 640.0, top = 30.0, bottom = 320.0

    init(title: String, monthLabels: [String], series: [Series], markers: [Marker] = [], amounts: AmountFormat) {
        self.title = title
        self.monthLabels = monthLabels
        self.series = series
        self.markers = markers
        self.amounts = amounts
    }

    func svg() -> SVGElement {
        let scale = MoneyScale(maximum: series.flatMap(\.values).max() ?? 0)
        var children = [SVG.text(title, x: left, y: 18, size: 14, weight: "bold")]
        children += yAxis(scale) + xAxis()
        for (position, line) in series.enumerated() {
            let style = LineStyle.at(position)
            let points = line.values.enumerated().map { (x($0.offset), y($0.element, scale)) }
            children.append(SVG.polyline(points, stroke: line.color, dashes: style.dashes))
            for (index, point) in points.enumerated() {
                children.append(
                    style.marker(
                        x: point.0, y: point.1, color: line.color,
                        tooltip: "\(line.title), \(monthLabels[index]): \(amounts.usd(line.values[index]))"))
            }
        }
        for marker in markers {
            let px = x(marker.monthIndex)
            let py = y(marker.value, scale)
            children.append(SVG.line(px, top, px, bottom, stroke: ChartColors.breakEven, dashed: true))
            children.append(
                SVG.circle(x: px, y: py, radius: 6, fill: "none", stroke: ChartColors.breakEven, tooltip: marker.label))
            // Labels in the right half go left of the point, so they never run into the legend.
            let leftward = px > (left + right) / 2
            children.append(
                SVG.text(
                    "break-even \(monthLabels[marker.monthIndex])", x: leftward ? px - 10 : px + 10, y: py - 8,
                    anchor: leftward ? "end" : "start", size: 11, fill: ChartColors.breakEven))
        }
        children += legend()
        return SVGElement.document(width: width, height: height, label: title, children: children)
    }

    /// Titles of series whose values are equal in every month, in groups of two or more: their
    /// lines coincide, and the caption says so.
    var coincidingGroups: [[String]] {
        var groups: [[String]] = []
        var grouped = Set<Int>()
        for (index, line) in series.enumerated() where !grouped.contains(index) {
            let equal = series.indices.filter { $0 > index && series[$0].values == line.values }
            guard !equal.isEmpty else { continue }
            grouped.formUnion(equal)
            groups.append([line.title] + equal.map { series[$0].title })
        }
        return groups
    }

    /// A sentence naming the lines that coincide, or nil when none do.
    var coincidenceNote: String? {
        let groups = coincidingGroups
        guard !groups.isEmpty else { return nil }
        return groups.map { titles in
            titles.dropLast().joined(separator: ", ") + " and " + titles.last!
                + " have the same amount every month: their lines coincide (the dashed one is drawn over the other)."
        }.joined(separator: " ")
    }

    private func x(_ index: Int) -> Double {
        left + (Double(index) + 0.5) * (right - left) / Double(max(1, monthLabels.count))
    }

    private func y(_ value: Decimal, _ scale: MoneyScale) -> Double {
        bottom - scale.fraction(value) * (bottom - top)
    }

    private func yAxis(_ scale: MoneyScale) -> [SVGElement] {
        var elements: [SVGElement] = []
        for tick in scale.ticks {
            let py = y(tick, scale)
            elements.append(SVG.line(left, py, right, py, stroke: tick == 0 ? ChartColors.axis : ChartColors.grid))
            elements.append(SVG.text(scale.label(tick), x: left - 6, y: py + 4, anchor: "end", size: 11))
        }
        elements.append(SVG.line(left, top, left, bottom, stroke: ChartColors.axis))
        elements.append(
            SVGElement(
                "text",
                [
                    ("transform", "translate(16 \(SVG.number((top + bottom) / 2))) rotate(-90)"),
                    ("font-size", "12"), ("text-anchor", "middle"), ("fill", "#222"),
                ], text: "USD"))
        return elements
    }

    private func xAxis() -> [SVGElement] {
        // A `2027-01` label is about 50 px wide at this size: label every k-th month so none overlap.
        let spacing = (right - left) / Double(max(1, monthLabels.count))
        let every = max(1, Int((50 / spacing).rounded(.up)))
        var elements: [SVGElement] = []
        for (index, label) in monthLabels.enumerated() {
            elements.append(SVG.line(x(index), bottom, x(index), bottom + 5, stroke: ChartColors.axis))
            if index % every == 0 {
                elements.append(SVG.text(label, x: x(index), y: bottom + 20, anchor: "middle", size: 11))
            }
        }
        elements.append(SVG.text("Month", x: (left + right) / 2, y: bottom + 42, anchor: "middle"))
        return elements
    }

    private func legend() -> [SVGElement] {
        var elements: [SVGElement] = []
        var ly = top + 10
        for (index, line) in series.enumerated() {
            let style = LineStyle.at(index)
            elements.append(
                SVG.polyline([(right + 12, ly - 4), (right + 36, ly - 4)], stroke: line.color, dashes: style.dashes))
            elements.append(style.marker(x: right + 24, y: ly - 4, color: line.color))
            // Long titles wrap inside the chart's width rather than run past its edge.
            let wrapped = Self.wrap(line.title, columns: Self.legendColumns)
            for (row, text) in wrapped.enumerated() {
                elements.append(SVG.text(text, x: right + 42, y: ly + Double(row) * 14, size: 12))
            }
            ly += 22 + Double(wrapped.count - 1) * 14
        }
        if !markers.isEmpty {
            elements.append(
                SVG.circle(x: right + 27, y: ly - 4, radius: 5, fill: "none", stroke: ChartColors.breakEven))
            elements.append(SVG.text("break-even", x: right + 42, y: ly, size: 12))
        }
        return elements
    }

    /// Characters of 12-pixel text that fit between the legend's marker and the chart's edge.
    static let legendColumns = 38

    /// `text` broken at spaces into lines of at most `columns` characters (a longer word stands alone).
    static func wrap(_ text: String, columns: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= columns {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

/// How one series of a line chart is drawn besides its colour: a dash pattern and a marker
/// shape, so lines stay apart where they coincide (two layouts with the same monthly totals)
/// and for readers who cannot tell the colours apart.
///
/// Styles go by the series' position, so a chart is drawn the same way from the same input.
/// The first series is solid with filled markers; each later one is dashed, and every other
/// one has hollow markers, so a line drawn over an equal one lets the colour beneath show
/// through its gaps and inside its markers.
struct LineStyle: Equatable {
    enum Shape: Equatable {
        case circle, square, diamond, triangle
    }

    /// SVG `stroke-dasharray`, nil for a solid line.
    var dashes: String?
    var shape: Shape
    var hollow: Bool

    static let sequence: [LineStyle] = [
        LineStyle(dashes: nil, shape: .circle, hollow: false),
        LineStyle(dashes: "9 5", shape: .square, hollow: true),
        LineStyle(dashes: "3 3", shape: .diamond, hollow: false),
        LineStyle(dashes: "12 4 3 4", shape: .triangle, hollow: true),
        LineStyle(dashes: "6 3", shape: .circle, hollow: true),
        LineStyle(dashes: "2 5", shape: .square, hollow: false),
        LineStyle(dashes: "14 6", shape: .diamond, hollow: true),
        LineStyle(dashes: "5 2 1 2", shape: .triangle, hollow: false),
    ]

    /// The style of the series at `index`.
    static func at(_ index: Int) -> LineStyle { sequence[index % sequence.count] }

    /// The marker centred on (`x`, `y`) in `color`, about 8 px across.
    func marker(x: Double, y: Double, color: String, tooltip: String? = nil) -> SVGElement {
        let fill = hollow ? "none" : color
        switch shape {
        case .circle:
            return SVG.circle(x: x, y: y, radius: 3.5, fill: fill, stroke: color, strokeWidth: 1.5, tooltip: tooltip)
        case .square:
            return SVG.polygon(
                [(x - 3.5, y - 3.5), (x + 3.5, y - 3.5), (x + 3.5, y + 3.5), (x - 3.5, y + 3.5)], fill: fill,
                stroke: color, tooltip: tooltip)
        case .diamond:
            return SVG.polygon(
                [(x, y - 4.5), (x + 4.5, y), (x, y + 4.5), (x - 4.5, y)], fill: fill, stroke: color, tooltip: tooltip)
        case .triangle:
            return SVG.polygon(
                [(x, y - 4.5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)], fill: fill, stroke: color, tooltip: tooltip)
        }
    }
}

import Foundation

/// Text made safe for XML and HTML, in element content and in quoted attribute values.
enum Markup {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A small SVG element tree: enough for axes, lines, bars and labels, with every text and
/// attribute escaped on output, so names from scenario files cannot break the markup.
struct SVGElement {
    var name: String
    var attributes: [(String, String)]
    var text: String?
    var children: [SVGElement]

    init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The root `<svg>` of a chart `width` × `height` user units, labelled for screen readers.
    static func document(width: Double, height: Double, label: String, children: [SVGElement]) -> SVGElement {
        SVGElement(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(SVG.number(width)) \(SVG.number(height))"),
                ("width", SVG.number(width)), ("height", SVG.number(height)), ("role", "img"), ("aria-label", label),
            ],
            children: [SVGElement("title", text: label)] + children)
    }

    /// The element as markup, one element per line so diffs of reports stay readable.
    func markup(indent: String = "") -> String {
        let attributeText = attributes.map { " \($0.0)=\"\(Markup.escape($0.1))\"" }.joined()
        if text == nil && children.isEmpty { return "\(indent)<\(name)\(attributeText)/>" }
        if children.isEmpty { return "\(indent)<\(name)\(attributeText)>\(Markup.escape(text!))</\(name)>" }
        var lines = ["\(indent)<\(name)\(attributeText)>"]
        if let text { lines.append(indent + "  " + Markup.escape(text)) }
        lines += children.map { $0.markup(indent: indent + "  ") }
        lines.append("\(indent)</\(name)>")
        return lines.joined(separator: "\n")
    }
}

/// Shapes in user units. Coordinates are `Double` because they are pixels, not money.
enum SVG {
    /// `12.5`, `40`: one decimal at most, no exponent, whatever the locale.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    static func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
        dashed: Bool = false
    ) -> SVGElement {
        var attributes = [
            ("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)), ("y2", number(y2)),
            ("stroke", stroke), ("stroke-width", number(width)),
        ]
        if dashed { attributes.append(("stroke-dasharray", "4 3")) }
        return SVGElement("line", attributes)
    }

    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
        fill: String = "#222", weight: String? = nil
    ) -> SVGElement {
        var attributes = [
            ("x", number(x)), ("y", number(y)), ("font-size", number(size)), ("text-anchor", anchor), ("fill", fill),
        ]
        if let weight { attributes.append(("font-weight", weight)) }
        return SVGElement("text", attributes, text: content)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil)
        -> SVGElement
    {
        SVGElement(
            "rect",
            [
                ("x", number(x)), ("y", number(y)), ("width", number(max(0, width))), ("height", number(height)),
                ("fill", fill),
            ],
            children: tooltip.map { [SVGElement("title", text: $0)] } ?? [])
    }

    static func circle(
        x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 2,
        tooltip: String? = nil
    ) -> SVGElement {
        var attributes = [("cx", number(x)), ("cy", number(y)), ("r", number(radius)), ("fill", fill)]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", number(strokeWidth))] }
        return SVGElement("circle", attributes, children: tooltip.map { [SVGElement("title", text: $0)] } ?? [])
    }

    /// A line through `points`; `dashes` is an SVG `stroke-dasharray` ("8 4"), nil for solid.
    static func polyline(_ points: [(Double, Double)], stroke: String, dashes: String? = nil) -> SVGElement {
        var attributes = [
            ("points", points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")),
            ("fill", "none"), ("stroke", stroke), ("stroke-width", "2"),
        ]
        if let dashes { attributes.append(("stroke-dasharray", dashes)) }
        return SVGElement("polyline", attributes)
    }

    /// A closed shape through `points`, e.g. a diamond or a triangle marker.
    static func polygon(
        _ points: [(Double, Double)], fill: String, stroke: String, tooltip: String? = nil
    ) -> SVGElement {
        SVGElement(
            "polygon",
            [
                ("points", points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")),
                ("fill", fill), ("stroke", stroke), ("stroke-width", "1.5"),
            ],
            children: tooltip.map { [SVGElement("title", text: $0)] } ?? [])
    }
}

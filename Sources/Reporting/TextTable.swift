/// A plain-text table with a header rule, columns padded to their widest cell.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    /// The table as lines without trailing spaces, indented by `indent`.
    func lines(indent: String = "  ") -> [String] {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            let padded = cells.indices.map { column -> String in
                let gap = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .right ? gap + cells[column] : cells[column] + gap
            }
            let line = indent + padded.joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
        let rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return [render(headers), rule] + rows.map(render)
    }
}

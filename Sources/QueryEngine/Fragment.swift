/// Output SQL under construction, remembering for stretches of it which byte of the user's SQL
/// they came from, so SQLite's error offsets can be mapped back.
struct Fragment {
    private(set) var text: String = ""
    private(set) var count = 0
    /// (offset in `text`, offset in the user's SQL), ascending by the first.
    private(set) var marks: [(Int, Int)] = []

    init() {}

    init(_ text: String, at source: Int? = nil) {
        self.text = text
        self.count = text.utf8.count
        if let source { marks = [(0, source)] }
    }

    mutating func append(_ other: Fragment) {
        marks.append(contentsOf: other.marks.map { ($0.0 + count, $0.1) })
        text += other.text
        count += other.count
    }

    mutating func append(_ string: String, at source: Int? = nil) {
        if let source { marks.append((count, source)) }
        text += string
        count += string.utf8.count
    }

    /// The fragment with the one occurrence of `mark` replaced by `replacement`; the marks of the
    /// text after it move with it (those of the replacement are kept).
    func replacing(_ mark: String, with replacement: Fragment) -> Fragment {
        guard let range = text.range(of: mark) else { return self }
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let removed = mark.utf8.count
        var result = Fragment()
        result.text = String(text[..<range.lowerBound]) + replacement.text + String(text[range.upperBound...])
        result.count = count - removed + replacement.count
        let delta = replacement.count - removed
        result.marks =
            marks.filter { $0.0 < start }
            + replacement.marks.map { ($0.0 + start, $0.1) }
            + marks.filter { $0.0 >= start + removed }.map { ($0.0 + delta, $0.1) }
        return result
    }

    func replacing(_ mark: String, with replacement: String) -> Fragment {
        replacing(mark, with: Fragment(replacement))
    }

    static func + (left: Fragment, right: Fragment) -> Fragment {
        var result = left
        result.append(right)
        return result
    }

    static func + (left: Fragment, right: String) -> Fragment {
        var result = left
        result.append(right)
        return result
    }

    static func + (left: String, right: Fragment) -> Fragment {
        var result = Fragment(left)
        result.append(right)
        return result
    }

    /// Joins fragments with `separator`.
    static func join(_ parts: [Fragment], _ separator: String) -> Fragment {
        var result = Fragment()
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(separator) }
            result.append(part)
        }
        return result
    }

    /// The user's byte offset for output byte `offset`: the nearest mark at or before it.
    func sourceOffset(for offset: Int) -> Int? {
        var best: Int?
        for (output, source) in marks where output <= offset { best = source }
        return best ?? marks.first?.1
    }
}

/// SQL spellings.
enum SQLText {
    static func identifier(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }
    static func string(_ value: String) -> String { "'" + value.replacing("'", with: "''") + "'" }
}

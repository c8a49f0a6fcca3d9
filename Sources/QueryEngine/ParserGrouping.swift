/// `GROUP BY` elements: expressions, `(a, b)` and `()`, `ROLLUP`, `CUBE` and `GROUPING SETS`,
/// combined as Trino combines them (the cross product of the elements' sets).
extension Parser {
    /// The most grouping sets one `GROUP BY` may expand to (Trino's own limit is larger, but a set
    /// is one more copy of every row in SQLite's plan).
    static let maximumGroupingSets = 4096

    /// The keys as written (each occurrence its own position) and the grouping sets over them; the
    /// sets are nil for a plain list of expressions.
    mutating func parseGroupingElements() throws(QueryError) -> ([Expr], GroupingSets?) {
        let start = current.start
        var distinct = false
        if current.isKeyword("DISTINCT") || current.isKeyword("ALL") {
            distinct = current.isKeyword("DISTINCT")
            advance()
        }
        var keys: [Expr] = []
        var combined: [[Int]] = [[]]
        var plain = true
        repeat {
            let element: [[Int]]
            if current.isKeyword("ROLLUP") || current.isKeyword("CUBE"), peek(1).isSymbol("(") {
                let cube = current.isKeyword("CUBE")
                advance()
                advance()
                var parts: [[Int]] = []
                if !current.isSymbol(")") {
                    repeat { parts.append(try parseGroupingSet(into: &keys)) } while accept(symbol: ",")
                }
                try expect(symbol: ")")
                if cube, parts.count > 12 {
                    throw .unsupported(construct: "CUBE of more than 12 elements", at: location(start))
                }
                element = cube ? Self.cube(parts) : Self.rollup(parts)
                plain = false
            } else if current.isKeyword("GROUPING"), peek(1).isKeyword("SETS") {
                advance()
                advance()
                try expect(symbol: "(")
                var sets: [[Int]] = []
                repeat { sets.append(try parseGroupingSet(into: &keys)) } while accept(symbol: ",")
                try expect(symbol: ")")
                element = sets
                plain = false
            } else {
                let set = try parseGroupingSet(into: &keys)
                if set.isEmpty { plain = false }
                element = [set]
            }
            combined = combined.flatMap { left in element.map { left + $0 } }
            guard combined.count <= Self.maximumGroupingSets else {
                throw .unsupported(
                    construct: "GROUP BY with more than \(Self.maximumGroupingSets) grouping sets", at: location(start))
            }
        } while accept(symbol: ",")
        return (keys, plain ? nil : GroupingSets(sets: combined, distinct: distinct))
    }

    /// `(a, b)`, `()` or one expression. A parenthesized expression that goes on after its `)`
    /// (`(a + b) * 2`) is read again as one expression.
    private mutating func parseGroupingSet(into keys: inout [Expr]) throws(QueryError) -> [Int] {
        if current.isSymbol("("), peek(1).isSymbol(")") {
            advance()
            advance()
            return []
        }
        if current.isSymbol("(") {
            let saved = self
            advance()
            var list: [Expr] = []
            repeat { list.append(try parseExpression()) } while accept(symbol: ",")
            if accept(symbol: ")"),
                current.isSymbol(",") || current.isSymbol(")") || current.isSymbol(";") || current.kind == .end
                    || Self.afterGroupBy.contains(where: current.isKeyword)
            {
                keys.append(contentsOf: list)
                return Array(keys.count - list.count..<keys.count)
            }
            self = saved
        }
        keys.append(try parseExpression())
        return [keys.count - 1]
    }

    private static let afterGroupBy = [
        "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "WINDOW",
    ]

    /// `ROLLUP(s1, ..., sn)`: s1 ∪ … ∪ sn, then one fewer at a time, down to the empty set.
    static func rollup(_ parts: [[Int]]) -> [[Int]] {
        (0...parts.count).reversed().map { Array(parts.prefix($0).joined()) }
    }

    /// `CUBE(s1, ..., sn)`: the union of every subset of the parts, the whole first.
    static func cube(_ parts: [[Int]]) -> [[Int]] {
        let count = 1 << parts.count
        return (0..<count).reversed().map { mask in
            parts.indices.filter { mask & (1 << (parts.count - 1 - $0)) != 0 }.flatMap { parts[$0] }
        }
    }
}

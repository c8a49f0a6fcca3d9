/// A window: `OVER (PARTITION BY … ORDER BY … [frame])`.
struct WindowSpec {
    /// One end of a frame.
    enum Bound: Equatable {
        case unboundedPreceding
        case preceding(String)
        case currentRow
        case following(String)
        case unboundedFollowing
        /// `RANGE BETWEEN INTERVAL '1' HOUR PRECEDING ...`: a distance in time from the row's key.
        case intervalPreceding(IntervalOffset)
        case intervalFollowing(IntervalOffset)

        var sql: String {
            switch self {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .preceding(let rows): return "\(rows) PRECEDING"
            case .currentRow: return "CURRENT ROW"
            case .following(let rows): return "\(rows) FOLLOWING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            case .intervalPreceding(let offset): return "INTERVAL '\(offset.value)' \(offset.unit) PRECEDING"
            case .intervalFollowing(let offset): return "INTERVAL '\(offset.value)' \(offset.unit) FOLLOWING"
            }
        }

        var interval: IntervalOffset? {
            switch self {
            case .intervalPreceding(let offset), .intervalFollowing(let offset): return offset
            default: return nil
            }
        }
    }

    /// An interval literal as a frame offset, as written.
    struct IntervalOffset: Equatable {
        let value: String
        let unit: String
        let negative: Bool
        let at: Int

        var expression: Expr { .interval(value: value, unit: unit, negative: negative, at: at) }
    }

    /// `ROWS`, `RANGE` or `GROUPS` with its bounds; the end is nil for the one-bound form.
    struct Frame {
        let mode: String
        let start: Bound
        let end: Bound?
        let at: Int
    }

    let partitionBy: [Expr]
    let orderBy: [OrderItem]
    let frame: Frame?
    /// The WINDOW clause's window this one is based on: `OVER w`, or `OVER (w ORDER BY ...)`.
    let name: Identifier?
    let at: Int
}

extension Parser {
    /// After `OVER`: a parenthesized window specification or a window name.
    mutating func parseWindow() throws(QueryError) -> WindowSpec {
        let at = current.start
        guard accept(symbol: "(") else {
            let name = try identifier("a window name")
            return WindowSpec(partitionBy: [], orderBy: [], frame: nil, name: name, at: at)
        }
        let specification = try parseWindowSpecification(at: at)
        try expect(symbol: ")")
        return specification
    }

    /// `WINDOW w AS (...), v AS (w ORDER BY ...)` after HAVING.
    mutating func parseWindowClause() throws(QueryError) -> [(Identifier, WindowSpec)] {
        var windows: [(Identifier, WindowSpec)] = []
        repeat {
            let name = try identifier("a window name")
            try expect(keyword: "AS")
            let at = current.start
            try expect(symbol: "(")
            windows.append((name, try parseWindowSpecification(at: at)))
            try expect(symbol: ")")
        } while accept(symbol: ",")
        return windows
    }

    /// Inside the parentheses: an existing window's name, PARTITION BY, ORDER BY, a frame.
    private mutating func parseWindowSpecification(at: Int) throws(QueryError) -> WindowSpec {
        var partitionBy: [Expr] = []
        var orderBy: [OrderItem] = []
        var frame: WindowSpec.Frame?
        var base: Identifier?
        if current.kind == .word || current.kind == .quotedWord, !current.isKeyword("PARTITION"),
            !current.isKeyword("ORDER"), !current.isKeyword("ROWS"), !current.isKeyword("RANGE"),
            !current.isKeyword("GROUPS")
        {
            base = try identifier("a window name")
        }
        if accept(keyword: "PARTITION") {
            try expect(keyword: "BY")
            repeat { partitionBy.append(try parseExpression()) } while accept(symbol: ",")
        }
        if accept(keyword: "ORDER") {
            try expect(keyword: "BY")
            orderBy = try parseOrderItems()
        }
        if current.isKeyword("ROWS") || current.isKeyword("RANGE") || current.isKeyword("GROUPS") {
            let frameAt = current.start
            let mode = current.text.uppercased()
            advance()
            if accept(keyword: "BETWEEN") {
                let start = try parseFrameBound()
                try expect(keyword: "AND")
                let end = try parseFrameBound()
                frame = WindowSpec.Frame(mode: mode, start: start, end: end, at: frameAt)
            } else {
                frame = WindowSpec.Frame(mode: mode, start: try parseFrameBound(), end: nil, at: frameAt)
            }
        }
        return WindowSpec(partitionBy: partitionBy, orderBy: orderBy, frame: frame, name: base, at: at)
    }

    private mutating func parseFrameBound() throws(QueryError) -> WindowSpec.Bound {
        if accept(keyword: "UNBOUNDED") {
            if accept(keyword: "PRECEDING") { return .unboundedPreceding }
            try expect(keyword: "FOLLOWING")
            return .unboundedFollowing
        }
        if accept(keyword: "CURRENT") {
            try expect(keyword: "ROW")
            return .currentRow
        }
        if current.isKeyword("INTERVAL"),
            case .interval(let value, let unit, let negative, let at) = try parseExpression()
        {
            let offset = WindowSpec.IntervalOffset(value: value, unit: unit, negative: negative, at: at)
            if accept(keyword: "PRECEDING") { return .intervalPreceding(offset) }
            try expect(keyword: "FOLLOWING")
            return .intervalFollowing(offset)
        }
        guard current.kind == .number, Int64(current.text) != nil else {
            throw unexpected("where a frame bound (UNBOUNDED, CURRENT ROW, a row count or an interval) was expected")
        }
        let rows = current.text
        advance()
        if accept(keyword: "PRECEDING") { return .preceding(rows) }
        try expect(keyword: "FOLLOWING")
        return .following(rows)
    }
}

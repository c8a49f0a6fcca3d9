/// What a statement promises about its rows' order and selection. Trino (Athena, CloudTrail Lake)
/// returns the rows of a query without ORDER BY in whatever order its readers finish, and a LIMIT
/// without ORDER BY keeps whichever rows come first; two engines, or two layouts, may then differ
/// and both be right.
public enum ResultOrder: Sendable, Equatable {
    /// The outermost ORDER BY fixes the order, except among rows it ranks equal; with `limited`,
    /// a LIMIT or OFFSET may cut through such rows.
    case ordered(limited: Bool)
    /// No ORDER BY and no LIMIT: the rows are fixed, their order is not.
    case unordered
    /// LIMIT or OFFSET without ORDER BY: any rows of the whole result, as many as it keeps.
    case anyRows

    /// True when which rows the statement returns depends on the order the engine reads them in.
    public var isLimited: Bool {
        switch self {
        case .ordered(let limited): return limited
        case .unordered: return false
        case .anyRows: return true
        }
    }

    /// The order `query` promises: its own clauses, or those of the one query it parenthesises.
    static func of(_ query: Query) -> ResultOrder {
        let limited = query.limit != nil || query.offset != nil
        if !query.orderBy.isEmpty { return .ordered(limited: limited) }
        if limited { return .anyRows }
        if query.with.isEmpty, case .nested(let inner) = query.body { return of(inner) }
        return .unordered
    }
}

extension Query {
    /// The same query without its outermost LIMIT and OFFSET (those of the one query it
    /// parenthesises, when it has none of its own): the whole result a LIMIT draws from.
    func withoutLimit() -> Query {
        if orderBy.isEmpty, limit == nil, offset == nil, with.isEmpty, case .nested(let inner) = body {
            return Query(
                with: with, body: .nested(inner.withoutLimit()), orderBy: orderBy, limit: nil, offset: nil, at: at)
        }
        return Query(with: with, body: body, orderBy: orderBy, limit: nil, offset: nil, at: at)
    }
}

/// Row values compared field by field, as Trino compares rows: `(eventsource, eventname) IN
/// (('kms.amazonaws.com', 'Decrypt'), ...)`, `(a, b) = (x, y)`, `(a, b) <> (x, y)`. Each is
/// written as the equalities of its fields joined by AND (and the rows of an IN list by OR),
/// which gives Trino's answer with NULL fields too: a NULL field leaves the comparison NULL
/// unless another field decides it. Anywhere else a row value is refused.
extension TranslationContext {
    /// The fields of `expression` when it is a row value: `(a, b)` or `ROW(a, b)`.
    static func rowFields(_ expression: Expr) -> [Expr]? {
        guard case .call(let call) = expression, call.name.folded == "row", call.window == nil, !call.star,
            call.filter == nil
        else { return nil }
        return call.arguments
    }

    /// `expression` written as comparisons of fields, nil when it compares no row values.
    func rowComparison(_ expression: Expr) throws(QueryError) -> Expr? {
        switch expression {
        case .binary(let op, let left, let right, let at) where ["=", "<>", "!="].contains(op):
            guard let l = Self.rowFields(left), let r = Self.rowFields(right) else { return nil }
            let equal = try fieldsEqual(l, r, at: at)
            return op == "=" ? equal : .unary(op: "NOT", equal, at: at)
        case .inList(let value, let list, let negated, let at):
            guard let fields = Self.rowFields(value), !list.isEmpty else { return nil }
            var rows: [Expr] = []
            for item in list {
                guard let other = Self.rowFields(item) else {
                    throw .invalid(
                        message: "IN list of a row value takes rows of \(fields.count) fields", at: location(item.start)
                    )
                }
                rows.append(try fieldsEqual(fields, other, at: at))
            }
            let any = Expr.parenthesized(rows.dropFirst().reduce(rows[0]) { .binary(op: "OR", $0, $1, at: at) })
            return negated ? .unary(op: "NOT", any, at: at) : any
        default:
            return nil
        }
    }

    private func fieldsEqual(_ l: [Expr], _ r: [Expr], at: Int) throws(QueryError) -> Expr {
        guard l.count == r.count, !l.isEmpty else {
            throw .invalid(message: "cannot compare rows of \(l.count) and \(r.count) fields", at: location(at))
        }
        let equalities = zip(l, r).map { Expr.binary(op: "=", $0, $1, at: at) }
        return .parenthesized(equalities.dropFirst().reduce(equalities[0]) { .binary(op: "AND", $0, $1, at: at) })
    }
}

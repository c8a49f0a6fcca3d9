/// `GROUP BY ROLLUP | CUBE | GROUPING SETS`, as Trino plans them: every row is read once and
/// copied once per grouping set (a cross join with the sets' ids, the table scanned outermost), the
/// keys a set leaves out read as NULL, and the set's id is a grouping key. So the layouts meter one
/// scan, as Athena's single scan bills.
final class GroupingState {
    /// The id column of the sets' copies.
    static let setColumn = "\"__tm_gs\".\"column1\""

    /// Each distinct key's own SQL, and what it reads as once grouped: NULL in the sets that leave
    /// it out (nil when every set keeps it).
    let keys: [TExpr]
    private let grouped: [Fragment?]
    /// Each set's keys, as positions in `keys`.
    let sets: [Set<Int>]

    init(keys: [TExpr], sets: [Set<Int>]) {
        self.keys = keys
        self.sets = sets
        grouped = keys.indices.map { key in
            let keeping = sets.indices.filter { sets[$0].contains(key) }
            if keeping.count == sets.count { return nil }
            let ids = keeping.map(String.init).joined(separator: ", ")
            return Fragment("CASE WHEN \(Self.setColumn) IN (\(ids)) THEN ") + keys[key].sql + " END"
        }
    }

    /// The relation every row is joined with: one row per set.
    var setsRelation: String {
        "(VALUES " + sets.indices.map { "(\($0))" }.joined(separator: ", ") + ") AS \"__tm_gs\""
    }

    /// The GROUP BY list: the set's id, then each key as grouped.
    var groupByKeys: [Fragment] {
        [Fragment(Self.setColumn)] + keys.indices.map { grouped[$0] ?? keys[$0].sql }
    }

    /// The texts the grouped-column check accepts.
    var groupedTexts: Set<String> {
        Set(keys.indices.map { (grouped[$0] ?? keys[$0].sql).text })
    }

    /// The position of the key whose own SQL is `text`.
    func keyIndex(ofRawText text: String) -> Int? { keys.firstIndex { $0.sql.text == text } }

    /// `expression` after grouping: a key a set may leave out becomes its grouped form. A parent
    /// built over grouped keys is compared by its own SQL, with those keys read back as written.
    func asGrouped(_ expression: TExpr) -> TExpr {
        guard expression.constant == nil else { return expression }
        var text = expression.sql.text
        if text.contains("__tm_gs") {
            for (index, form) in grouped.enumerated() {
                if let form { text = text.replacingOccurrences(of: form.text, with: keys[index].sql.text) }
            }
        }
        guard let index = keyIndex(ofRawText: text), let form = grouped[index] else { return expression }
        var result = expression
        result.sql = Fragment("", at: expression.at) + form
        return result
    }

    /// `grouping(a, b, ...)` in each set: a bit per argument, the first the highest, set where the
    /// set leaves that key out.
    func groupingMask(_ arguments: [Int]) -> Fragment {
        var out = "CASE \(Self.setColumn)"
        for (id, set) in sets.enumerated() {
            var mask: Int64 = 0
            for key in arguments { mask = mask << 1 | (set.contains(key) ? 0 : 1) }
            out += " WHEN \(id) THEN \(mask)"
        }
        return Fragment(out + " END")
    }
}

extension TranslationContext {
    /// The keys of a `GROUP BY` with grouping sets, translated as written (an ordinal as its select
    /// item), each distinct key once.
    func groupingState(_ select: Select, _ groupingSets: GroupingSets, scope: Scope, ctes: CTEs) throws(QueryError)
        -> GroupingState
    {
        var keys: [TExpr] = []
        var positions: [Int] = []
        for expression in select.groupBy {
            var translated: TExpr
            if case .number(let digits, let at) = expression, let index = Int(digits) {
                guard index >= 1, index <= select.items.count else {
                    throw .invalid(message: "GROUP BY position \(index) is not in the select list", at: location(at))
                }
                let item = select.items[index - 1].expression
                if case .star(_, let at) = item {
                    throw .invalid(message: "GROUP BY position \(index) is a '*'", at: location(at))
                }
                translated = try translateExpression(item, scope: scope, ctes: ctes)
            } else {
                translated = try translateExpression(expression, scope: scope, ctes: ctes)
            }
            if translated.containsAggregate {
                throw .invalid(message: "GROUP BY clause cannot contain aggregations", at: location(expression.start))
            }
            if let existing = keys.firstIndex(where: { $0.sql.text == translated.sql.text }) {
                positions.append(existing)
            } else {
                positions.append(keys.count)
                keys.append(translated)
            }
        }
        var sets = groupingSets.sets.map { Set($0.map { positions[$0] }) }
        if groupingSets.distinct {
            var seen: Set<Set<Int>> = []
            sets = sets.filter { seen.insert($0).inserted }
        }
        return GroupingState(keys: keys, sets: sets)
    }

    /// `grouping(key, ...)`: which of its arguments the row's grouping set leaves out, as bits. 0
    /// under a plain GROUP BY, where every key is kept.
    func groupingCall(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let at = call.name.start
        guard scope.groupsRows else {
            throw .invalid(message: "grouping() needs a GROUP BY", at: location(at))
        }
        guard !call.arguments.isEmpty, call.arguments.count <= 62, !call.star, !call.distinct else {
            throw .invalid(message: "grouping() takes 1 to 62 grouping keys", at: location(at))
        }
        aggregateArgumentDepth += 1
        defer { aggregateArgumentDepth -= 1 }
        var args: [TExpr] = []
        for argument in call.arguments { args.append(try translateExpression(argument, scope: scope, ctes: ctes)) }
        guard let grouping = scope.grouping else {
            // Every key is in the one set; the arguments must still be keys (the grouped check).
            return .node(Fragment("0", at: at), .bigint, at: at, kids: args)
        }
        var positions: [Int] = []
        for (argument, expression) in zip(args, call.arguments) {
            guard let index = grouping.keyIndex(ofRawText: argument.sql.text) else {
                throw .invalid(
                    message: "the arguments to grouping() must be keys of the GROUP BY", at: location(expression.start))
            }
            positions.append(index)
        }
        var result = TExpr(sql: Fragment("", at: at) + grouping.groupingMask(positions), type: .bigint, at: at)
        result.isAggregateCall = true
        return result
    }
}

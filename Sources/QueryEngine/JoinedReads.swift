import CloudTrail

// The events table on the inner side of a join (`a JOIN t b ON a.requestid = b.requestid`, or a
// comma join) is read once, as Athena's hash join reads each side once. SQLite joins by nested
// loops and makes no automatic index on a virtual table, so left alone it would scan the layout
// again for every outer row: quadratic time, and a meter billing every rescan. Such a side is
// written as a subquery SQLite must materialize (`LIMIT -1` keeps it from being flattened), over
// the columns the statement reads through it, so SQLite reads the layout once and builds an
// automatic index for the join. SQLite pushes no outer condition into it, so the conditions on
// that side alone that may move are copied into it (`JoinSide`), and its partitions and
// eventTime window still prune its scan.

/// Which conditions on a join's inner side alone may move into its read without dropping a row
/// the join must keep.
struct JoinSide {
    /// The ON clause's: not when the side is preserved (RIGHT or FULL JOIN).
    let takesOn: Bool
    /// The WHERE clause's: for an inner or cross join, or a subquery's own table.
    let takesWhere: Bool
}

extension TranslationContext {
    /// One events table read as a materialized subquery, filled in once its SELECT is translated.
    struct JoinedRead {
        let alias: String
        let side: JoinSide
        var conditions: [Fragment] = []

        var columnsMark: String { "\u{1}columns:\(alias)\u{1}" }
        var whereMark: String { "\u{1}where:\(alias)\u{1}" }
    }

    /// The subquery standing for the events table under `alias`, with marks `fillJoinedReads`
    /// replaces.
    func joinedReadRelation(alias: String, at: Int) -> Fragment {
        let read = JoinedRead(alias: alias, side: joinSides.last ?? JoinSide(takesOn: true, takesWhere: true))
        joinedReads.append(read)
        let name = SQLText.identifier(alias)
        return Fragment("(SELECT \(read.columnsMark) FROM ", at: at) + SQLText.identifier(tableName) + " AS " + name
            + read.whereMark + " LIMIT -1) AS " + name
    }

    /// Copies the conjuncts of `condition` that read only one of `reads`' columns into its
    /// subquery, where its `JoinSide` lets them move.
    func copyConditions(_ condition: Expr, into reads: Range<Int>, whereClause: Bool, scope: Scope, ctes: CTEs)
        throws(QueryError)
    {
        guard !reads.isEmpty else { return }
        for conjunct in Self.conjuncts(condition) {
            let randomBefore = nondeterministicFunctions.count
            let translated = try translateExpression(conjunct, scope: scope, ctes: ctes)
            // A random condition drawn twice would not keep the same rows; a subquery may read others.
            let random = nondeterministicFunctions.count > randomBefore
            nondeterministicFunctions.removeSubrange(randomBefore...)
            guard !translated.containsAggregate, !random else { continue }
            let text = translated.sql.text
            guard !text.contains("SELECT") else { continue }
            let qualifiers = Set(Self.qualifiedColumns(in: text).map(\.qualifier))
            guard qualifiers.count == 1, let only = qualifiers.first else { continue }
            for index in reads where joinedReads[index].alias == only {
                let side = joinedReads[index].side
                guard whereClause ? side.takesWhere : side.takesOn else { continue }
                joinedReads[index].conditions.append(translated.sql)
            }
        }
    }

    /// Fills in the subqueries of the reads registered from `first` on, with the columns `select`
    /// reads through each alias.
    func fillJoinedReads(in select: Fragment, from first: Int) -> Fragment {
        guard first < joinedReads.count else { return select }
        var result = select
        let referenced = Self.qualifiedColumns(in: select.text)
        for read in joinedReads[first...] {
            var seen: Set<String> = []
            var columns: [String] = []
            for reference in referenced where reference.qualifier == read.alias {
                guard Self.layoutColumns.contains(reference.column), seen.insert(reference.column).inserted else {
                    continue
                }
                let name = SQLText.identifier(reference.column)
                columns.append("\(SQLText.identifier(read.alias)).\(name) AS \(name)")
            }
            let list = columns.isEmpty ? "1 AS \"__tm_row\"" : columns.joined(separator: ", ")
            result = result.replacing(read.columnsMark, with: list)
            var condition = Fragment()
            for (index, copied) in read.conditions.enumerated() {
                condition.append(index == 0 ? " WHERE (" : " AND (")
                condition.append(copied)
                condition.append(")")
            }
            result = result.replacing(read.whereMark, with: condition)
        }
        joinedReads.removeSubrange(first...)
        return result
    }

    /// The layout table's columns: every event column, the partition columns and the file columns.
    private static let layoutColumns = Set(
        EventSchema.columns.map(\.name) + DialectSchema.partitionColumns + DialectSchema.fileColumns)

    /// `"q"."c"` references in translated SQL, in order.
    static func qualifiedColumns(in text: String) -> [(qualifier: String, column: String)] {
        var found: [(String, String)] = []
        let bytes = Array(text.utf8)
        var index = 0
        func quoted(at start: Int) -> (String, Int)? {
            guard start < bytes.count, bytes[start] == 0x22 else { return nil }
            var end = start + 1
            var name: [UInt8] = []
            while end < bytes.count {
                if bytes[end] == 0x22 {
                    if end + 1 < bytes.count, bytes[end + 1] == 0x22 {
                        name.append(0x22)
                        end += 2
                        continue
                    }
                    return (String(decoding: name, as: UTF8.self), end + 1)
                }
                name.append(bytes[end])
                end += 1
            }
            return nil
        }
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x27 { inString.toggle() }
            if !inString, byte == 0x22, let (qualifier, end) = quoted(at: index) {
                if end < bytes.count, bytes[end] == 0x2E, let (column, after) = quoted(at: end + 1) {
                    found.append((qualifier, column))
                    index = after
                    continue
                }
                index = end
                continue
            }
            index += 1
        }
        return found
    }

    /// The operands of a condition's top-level ANDs.
    static func conjuncts(_ condition: Expr) -> [Expr] {
        if case .binary(let op, let left, let right, _) = condition, op.uppercased() == "AND" {
            return conjuncts(left) + conjuncts(right)
        }
        return [condition]
    }
}

extension TranslationContext {
    /// A subquery in an expression (EXISTS, IN, a scalar or quantified subquery). One that reads
    /// the outer query's columns is run by SQLite once per outer row, so its events tables are
    /// read once, as a join's inner side is: it is translated again with `materializesReads`.
    func translateSubqueryExpression(_ query: Query, scope: Scope, ctes: CTEs) throws(QueryError) -> (
        Fragment, [OutputColumn]
    ) {
        let outerFlag = correlatedReference
        correlatedReference = false
        correlationBoundaries.append(scope)
        var translated = try translateQuery(query, scope: scope, ctes: ctes, top: false, names: nil)
        let correlated = correlatedReference
        if correlated, !materializesReads, translated.0.text.contains(SQLText.identifier(tableName) + " AS ") {
            materializesReads = true
            defer { materializesReads = false }
            translated = try translateQuery(query, scope: scope, ctes: ctes, top: false, names: nil)
        }
        correlationBoundaries.removeLast()
        // A name that reached beyond this subquery's boundary also correlates the enclosing one.
        correlatedReference = outerFlag || correlated
        return translated
    }

    /// True when `candidate` is `scope` or one of its parents.
    static func isAncestor(_ candidate: Scope, of scope: Scope) -> Bool {
        var current: Scope? = scope
        while let level = current {
            if level === candidate { return true }
            current = level.parent
        }
        return false
    }
}

import CSQLite

/// What SQLite tells a virtual table's `bestIndex` about a scan, and where the table writes its
/// plan (`sqlite3_index_info`). Valid only during the call.
public struct IndexInfo {
    private let info: UnsafeMutablePointer<sqlite3_index_info>

    init(_ info: UnsafeMutablePointer<sqlite3_index_info>) { self.info = info }

    /// The operator of a constraint.
    public enum Operator: Sendable, Equatable {
        case equal, greater, lessOrEqual, less, greaterOrEqual, glob, like, match, regexp
        case limit, offset
        /// Any other operator SQLite defines (`!=`, `IS`, `IS NULL`, a function, …).
        case other(Int32)

        init(code: Int32) {
            self =
                switch code {
                case SQLITE_INDEX_CONSTRAINT_EQ: .equal
                case SQLITE_INDEX_CONSTRAINT_GT: .greater
                case SQLITE_INDEX_CONSTRAINT_LE: .lessOrEqual
                case SQLITE_INDEX_CONSTRAINT_LT: .less
                case SQLITE_INDEX_CONSTRAINT_GE: .greaterOrEqual
                case SQLITE_INDEX_CONSTRAINT_GLOB: .glob
                case SQLITE_INDEX_CONSTRAINT_LIKE: .like
                case SQLITE_INDEX_CONSTRAINT_MATCH: .match
                case SQLITE_INDEX_CONSTRAINT_REGEXP: .regexp
                case SQLITE_INDEX_CONSTRAINT_LIMIT: .limit
                case SQLITE_INDEX_CONSTRAINT_OFFSET: .offset
                default: .other(code)
                }
        }
    }

    /// One `column <operator> value` term of the WHERE clause (or a LIMIT/OFFSET).
    public struct Constraint: Sendable {
        /// The column, -1 for the rowid.
        public let column: Int
        public let op: Operator
        /// False when the plan being costed cannot supply the value.
        public let isUsable: Bool
    }

    /// The constraints, in SQLite's order.
    public var constraints: [Constraint] {
        (0..<Int(info.pointee.nConstraint)).map { index in
            let constraint = info.pointee.aConstraint[index]
            return Constraint(
                column: Int(constraint.iColumn), op: Operator(code: Int32(constraint.op)),
                isUsable: constraint.usable != 0)
        }
    }

    /// Hands the value of constraint `index` to `filter` as argument `argument` (1-based); with
    /// `omit`, SQLite no longer checks the constraint itself.
    public func pass(constraint index: Int, asArgument argument: Int, omit: Bool = false) {
        info.pointee.aConstraintUsage[index].argvIndex = Int32(argument)
        info.pointee.aConstraintUsage[index].omit = omit ? 1 : 0
    }

    /// The collation of constraint `index` (`sqlite3_vtab_collation`), e.g. `BINARY`.
    public func collation(ofConstraint index: Int) -> String? {
        sqlite3_vtab_collation(info, Int32(index)).map { String(cString: $0) }
    }

    /// True when the right-hand value of constraint `index` is known while planning
    /// (`sqlite3_vtab_rhs_value`): a constant in the statement, not a column or a subquery.
    public func hasConstantValue(_ index: Int) -> Bool {
        var value: OpaquePointer?
        return sqlite3_vtab_rhs_value(info, Int32(index), &value) == SQLITE_OK
    }

    /// True when constraint `index` is an `IN (…)` that `takeInListWhole` may hand over whole.
    public func isInList(_ index: Int) -> Bool { sqlite3_vtab_in(info, Int32(index), -1) != 0 }

    /// Asks that the list of `IN` constraint `index` reach `filter` as one value, whose members
    /// `ValueReference.forEachInListMember(_:)` reads.
    public func takeInListWhole(_ index: Int) { _ = sqlite3_vtab_in(info, Int32(index), 1) }

    /// The ORDER BY terms, when SQLite would like rows in an order.
    public var orderBy: [(column: Int, descending: Bool)] {
        (0..<Int(info.pointee.nOrderBy)).map { index in
            let term = info.pointee.aOrderBy[index]
            return (Int(term.iColumn), term.desc != 0)
        }
    }

    /// The columns the statement uses: bit i for column i < 63, bit 63 for any from 63 on.
    public var columnsUsed: UInt64 { info.pointee.colUsed }

    /// The plan's estimated cost and row count.
    public func estimate(cost: Double, rows: Int64) {
        info.pointee.estimatedCost = cost
        info.pointee.estimatedRows = rows
    }

    /// The plan text `filter` receives (`idxStr`, copied into memory SQLite frees).
    public func setPlan(_ plan: String) {
        if info.pointee.needToFreeIdxStr != 0 { sqlite3_free(info.pointee.idxStr) }
        info.pointee.idxStr = trailmeter_sqlite_strdup(plan)
        info.pointee.needToFreeIdxStr = 1
    }
}

import CSQLite

extension Statement {
    /// True when the statement makes no direct change to the database (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The current row's values, all columns.
    public func row() -> [SQLiteValue] { (0..<columnCount).map { value(at: $0) } }
}

import CSQLite

/// A value as SQLite stores it.
public enum SQLiteValue: Equatable, Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The value as an integer, when it is one.
    public var integer: Int64? { if case .integer(let v) = self { v } else { nil } }
    /// The value as text, when it is text.
    public var text: String? { if case .text(let v) = self { v } else { nil } }
}

/// A compiled statement. Finalized when released.
public final class Statement {
    let handle: OpaquePointer
    /// The connection that compiled it; kept alive as long as the statement is.
    public let connection: Connection
    /// The statement's SQL text.
    public let sql: String

    init(handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to parameters 1...n, after clearing earlier bindings and resetting.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
        case .real(let v): code = sqlite3_bind_double(handle, index, v)
        case .text(let v): code = sqlite3_bind_text(handle, index, v, -1, trailmeter_sqlite_transient())
        case .blob(let v): code = bindBlob(v, at: index)
        }
        guard code == SQLITE_OK else { throw SQLiteError(connection: connection.handle, code: code, sql: sql) }
    }

    /// Binds raw bytes as a BLOB without building an array first.
    public func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        let code = sqlite3_bind_blob64(
            handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(bytes.count),
            trailmeter_sqlite_transient())
        guard code == SQLITE_OK else { throw SQLiteError(connection: connection.handle, code: code, sql: sql) }
    }

    /// Binds UTF-8 bytes as TEXT without building a string first (for loads of millions of rows).
    public func bindText(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        let code = bytes.withMemoryRebound(to: CChar.self) { text in
            sqlite3_bind_text64(
                handle, index, text.baseAddress ?? UnsafePointer(bitPattern: 1), UInt64(text.count),
                trailmeter_sqlite_transient(), UInt8(SQLITE_UTF8))
        }
        guard code == SQLITE_OK else { throw SQLiteError(connection: connection.handle, code: code, sql: sql) }
    }

    private func bindBlob(_ bytes: [UInt8], at index: Int32) -> Int32 {
        bytes.withUnsafeBytes { raw in
            sqlite3_bind_blob64(
                handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(raw.count),
                trailmeter_sqlite_transient())
        }
    }

    /// Advances to the next row; false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw SQLiteError(connection: connection.handle, code: code, sql: sql)
        }
    }

    /// Resets the statement so it can run again with the same bindings.
    public func reset() { sqlite3_reset(handle) }

    /// Runs the statement with `values` bound, ignoring any rows.
    public func run(_ values: SQLiteValue...) throws(SQLiteError) {
        try bind(values)
        while try step() {}
    }

    /// Number of result columns.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Name of result column `index`.
    public func columnName(_ index: Int32) -> String { String(cString: sqlite3_column_name(handle, index)) }

    /// The current row's value in column `index`.
    public func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_BLOB: return .blob(blob(at: index))
        default: return .text(text(at: index) ?? "")
        }
    }

    /// The current row's integer in column `index` (0 for NULL).
    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// The current row's text in column `index`, nil for NULL.
    public func text(at index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The current row's bytes in column `index`.
    public func blob(at index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Calls `body` with the current row's bytes in column `index`, without copying them.
    public func withBlob<T>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(handle, index))
        let pointer = sqlite3_column_blob(handle, index)
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }
}

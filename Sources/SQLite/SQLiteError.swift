import CSQLite

/// A failure reported by SQLite, with the statement and, where SQLite knows it, the byte offset
/// in that statement where the problem lies.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's primary or extended result code.
    public let code: Int32
    /// SQLite's message (`sqlite3_errmsg`).
    public let message: String
    /// The SQL being prepared or run, when there was one.
    public let sql: String?
    /// Byte offset into `sql` of the token SQLite blames (`sqlite3_error_offset`), if any.
    public let offset: Int?

    public init(code: Int32, message: String, sql: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.offset = offset
    }

    init(connection: OpaquePointer?, code: Int32, sql: String? = nil) {
        let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        let offset = connection.map { Int(sqlite3_error_offset($0)) }.flatMap { $0 >= 0 ? $0 : nil }
        self.init(code: code, message: message, sql: sql, offset: offset)
    }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let offset { text += " (at byte \(offset))" }
        return text
    }
}

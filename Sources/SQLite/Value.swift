import CSQLite

/// The storage class of a value SQLite hands over.
public enum SQLiteType: Sendable {
    case null, integer, real, text, blob

    @inlinable init(code: Int32) {
        switch code {
        case SQLITE_NULL: self = .null
        case SQLITE_INTEGER: self = .integer
        case SQLITE_FLOAT: self = .real
        case SQLITE_BLOB: self = .blob
        default: self = .text
        }
    }
}

/// A value SQLite owns (`sqlite3_value*`): a function argument or a virtual table's filter
/// argument. Read it only while the call that handed it over runs.
public struct ValueReference {
    @usableFromInline let pointer: OpaquePointer?

    @inlinable init(_ pointer: OpaquePointer?) { self.pointer = pointer }

    /// The value's storage class.
    @inlinable public var type: SQLiteType { SQLiteType(code: sqlite3_value_type(pointer)) }

    /// True when the value is NULL.
    @inlinable public var isNull: Bool { sqlite3_value_type(pointer) == SQLITE_NULL }

    /// The subtype an application-defined function attached (e.g. 74, 'J', for JSON), 0 when none.
    @inlinable public var subtype: UInt32 { sqlite3_value_subtype(pointer) }

    /// The value as an integer (SQLite's conversion rules).
    @inlinable public var int64: Int64 { sqlite3_value_int64(pointer) }

    /// The value as a double (SQLite's conversion rules).
    @inlinable public var double: Double { sqlite3_value_double(pointer) }

    /// The value as UTF-8 bytes (converted to text when it is not), nil for NULL.
    @inlinable public var bytes: UnsafeRawBufferPointer? {
        guard sqlite3_value_type(pointer) != SQLITE_NULL, let text = sqlite3_value_text(pointer) else { return nil }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_value_bytes(pointer)))
    }

    /// The value as a Swift string, nil for NULL.
    @inlinable public var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    /// The value as a `SQLiteValue` (copies text and blobs).
    public var value: SQLiteValue {
        switch type {
        case .null: return .null
        case .integer: return .integer(int64)
        case .real: return .real(double)
        case .blob:
            let count = Int(sqlite3_value_bytes(pointer))
            guard count > 0, let blob = sqlite3_value_blob(pointer) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: blob, count: count)))
        case .text: return .text(text ?? "")
        }
    }

    /// Calls `body` with each member of the right-hand list of an `IN` a virtual table chose to
    /// see whole (`IndexInfo.takeInListWhole`), until it returns false; calls it for none when
    /// this value is no such list. SQLite may reuse one value for every member: read each one
    /// inside `body`.
    public func forEachInListMember(_ body: (ValueReference) -> Bool) {
        var member: OpaquePointer?
        var code = sqlite3_vtab_in_first(pointer, &member)
        while code == SQLITE_OK, body(ValueReference(member)) {
            code = sqlite3_vtab_in_next(pointer, &member)
        }
    }
}

/// SQLite's own text helpers.
public enum SQLiteText {
    /// SQLite's GLOB of NUL-terminated `text` against NUL-terminated `pattern` (`sqlite3_strglob`).
    @inlinable public static func glob(_ pattern: UnsafePointer<CChar>, _ text: UnsafePointer<CChar>) -> Bool {
        sqlite3_strglob(pattern, text) == 0
    }
}

import CSQLite

/// One action SQLite asks the authorizer about while it compiles a statement.
public struct AuthorizerRequest: Sendable {
    /// What the statement would do.
    public enum Action: Sendable, Equatable {
        case select, recursive
        /// Reading `table.column` (in `database`).
        case read
        /// Calling the function named in `second`.
        case function
        /// Writing rows of `table` (writes to the schema table are how DDL shows up first).
        case insert, update, delete
        /// Creating or dropping a table, index, view, trigger or virtual table named in `table`.
        case create, drop
        case alterTable, attach, detach, pragma, transaction, savepoint, reindex, analyze
        /// Any other action code SQLite defines.
        case other(Int32)
    }

    public let action: Action
    /// The action's first argument: the table for reads, writes, creations and drops.
    public let table: String?
    /// The second argument: the column of a read, the name of a function.
    public let second: String?
    /// The database (`main`, `temp`, …) the action touches, when there is one.
    public let database: String?

    public init(action: Action, table: String? = nil, second: String? = nil, database: String? = nil) {
        self.action = action
        self.table = table
        self.second = second
        self.database = database
    }

    init(code: Int32, _ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?, _ c: UnsafePointer<CChar>?) {
        self.init(
            action: Self.action(code), table: a.map { String(cString: $0) }, second: b.map { String(cString: $0) },
            database: c.map { String(cString: $0) })
    }

    private static func action(_ code: Int32) -> Action {
        switch code {
        case SQLITE_SELECT: .select
        case SQLITE_RECURSIVE: .recursive
        case SQLITE_READ: .read
        case SQLITE_FUNCTION: .function
        case SQLITE_INSERT: .insert
        case SQLITE_UPDATE: .update
        case SQLITE_DELETE: .delete
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TABLE,
            SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW,
            SQLITE_CREATE_VTABLE:
            .create
        case SQLITE_DROP_INDEX, SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TABLE,
            SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW,
            SQLITE_DROP_VTABLE:
            .drop
        case SQLITE_ALTER_TABLE: .alterTable
        case SQLITE_ATTACH: .attach
        case SQLITE_DETACH: .detach
        case SQLITE_PRAGMA: .pragma
        case SQLITE_TRANSACTION: .transaction
        case SQLITE_SAVEPOINT: .savepoint
        case SQLITE_REINDEX: .reindex
        case SQLITE_ANALYZE: .analyze
        default: .other(code)
        }
    }
}

/// Holds the authorizer closure while SQLite may call it.
private final class AuthorizerBox {
    let decide: (AuthorizerRequest) -> Bool
    init(_ decide: @escaping (AuthorizerRequest) -> Bool) { self.decide = decide }
}

extension Connection {
    /// Runs `body` with `decide` consulted for every action of every statement compiled meanwhile
    /// (`sqlite3_set_authorizer`): an action it refuses makes compiling fail. The authorizer is
    /// removed when `body` returns.
    public func withAuthorizer<T, E: Error>(
        _ decide: @escaping (AuthorizerRequest) -> Bool, _ body: () throws(E) -> T
    ) throws(E) -> T {
        let box = Unmanaged.passRetained(AuthorizerBox(decide)).toOpaque()
        sqlite3_set_authorizer(
            handle,
            { userData, code, a, b, c, _ in
                let box = Unmanaged<AuthorizerBox>.fromOpaque(userData!).takeUnretainedValue()
                return box.decide(AuthorizerRequest(code: code, a, b, c)) ? SQLITE_OK : SQLITE_DENY
            }, box)
        defer {
            sqlite3_set_authorizer(handle, nil, nil)
            Unmanaged<AuthorizerBox>.fromOpaque(box).release()
        }
        return try body()
    }

    /// Forbids `load_extension()` on this connection (`sqlite3_enable_load_extension`).
    public func disableExtensionLoading() { sqlite3_enable_load_extension(handle, 0) }
}

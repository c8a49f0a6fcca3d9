import SQLite
import TrailMeterCore

/// One (table, column) a statement reads, as SQLite's authorizer reports it at prepare time.
public struct ColumnRead: Hashable, Sendable {
    /// The table (the layout's table, or `json_each` for UNNEST).
    public let table: String
    /// The column; empty when SQLite reads the table without a column (e.g. `count(*)`).
    public let column: String
    /// `main`, `temp`, or an attached database's name.
    public let database: String
}

/// A user's query, translated and compiled read-only. Writes never reach SQLite: the translator
/// refuses any statement but a query, an authorizer denies every action but reading and calling
/// innocuous functions while the statement compiles, extension loading is switched off, and the
/// compiled statement must be read-only.
public final class UserQuery {
    public let translation: Translation
    public let statement: Statement
    /// Columns the statement reads, in the order SQLite first reported them.
    public let reads: [ColumnRead]

    private init(translation: Translation, statement: Statement, reads: [ColumnRead]) {
        self.translation = translation
        self.statement = statement
        self.reads = reads
    }

    /// Translates `sql` and compiles it on `connection`. `onRead` hears every (table, column) the
    /// statement reads, for the meter.
    public static func prepare(
        _ sql: String, translator: Translator, on connection: Connection,
        onRead: ((ColumnRead) -> Void)? = nil
    ) throws(QueryError) -> UserQuery {
        try prepare(try translator.translate(sql), on: connection, onRead: onRead)
    }

    /// Compiles an existing translation read-only on `connection`.
    public static func prepare(
        _ translation: Translation, on connection: Connection,
        onRead: ((ColumnRead) -> Void)? = nil
    ) throws(QueryError) -> UserQuery {
        do {
            let (statement, reads) = try ReadOnlyGuard.prepare(translation.sqliteSQL, on: connection, onRead: onRead)
            return UserQuery(translation: translation, statement: statement, reads: reads)
        } catch {
            switch error {
            case .denied(let action, let offset):
                let at =
                    translation.sourceLocation(forTranslatedOffset: offset ?? 0)
                    ?? SourceLocation(line: 1, column: 1, offset: 0)
                throw .refused(statement: action, at: at)
            case .sqlite(let error):
                let at = error.offset.flatMap { translation.sourceLocation(forTranslatedOffset: $0) }
                throw .engine(message: error.message, at: at)
            }
        }
    }

    /// Advances to the next row; false when done.
    public func step() throws(QueryError) -> Bool {
        do {
            return try statement.step()
        } catch {
            throw .engine(message: error.message, at: nil)
        }
    }

    /// The current row.
    public func row() -> [SQLiteValue] { statement.row() }

    /// Runs the statement to the end and returns every row.
    public func allRows() throws(QueryError) -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        while try step() { rows.append(row()) }
        return rows
    }
}

/// Compiles SQL so that it cannot change anything. Used by `UserQuery`; callable directly for
/// SQLite SQL a program builds.
public enum ReadOnlyGuard {
    public enum Failure: Error {
        /// The authorizer refused `action` (`INSERT`, `PRAGMA`, `function load_extension`, ...).
        case denied(action: String, offset: Int?)
        case sqlite(SQLiteError)
    }

    /// Functions a query may never call, whatever the build of SQLite offers.
    static let deniedFunctions: Set<String> = [
        "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "zipfile", "sqlar_compress",
    ]

    private final class Context {
        var reads: [ColumnRead] = []
        var seen: Set<ColumnRead> = []
        var denied: String?
        let onRead: ((ColumnRead) -> Void)?
        init(onRead: ((ColumnRead) -> Void)?) { self.onRead = onRead }
    }

    /// Compiles `sql`; returns the statement and the columns it reads.
    public static func prepare(_ sql: String, on connection: Connection, onRead: ((ColumnRead) -> Void)? = nil)
        throws(Failure) -> (Statement, [ColumnRead])
    {
        connection.disableExtensionLoading()
        // The first use of an eponymous virtual table (json_each, for UNNEST) on a connection
        // registers it, which the authorizer sees as a schema write: do it before guarding.
        _ = try? connection.prepare("SELECT 1 FROM json_each('[]'), json_tree('[]')")
        let context = Context(onRead: onRead)
        let authorize = { (request: AuthorizerRequest) -> Bool in
            switch request.action {
            case .select, .recursive:
                return true
            case .read:
                let read = ColumnRead(
                    table: request.table ?? "", column: request.second ?? "", database: request.database ?? "")
                if context.seen.insert(read).inserted {
                    context.reads.append(read)
                    context.onRead?(read)
                }
                return true
            case .function:
                let name = (request.second ?? "").lowercased()
                if ReadOnlyGuard.deniedFunctions.contains(name) {
                    context.denied = "function \(name)"
                    return false
                }
                return true
            default:
                context.denied = context.denied ?? ReadOnlyGuard.actionName(request.action, table: request.table ?? "")
                return false
            }
        }
        let statement: Statement
        do {
            statement = try connection.withAuthorizer(authorize) { () throws(SQLiteError) in try connection.prepare(sql)
            }
        } catch {
            if let denied = context.denied { throw .denied(action: denied, offset: error.offset) }
            throw .sqlite(error)
        }
        guard statement.isReadOnly else { throw .denied(action: "a statement that writes", offset: nil) }
        return (statement, context.reads)
    }

    static func actionName(_ action: AuthorizerRequest.Action, table: String) -> String {
        // DDL first shows up as a write to the schema table.
        if table == "sqlite_master" || table == "sqlite_temp_master" || table == "sqlite_schema" {
            switch action {
            case .insert: return "CREATE"
            case .delete: return "DROP"
            case .update: return "ALTER"
            default: break
            }
        }
        switch action {
        case .insert: return "INSERT"
        case .update: return "UPDATE"
        case .delete: return "DELETE"
        case .create: return "CREATE"
        case .drop: return "DROP"
        case .alterTable: return "ALTER"
        case .attach: return "ATTACH"
        case .detach: return "DETACH"
        case .pragma: return "PRAGMA"
        case .transaction: return "transaction control"
        case .savepoint: return "SAVEPOINT"
        case .reindex: return "REINDEX"
        case .analyze: return "ANALYZE"
        case .other(let code): return "action \(code)"
        case .select, .recursive, .read, .function: return "action \(action)"
        }
    }
}

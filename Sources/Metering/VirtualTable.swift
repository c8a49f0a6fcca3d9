import SQLite

/// Registers layout tables as SQLite virtual-table modules.
enum VirtualTableModule {
    /// Registers `table` under `moduleName` and creates `temp.<tableName>` over it. Done before
    /// any user SQL is compiled, so the read-only guard never sees a schema change.
    static func install<Table: VirtualTable>(
        _ table: Table, moduleName: String, tableName: String, on connection: Connection
    ) throws(MeteringError) {
        do {
            try connection.registerModule(moduleName, table: table)
        } catch {
            throw .engine(detail: "cannot register module \(moduleName): \(error.message)")
        }
        do {
            try connection.execute("CREATE VIRTUAL TABLE temp.\"\(tableName)\" USING \(moduleName)")
        } catch {
            throw .engine(detail: "cannot create table \(tableName): \(error.message)")
        }
    }
}

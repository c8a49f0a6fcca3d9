import CSQLite
import SQLite

/// A layout as SQLite sees it: one virtual table whose rows a subclass produces. The glue below
/// turns SQLite's C callbacks into calls on these objects.
class LayoutTable {
    /// `CREATE TABLE x(...)` text handed to `sqlite3_declare_vtab`.
    var declaration: String { fatalError("subclass") }

    /// Plans a scan: which constraints reach `filter`, and at what cost.
    func bestIndex(_ info: UnsafeMutablePointer<sqlite3_index_info>) -> Int32 { SQLITE_OK }

    /// A new cursor over the table.
    func openCursor() -> LayoutCursor { fatalError("subclass") }
}

/// One scan of a layout table.
class LayoutCursor {
    /// Starts (or restarts) the scan with the plan `bestIndex` chose and its argument values.
    func filter(plan: String?, arguments: [OpaquePointer?]) throws(MeteringError) {}
    /// Moves to the next row.
    func next() throws(MeteringError) {}
    /// True when past the last row.
    var isAtEnd: Bool { true }
    /// Sets the value of column `index` of the current row on `context`.
    func column(_ context: OpaquePointer, _ index: Int) {}
    /// A number unique to the current row within the scan.
    var rowID: Int64 { 0 }
}

/// Registers layout tables as SQLite virtual-table modules.
enum VirtualTableModule {
    /// Registers `table` under `moduleName` and creates `temp.<tableName>` over it. Done before
    /// any user SQL is compiled, so the read-only guard never sees a schema change.
    static func install(_ table: LayoutTable, moduleName: String, tableName: String, on connection: Connection)
        throws(MeteringError)
    {
        let aux = Unmanaged.passRetained(table).toOpaque()
        let code = sqlite3_create_module_v2(connection.handle, moduleName, module, aux) { aux in
            if let aux { Unmanaged<LayoutTable>.fromOpaque(aux).release() }
        }
        guard code == SQLITE_OK else {
            throw .engine(
                detail: "cannot register module \(moduleName): \(String(cString: sqlite3_errmsg(connection.handle)))")
        }
        do {
            try connection.execute("CREATE VIRTUAL TABLE temp.\"\(tableName)\" USING \(moduleName)")
        } catch {
            throw .engine(detail: "cannot create table \(tableName): \(error.message)")
        }
    }

    private static func table(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?) -> LayoutTable {
        let raw = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: trailmeter_vtab.self)
        return Unmanaged<LayoutTable>.fromOpaque(raw.pointee.owner).takeUnretainedValue()
    }

    private static func cursor(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> LayoutCursor {
        let raw = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: trailmeter_vtab_cursor.self)
        return Unmanaged<LayoutCursor>.fromOpaque(raw.pointee.owner).takeUnretainedValue()
    }

    /// Reports `error` to SQLite through the table's error message.
    private static func fail(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ error: MeteringError) -> Int32 {
        if let vtab {
            sqlite3_free(vtab.pointee.zErrMsg)
            vtab.pointee.zErrMsg = trailmeter_sqlite_strdup(error.description)
        }
        return SQLITE_ERROR
    }

    private static let connect:
        @convention(c) (
            OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
            UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?,
            UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        ) -> Int32 = { db, aux, _, _, output, _ in
            let table = Unmanaged<LayoutTable>.fromOpaque(aux!).takeUnretainedValue()
            let code = sqlite3_declare_vtab(db, table.declaration)
            guard code == SQLITE_OK else { return code }
            let vtab = UnsafeMutablePointer<trailmeter_vtab>.allocate(capacity: 1)
            vtab.initialize(to: trailmeter_vtab())
            vtab.pointee.owner = Unmanaged.passRetained(table).toOpaque()
            output!.pointee = UnsafeMutableRawPointer(vtab).assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }

    private static let disconnect: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 = { vtab in
        let raw = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: trailmeter_vtab.self)
        Unmanaged<LayoutTable>.fromOpaque(raw.pointee.owner).release()
        sqlite3_free(raw.pointee.base.zErrMsg)
        raw.deallocate()
        return SQLITE_OK
    }

    // Written once, then only read by SQLite.
    nonisolated(unsafe) static let module: UnsafeMutablePointer<sqlite3_module> = {
        var module = sqlite3_module()
        module.iVersion = 1
        module.xCreate = connect
        module.xConnect = connect
        module.xDisconnect = disconnect
        module.xDestroy = disconnect
        module.xBestIndex = { vtab, info in VirtualTableModule.table(vtab).bestIndex(info!) }
        module.xOpen = { vtab, output in
            let cursor = UnsafeMutablePointer<trailmeter_vtab_cursor>.allocate(capacity: 1)
            cursor.initialize(to: trailmeter_vtab_cursor())
            cursor.pointee.owner = Unmanaged.passRetained(VirtualTableModule.table(vtab).openCursor()).toOpaque()
            output!.pointee = UnsafeMutableRawPointer(cursor).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        module.xClose = { cursor in
            let raw = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: trailmeter_vtab_cursor.self)
            Unmanaged<LayoutCursor>.fromOpaque(raw.pointee.owner).release()
            raw.deallocate()
            return SQLITE_OK
        }
        module.xFilter = { cursor, _, idxStr, argc, argv in
            let plan = idxStr.map { String(cString: $0) }
            let arguments = (0..<Int(argc)).map { argv![$0] }
            do {
                try VirtualTableModule.cursor(cursor).filter(plan: plan, arguments: arguments)
                return SQLITE_OK
            } catch {
                return VirtualTableModule.fail(
                    cursor!.pointee.pVtab, error as? MeteringError ?? .engine(detail: "\(error)"))
            }
        }
        module.xNext = { cursor in
            do {
                try VirtualTableModule.cursor(cursor).next()
                return SQLITE_OK
            } catch {
                return VirtualTableModule.fail(
                    cursor!.pointee.pVtab, error as? MeteringError ?? .engine(detail: "\(error)"))
            }
        }
        module.xEof = { cursor in VirtualTableModule.cursor(cursor).isAtEnd ? 1 : 0 }
        module.xColumn = { cursor, context, index in
            VirtualTableModule.cursor(cursor).column(context!, Int(index))
            return SQLITE_OK
        }
        module.xRowid = { cursor, rowID in
            rowID!.pointee = VirtualTableModule.cursor(cursor).rowID
            return SQLITE_OK
        }
        let pointer = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        pointer.initialize(to: module)
        return pointer
    }()
}

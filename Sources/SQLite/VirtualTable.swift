import CSQLite

/// A virtual table: SQLite asks it to plan each scan and opens cursors on it. Register one with
/// `Connection.registerModule(_:table:)`, then `CREATE VIRTUAL TABLE … USING` the module.
public protocol VirtualTable: AnyObject {
    associatedtype Cursor: VirtualTableCursor

    /// `CREATE TABLE x(...)` text declaring the columns (`sqlite3_declare_vtab`).
    var declaration: String { get }

    /// Plans a scan (`xBestIndex`): which constraints reach `filter`, and at what cost.
    func bestIndex(_ info: IndexInfo)

    /// A new cursor over the table.
    func openCursor() -> Cursor
}

/// One scan of a virtual table. Errors thrown by `filter` and `next` fail the statement with
/// their description.
public protocol VirtualTableCursor: AnyObject {
    /// Starts (or restarts) the scan with the plan `bestIndex` chose and its argument values.
    func filter(plan: String?, arguments: FunctionArguments) throws
    /// Moves to the next row.
    func next() throws
    /// True when past the last row.
    var isAtEnd: Bool { get }
    /// Sets the value of column `index` of the current row.
    func column(_ index: Int, into result: FunctionResult)
    /// A number unique to the current row within the scan.
    var rowID: Int64 { get }
}

extension Connection {
    /// Registers `table` as the virtual-table module `name`; every table created with
    /// `USING name` is served by it. The connection keeps `table` alive.
    public func registerModule<Table: VirtualTable>(_ name: String, table: Table) throws(SQLiteError) {
        let box = Unmanaged.passRetained(TableBox(table)).toOpaque()
        let code = sqlite3_create_module_v2(handle, name, ModuleGlue.module, box) { box in
            if let box { Unmanaged<TableBox>.fromOpaque(box).release() }
        }
        guard code == SQLITE_OK else { throw SQLiteError(connection: handle, code: code) }
    }
}

/// The table behind a module, with its cursor type erased for the C callbacks.
private final class TableBox {
    let table: any VirtualTable
    init(_ table: any VirtualTable) { self.table = table }
}

/// A cursor as the C callbacks hold it. One dynamic call per callback is the price of the C
/// boundary; what the cursor does per cell is its own, statically dispatched, code.
private final class CursorBox {
    let cursor: any VirtualTableCursor
    init(_ cursor: any VirtualTableCursor) { self.cursor = cursor }
}

/// The C side of every module: turns SQLite's callbacks into calls on the Swift objects.
private enum ModuleGlue {
    static func table(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?) -> any VirtualTable {
        let raw = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: trailmeter_vtab.self)
        return Unmanaged<TableBox>.fromOpaque(raw.pointee.owner).takeUnretainedValue().table
    }

    static func cursor(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> any VirtualTableCursor {
        let raw = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: trailmeter_vtab_cursor.self)
        return Unmanaged<CursorBox>.fromOpaque(raw.pointee.owner).takeUnretainedValue().cursor
    }

    /// Reports `error` through the table's error message.
    static func fail(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?, _ error: any Error) -> Int32 {
        if let vtab = cursor?.pointee.pVtab {
            sqlite3_free(vtab.pointee.zErrMsg)
            vtab.pointee.zErrMsg = trailmeter_sqlite_strdup(String(describing: error))
        }
        return SQLITE_ERROR
    }

    static let connect:
        @convention(c) (
            OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
            UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?,
            UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        ) -> Int32 = { db, aux, _, _, output, _ in
            let box = Unmanaged<TableBox>.fromOpaque(aux!).takeUnretainedValue()
            let code = sqlite3_declare_vtab(db, box.table.declaration)
            guard code == SQLITE_OK else { return code }
            let vtab = UnsafeMutablePointer<trailmeter_vtab>.allocate(capacity: 1)
            vtab.initialize(to: trailmeter_vtab())
            vtab.pointee.owner = Unmanaged.passRetained(box).toOpaque()
            output!.pointee = UnsafeMutableRawPointer(vtab).assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }

    static let disconnect: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 = { vtab in
        let raw = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: trailmeter_vtab.self)
        Unmanaged<TableBox>.fromOpaque(raw.pointee.owner).release()
        sqlite3_free(raw.pointee.base.zErrMsg)
        raw.deinitialize(count: 1)
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
        module.xBestIndex = { vtab, info in
            ModuleGlue.table(vtab).bestIndex(IndexInfo(info!))
            return SQLITE_OK
        }
        module.xOpen = { vtab, output in
            let cursor = UnsafeMutablePointer<trailmeter_vtab_cursor>.allocate(capacity: 1)
            cursor.initialize(to: trailmeter_vtab_cursor())
            let box = CursorBox(ModuleGlue.table(vtab).openCursor())
            cursor.pointee.owner = Unmanaged.passRetained(box).toOpaque()
            output!.pointee = UnsafeMutableRawPointer(cursor).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
            return SQLITE_OK
        }
        module.xClose = { cursor in
            let raw = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: trailmeter_vtab_cursor.self)
            Unmanaged<CursorBox>.fromOpaque(raw.pointee.owner).release()
            raw.deinitialize(count: 1)
            raw.deallocate()
            return SQLITE_OK
        }
        module.xFilter = { cursor, _, idxStr, argc, argv in
            do {
                try ModuleGlue.cursor(cursor).filter(
                    plan: idxStr.map { String(cString: $0) }, arguments: FunctionArguments(argv, argc))
                return SQLITE_OK
            } catch {
                return ModuleGlue.fail(cursor, error)
            }
        }
        module.xNext = { cursor in
            do {
                try ModuleGlue.cursor(cursor).next()
                return SQLITE_OK
            } catch {
                return ModuleGlue.fail(cursor, error)
            }
        }
        module.xEof = { cursor in ModuleGlue.cursor(cursor).isAtEnd ? 1 : 0 }
        module.xColumn = { cursor, context, index in
            ModuleGlue.cursor(cursor).column(Int(index), into: FunctionResult(context!))
            return SQLITE_OK
        }
        module.xRowid = { cursor, rowID in
            rowID!.pointee = ModuleGlue.cursor(cursor).rowID
            return SQLITE_OK
        }
        let pointer = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        pointer.initialize(to: module)
        return pointer
    }()
}

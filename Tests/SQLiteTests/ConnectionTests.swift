import SQLite
import Testing

@Suite struct ConnectionTests {
    @Test func statementsBindAndReadEveryType() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(a, b, c, d, e)")
        try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)").run(
            .null, .integer(42), .real(1.5), .text("héllo"), .blob([0, 1, 255]))
        let statement = try db.prepare("SELECT a, b, c, d, e FROM t")
        #expect(try statement.step())
        #expect(statement.row() == [.null, .integer(42), .real(1.5), .text("héllo"), .blob([0, 1, 255])])
        #expect(statement.columnName(3) == "d")
        #expect(statement.isReadOnly)
        #expect(try !statement.step())
    }

    @Test func errorsCarrySQLAndOffset() throws {
        let db = try Connection(path: ":memory:")
        let error = #expect(throws: SQLiteError.self) { try db.prepare("SELECT nosuch FROM sqlite_schema") }
        #expect(error?.sql == "SELECT nosuch FROM sqlite_schema")
        #expect(error?.offset == 7)
        #expect(error?.message.contains("nosuch") == true)
    }

    @Test func transactionRollsBackWhenBodyThrows() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        #expect(throws: SQLiteError.self) {
            try db.transaction { () throws(SQLiteError) in
                try db.execute("INSERT INTO t VALUES (1)")
                try db.execute("INSERT INTO no_such_table VALUES (1)")
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test func authorizerSeesReadsAndCanRefuse() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x, y)")
        var reads: [String] = []
        let recordReads = { (request: AuthorizerRequest) -> Bool in
            if request.action == .read { reads.append("\(request.table ?? "").\(request.second ?? "")") }
            return request.action != .insert
        }
        let statement = try db.withAuthorizer(recordReads) { () throws(SQLiteError) in
            try db.prepare("SELECT y FROM t")
        }
        #expect(reads == ["t.y"])
        #expect(try !statement.step())
        let refuseWrites = { (request: AuthorizerRequest) in request.action != .insert }
        #expect(throws: SQLiteError.self) {
            try db.withAuthorizer(refuseWrites) { () throws(SQLiteError) in
                try db.prepare("INSERT INTO t VALUES (1, 2)")
            }
        }
        // Removed again once the body returns.
        try db.execute("INSERT INTO t VALUES (1, 2)")
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(1))
    }
}

import SQLite
import Testing

/// The numbers 1...count with their squares; `n = value` and `n IN (...)` are handed to the cursor.
final class Numbers: VirtualTable {
    let count: Int
    var plans: [String] = []
    init(count: Int) { self.count = count }

    var declaration: String { "CREATE TABLE x(n, square, label HIDDEN)" }

    func bestIndex(_ info: IndexInfo) {
        var plan = String(info.columnsUsed, radix: 16) + ";"
        for (index, constraint) in info.constraints.enumerated()
        where constraint.isUsable && constraint.column == 0 && constraint.op == .equal {
            if info.isInList(index) {
                info.takeInListWhole(index)
                plan += "in"
            } else {
                plan += "eq"
            }
            info.pass(constraint: index, asArgument: 1, omit: true)
            break
        }
        if let order = info.orderBy.first { plan += "|\(order.column)\(order.descending ? "d" : "a")" }
        plans.append(plan)
        info.estimate(cost: plan.contains("eq") || plan.contains("in") ? 1 : 1_000, rows: Int64(count))
        info.setPlan(plan)
    }

    func openCursor() -> Cursor { Cursor(count: count) }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "thirteen is unlucky" }
    }

    final class Cursor: VirtualTableCursor {
        let count: Int
        var rows: [Int] = []
        var position = 0
        init(count: Int) { self.count = count }

        func filter(plan: String?, arguments: FunctionArguments) throws {
            let plan = plan ?? ""
            if plan.hasSuffix(";eq") || plan.contains(";eq|") {
                rows = [Int(arguments.int64(0))].filter { (1...count).contains($0) }
            } else if plan.contains(";in") {
                var wanted: [Int] = []
                arguments[0].forEachInListMember { member in
                    wanted.append(Int(member.int64))
                    return true
                }
                rows = wanted.sorted().filter { (1...count).contains($0) }
            } else {
                rows = Array(1...count)
            }
            position = 0
            if rows.first == 13 { throw Failure() }
        }

        func next() throws { position += 1 }
        var isAtEnd: Bool { position >= rows.count }
        var rowID: Int64 { Int64(rows[position]) }

        func column(_ index: Int, into result: FunctionResult) {
            let n = rows[position]
            switch index {
            case 0: result.int64(Int64(n))
            case 1: result.int64(Int64(n * n))
            default: result.text("n\(n)")
            }
        }
    }
}

@Suite struct VirtualTableTests {
    func database(_ table: Numbers) throws -> Connection {
        let db = try Connection(path: ":memory:")
        try db.registerModule("numbers", table: table)
        try db.execute("CREATE VIRTUAL TABLE temp.numbers USING numbers")
        return db
    }

    func rows(_ db: Connection, _ sql: String) throws -> [[SQLiteValue]] {
        let statement = try db.prepare(sql)
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }

    @Test func scansEveryRowAndEveryColumn() throws {
        let db = try database(Numbers(count: 4))
        #expect(try rows(db, "SELECT n, square, label FROM numbers WHERE square > 4").count == 2)
        #expect(try db.scalar("SELECT sum(square) FROM numbers") == .integer(30))
        #expect(try db.scalar("SELECT label FROM numbers WHERE rowid = 3") == .text("n3"))
    }

    @Test func constraintsReachTheCursorThroughThePlan() throws {
        let table = Numbers(count: 100)
        let db = try database(table)
        #expect(try rows(db, "SELECT square FROM numbers WHERE n = 7") == [[.integer(49)]])
        #expect(table.plans.last?.hasSuffix(";eq") == true)
        #expect(try rows(db, "SELECT n FROM numbers WHERE n IN (3, 1, 200)") == [[.integer(1)], [.integer(3)]])
        #expect(table.plans.contains { $0.hasSuffix(";in") })
        _ = try rows(db, "SELECT n FROM numbers ORDER BY square DESC LIMIT 2")
        #expect(table.plans.last?.hasSuffix("|1d") == true)
        // colUsed: bits 0 and 1, n and square.
        #expect(table.plans.last?.hasPrefix("3;") == true)
    }

    @Test func cursorErrorsFailTheStatementWithTheirDescription() throws {
        let db = try database(Numbers(count: 20))
        let error = #expect(throws: SQLiteError.self) { try rows(db, "SELECT * FROM numbers WHERE n = 13") }
        #expect(error?.message == "thirteen is unlucky")
    }
}

import SQLite
import Testing

@Suite struct FunctionTests {
    @Test func scalarFunctionReadsEveryArgumentType() throws {
        let db = try Connection(path: ":memory:")
        try db.defineFunction("describe", argumentCount: 1) { args, result in
            switch args.type(0) {
            case .null: result.text("null")
            case .integer: result.text("integer \(args.int64(0))")
            case .real: result.text("real \(args.double(0))")
            case .text: result.text("text \(args.text(0) ?? "")")
            case .blob: result.text("blob \(args.bytes(0)?.count ?? -1)")
            }
        }
        let statement = try db.prepare(
            "SELECT describe(NULL), describe(7), describe(2.5), describe('ü'), describe(x'0102')")
        #expect(try statement.step())
        #expect(
            statement.row() == [.text("null"), .text("integer 7"), .text("real 2.5"), .text("text ü"), .text("blob 2")])
    }

    @Test func resultsOfEveryKindAndErrors() throws {
        let db = try Connection(path: ":memory:")
        try db.defineFunction("echo", argumentCount: 1) { args, result in result.value(args.sqliteValue(0)) }
        try db.defineFunction("pass", argumentCount: 1) { args, result in result.value(args[0]) }
        try db.defineFunction("fail", argumentCount: 0) { _, result in result.error("no such luck") }
        let statement = try db.prepare(
            "SELECT echo(x'00ff'), echo(3), pass(json('[1]')), json_array(pass(json('[1]')))")
        #expect(try statement.step())
        #expect(statement.row() == [.blob([0, 255]), .integer(3), .text("[1]"), .text("[[1]]")])
        let error = #expect(throws: SQLiteError.self) { try db.scalar("SELECT fail()") }
        #expect(error?.message == "no such luck")
    }

    @Test func subtypeSurvivesArguments() throws {
        let db = try Connection(path: ":memory:")
        try db.defineFunction("is_json", argumentCount: 1) { args, result in result.bool(args[0].subtype == 74) }
        #expect(try db.scalar("SELECT is_json(json('{}'))") == .integer(1))
        #expect(try db.scalar("SELECT is_json('{}')") == .integer(0))
    }

    final class Joined: AggregateState {
        var parts: [String] = []
        func step(_ arguments: FunctionArguments) { parts.append(arguments.text(0) ?? "-") }
        func final(_ result: FunctionResult) { result.text(parts.joined(separator: "+")) }
    }

    @Test func aggregateKeepsOneStatePerGroup() throws {
        let db = try Connection(path: ":memory:")
        try db.defineAggregate("joined", argumentCount: 1) { Joined() }
        try db.execute("CREATE TABLE t(g, v); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (1, NULL), (1, 'c')")
        let statement = try db.prepare("SELECT g, joined(v) FROM t GROUP BY g ORDER BY g")
        var rows: [[SQLiteValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        #expect(rows == [[.integer(1), .text("a+-+c")], [.integer(2), .text("b")]])
    }

    @Test func globFollowsSQLite() {
        #expect(SQLiteText.glob("Get*", "GetObject"))
        #expect(!SQLiteText.glob("get*", "GetObject"))
        #expect(SQLiteText.glob("[A-Z]?t", "Put"))
    }
}

import QueryEngine
import Testing

/// What a statement promises about its rows' order, and the whole result a LIMIT draws from.
@Suite struct ResultOrderTests {
    static func translate(_ sql: String, dropsLimit: Bool = false) throws -> Translation {
        var translator = Translator(tableName: "events", dialect: .athena)
        translator.dropsLimit = dropsLimit
        return try translator.translate(sql)
    }

    @Test(arguments: [
        ("SELECT eventname FROM t", ResultOrder.unordered),
        ("SELECT eventname FROM t ORDER BY eventtime", .ordered(limited: false)),
        ("SELECT eventname FROM t ORDER BY eventtime LIMIT 5", .ordered(limited: true)),
        ("SELECT eventname FROM t OFFSET 2", .anyRows),
        ("SELECT eventname FROM t LIMIT 5", .anyRows),
        ("(SELECT eventname FROM t LIMIT 5)", .anyRows),
        ("WITH x AS (SELECT eventname FROM t ORDER BY eventname LIMIT 3) SELECT * FROM x", .unordered),
        ("SELECT eventname FROM t UNION ALL SELECT eventsource FROM t ORDER BY 1 LIMIT 2", .ordered(limited: true)),
        ("SELECT * FROM (SELECT eventname FROM t ORDER BY eventtime LIMIT 3)", .unordered),
    ])
    func theOutermostClausesDecide(sql: String, expected: ResultOrder) throws {
        #expect(try Self.translate(sql).resultOrder == expected)
    }

    @Test func onlyALimitOrOffsetMakesTheRowsKeptOpen() {
        #expect(ResultOrder.anyRows.isLimited && ResultOrder.ordered(limited: true).isLimited)
        #expect(!ResultOrder.unordered.isLimited && !ResultOrder.ordered(limited: false).isLimited)
    }

    @Test func droppingTheLimitKeepsInnerOnes() throws {
        let sql = "SELECT * FROM (SELECT eventname FROM t ORDER BY eventtime LIMIT 3) OFFSET 1 LIMIT 2"
        let whole = try Self.translate(sql, dropsLimit: true)
        #expect(whole.sqliteSQL.components(separatedBy: "LIMIT").count == 2)
        #expect(!whole.sqliteSQL.contains("OFFSET"))
        #expect(try Self.translate(sql).sqliteSQL.contains("OFFSET"))
        let nested = try Self.translate("(SELECT eventname FROM t LIMIT 5)", dropsLimit: true)
        #expect(!nested.sqliteSQL.contains("LIMIT"))
    }
}

import Foundation
import SQLite
import Testing

@testable import Metering

/// Text filters and LIMIT rankings pushed to the columnar layout: it hands SQLite fewer rows, and
/// the rows and the bytes stay what they were.
@Suite struct PushdownTests {
    static let lake = "880143b0-368b-4ef8-a6e1-887a48146de7"

    /// Each with the columns it references, whose chunks (every segment: no eventTime bounds) it
    /// must read whatever its filters and LIMIT.
    static let queries: [(sql: String, columns: [String])] = [
        // Trino's LIKE is case-sensitive: nothing is called 'consolelogin'.
        (
            "SELECT eventtime, eventname FROM t WHERE eventname LIKE 'consolelogin' ORDER BY eventtime DESC LIMIT 10",
            ["eventtime", "eventname"]
        ),
        (
            "SELECT eventtime, eventname FROM t WHERE eventname LIKE 'ConsoleLogin' ORDER BY eventtime DESC LIMIT 10",
            ["eventtime", "eventname"]
        ),
        (
            "SELECT eventtime, eventname, awsregion FROM t WHERE eventname LIKE 'Describe%' ORDER BY eventtime DESC, eventname LIMIT 70",
            ["eventtime", "eventname", "awsregion"]
        ),
        (
            "SELECT eventtime, eventname FROM t WHERE eventname LIKE '_et%s' ORDER BY eventtime LIMIT 40",
            ["eventtime", "eventname"]
        ),
        // `[` makes a GLOB character class: matched by SQLite's own GLOB code.
        (
            "SELECT eventtime, eventname FROM t WHERE eventname LIKE '%[%' OR eventname LIKE 'Get%' ORDER BY eventtime LIMIT 40",
            ["eventtime", "eventname"]
        ),
        ("SELECT eventtime, eventname FROM t WHERE eventname LIKE '%[%'", ["eventtime", "eventname"]),
        // NULL user names match no pattern, not even '%'.
        (
            "SELECT eventtime, useridentity.username FROM t WHERE useridentity.username LIKE '%' ORDER BY eventtime DESC LIMIT 25",
            ["useridentity.username", "eventtime"]
        ),
        (
            "SELECT eventtime, eventname FROM t WHERE eventname = 'ConsoleLogin' AND awsregion LIKE 'eu-%' ORDER BY eventtime DESC LIMIT 5",
            ["eventtime", "eventname", "awsregion"]
        ),
        // Ties and NULLs in the sort key, cut by the LIMIT.
        (
            "SELECT useridentity.username, eventtime FROM t ORDER BY useridentity.username LIMIT 30",
            ["useridentity.username", "eventtime"]
        ),
        (
            "SELECT useridentity.username, eventtime FROM t ORDER BY useridentity.username DESC LIMIT 30",
            ["useridentity.username", "eventtime"]
        ),
        ("SELECT eventname, eventtime FROM t ORDER BY eventname LIMIT 25", ["eventtime", "eventname"]),
        ("SELECT eventtime, eventname FROM t ORDER BY eventtime DESC LIMIT 100", ["eventtime", "eventname"]),
        (
            "SELECT eventtime, eventname FROM \(lake) WHERE eventname LIKE 'Get%' ORDER BY eventtime DESC LIMIT 15",
            ["eventtime", "eventname"]
        ),
        (
            "SELECT eventtime, readonly, eventname FROM \(lake) ORDER BY eventtime LIMIT 15",
            ["eventtime", "eventname", "readonly"]
        ),
    ]

    static func chunkBytes(_ columns: [String]) throws -> Int64 {
        let names = columns.map { "'\($0)'" }.joined(separator: ", ")
        return try MeterTests.storeSum(
            "SELECT sum(compressed_bytes) FROM chunks WHERE column_id IN (SELECT id FROM columns WHERE name IN (\(names)))"
        )
    }

    @Test(arguments: 0..<queries.count) func sameRowsAndEveryChunkRead(_ index: Int) throws {
        let (sql, columns) = Self.queries[index]
        let store = try TestCorpus.open()
        let result = try store.run(sql, verify: true)
        #expect(result.verification?.rowsMatch == true)
        #expect(result.verification?.bytesMatch == true)
        #expect(store.ledger.chunkBytes == result.columnar.bytesScanned)
        #expect(result.columnar.bytesScanned == (try Self.chunkBytes(columns)))
        #expect(result.columnar.eventsScanned == 6000)
    }

    @Test func caseSensitiveLikeHandsSQLiteNoRow() throws {
        let store = try TestCorpus.open()
        let result = try store.run("SELECT eventtime FROM t WHERE eventname LIKE 'consolelogin'")
        #expect(result.rows.isEmpty)
        #expect(store.ledger.columnarRowsOffered == 0)
        let exact = try store.run("SELECT eventtime FROM t WHERE eventname LIKE 'ConsoleLogin'")
        #expect(!exact.rows.isEmpty)
        #expect(store.ledger.columnarRowsOffered == exact.rows.count)
        #expect(exact.columnar.bytesScanned == result.columnar.bytesScanned)
    }

    @Test func limitWithOrderByHandsSQLiteOnlyTheRowsItCanKeep() throws {
        let store = try TestCorpus.open()
        let newest = try store.run("SELECT eventtime, eventname FROM t ORDER BY eventtime DESC LIMIT 10")
        #expect(newest.rows.count == 10)
        #expect(store.ledger.columnarRowsOffered < 100)
        let all = try store.run("SELECT eventtime, eventname FROM t ORDER BY eventtime DESC")
        #expect(store.ledger.columnarRowsOffered == 6000)
        #expect(Array(all.rows.prefix(10)) == newest.rows)
        #expect(all.columnar.bytesScanned == newest.columnar.bytesScanned)
    }

    /// The columnar layout decides GLOB itself; it must agree with SQLite's GLOB on every cell.
    @Test func textMatcherAgreesWithSQLiteGlob() throws {
        let connection = try Connection(path: ":memory:")
        let statement = try connection.prepare(
            "SELECT CAST(?1 AS TEXT) GLOB CAST(?2 AS TEXT), CAST(?1 AS TEXT) = CAST(?2 AS TEXT)")
        let cells: [[UInt8]] =
            [
                "ConsoleLogin", "consolelogin", "ConsoleLogin ", "Console", "", "DescribeInstances", "a*b", "a?b",
                "[x]",
                "ünïcode", "GetObject",
            ].map { Array($0.utf8) }
            + [[0x43, 0x00, 0x44], Array("ConsoleLogin".utf8) + [0], [0xC3], [0xC0, 0x80], [0xFF, 0x41]]
        let patterns: [[UInt8]] =
            [
                "ConsoleLogin", "Console*", "*Login", "?onsole*", "", "*", "a[*]b", "a[?]b", "[[]x]", "[a-z]*",
                "ünï*", "*\u{0}x", "C",
            ].map { Array($0.utf8) } + [[0x43, 0x00], [0xC3], [0xC0, 0x80]]
        for pattern in patterns {
            for kind in [TextFilter.Kind.glob, .equal] {
                var matcher = try #require(TextMatcher(TextFilter(column: 0, kind: kind, value: pattern)))
                for cell in cells {
                    try statement.bind([.blob(cell), .blob(pattern)])
                    #expect(try statement.step())
                    let expected = statement.int64(at: kind == .glob ? 0 : 1) == 1
                    statement.reset()
                    let got = cell.withUnsafeBytes {
                        matcher.matches(
                            UnsafeRawBufferPointer(
                                start: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), count: $0.count))
                    }
                    #expect(got == expected, "\(kind) \(pattern) on \(cell)")
                }
                let matchesNull = matcher.matches(nil)
                #expect(!matchesNull)
            }
        }
    }
}

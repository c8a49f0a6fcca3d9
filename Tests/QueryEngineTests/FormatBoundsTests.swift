import QueryEngine
import SQLite
import Testing

/// `format` with widths, precisions or specifier counts that ask for more than its 16 MB result
/// bound fails with an error instead of aborting on the allocation or trapping on the overflow.
/// The first case is the sql fuzz target's finding of 2026-11-30 (its byte 0x99, not UTF-8, read
/// as U+FFFD the way the target decodes it); docs/FUZZING.md.
@Suite struct FormatBoundsTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test(arguments: [
        ("SELECT format('%3411111111111111110s %111111.97218\u{FFFD}b', 'c')", "asks for more than 16000000"),
        ("SELECT format('%.9223372036854775807f', 1.5)", "asks for more than 16000000"),
        ("SELECT format('%99999999999999999999s', 'c')", "asks for more than 16000000"),
        ("SELECT format('%1$016000001d', 7)", "asks for more than 16000000"),
        ("SELECT format('%1$.16000001s', 'c')", "asks for more than 16000000"),
        ("SELECT format('%1$tY%1$16000001tY', date '2006-07-04')", "asks for more than 16000000"),
        (
            "SELECT format('" + String(repeating: "%1$9000000s", count: 2) + "', 'c')",
            "the result would be longer than 16000000 bytes"
        ),
    ])
    func oversizedFormatFails(sql: String, message: String) {
        let error = Fixture.error(sql, on: db)
        #expect(error != nil)
        #expect("\(String(describing: error))".contains(message), "\(String(describing: error))")
    }

    @Test func widthsAndPrecisionsUpToTheBoundStillFormat() throws {
        let row = try #require(
            Fixture.rows(
                "SELECT length(format('%1000000s', 'c')), length(format('%.100000f', 1.5)), format('%08.3f', 2.5)",
                on: db
            ).first)
        #expect(row == ["1000000", "100002", "0002.500"])
    }
}

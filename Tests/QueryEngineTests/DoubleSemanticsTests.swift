import QueryEngine
import SQLite
import Testing

/// Doubles follow IEEE 754 as in Trino: infinities where SQLite's math answers NULL; a NaN, which
/// SQLite cannot hold, fails the statement (also under try) instead of printing NULL.
@Suite struct DoubleSemanticsTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func divisionAndLogarithmsReachTheInfinities() throws {
        // Fixture.rows shows a REAL as Swift writes it (`inf`); the CLI prints Java's `Infinity`.
        #expect(
            try Fixture.rows(
                "SELECT 1e0 / 0e0, -1e0 / 0, ln(0e0), log10(0), log2(0), pow(0, -1), log(2, 8), sqrt(4), power(2, 10)",
                on: db) == [
                    [
                        "inf", "-inf", "-inf", "-inf", "-inf", "inf", "3.0", "2.0", "1024.0",
                    ]
                ])
        #expect(
            try Fixture.rows(
                """
                SELECT infinity(), -infinity(), is_nan(1e0), is_finite(1e0 / 0e0), is_infinite(-infinity()),
                       is_finite(2.5), is_nan(NULL), try(1e0 / 0e0)
                """, on: db) == [["inf", "-inf", "false", "false", "true", "true", "NULL", "inf"]])
        // Integers and decimals still fail on a zero divisor, as in Trino.
        for sql in ["SELECT 5 / 0", "SELECT 5.0 / 0"] {
            guard case .engine(let message, _)? = Fixture.error(sql, on: db) else {
                Issue.record("expected a failure: \(sql)")
                continue
            }
            #expect(message.contains("Division by zero"))
        }
    }

    @Test func aNaNFailsRatherThanPrintingNull() throws {
        for sql in [
            "SELECT 0e0 / 0e0", "SELECT sqrt(-1e0)", "SELECT acos(2)", "SELECT nan()", "SELECT CAST('NaN' AS double)",
            "SELECT mod(5e0, 0e0)", "SELECT try(sqrt(-1e0))",
            "SELECT stddev(x) FROM (VALUES 1e308, -1e308) AS t(x)",
        ] {
            guard case .engine(let message, _)? = Fixture.error(sql, on: db) else {
                Issue.record("expected a failure: \(sql)")
                continue
            }
            #expect(message.contains("NaN"), "\(sql)")
        }
    }
}

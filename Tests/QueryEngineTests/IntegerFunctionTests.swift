import QueryEngine
import SQLite
import Testing

/// `to_base`, `from_base`, `width_bucket` and `bit_count`, with the answers Trino's documentation
/// gives (`width_bucket(5.3, 0.2, 10.6, 5)` is 3, `bit_count(-7, 8)` is 6) and its errors.
@Suite struct IntegerFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func basesBucketsAndBits() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT to_base(255, 16), to_base(-10, 2), from_base('ff', 16), from_base('-101', 2), from_base('+7', 8),
                       width_bucket(5.3, 0.2, 10.6, 5), width_bucket(-1, 0, 10, 5), width_bucket(10, 0, 10, 5),
                       width_bucket(5, 10, 0, 5), bit_count(9, 64), bit_count(9, 8), bit_count(-7, 64), bit_count(-7, 8)
                """, on: db) == [["ff", "-1010", "255", "-5", "7", "3", "0", "6", "3", "2", "2", "62", "6"]])
    }

    @Test func aHugeBucketCountSaturatesInsteadOfTrapping() throws {
        // (x - lower) / (upper - lower) rounds to 1.0 here, so the position passes 2^63.
        #expect(
            try Fixture.rows(
                "SELECT width_bucket(99999999999999984e0, -100000000000000000e0, 100000000000000000e0, 9223372036854775807)",
                on: db) == [["9223372036854775807"]])
    }

    @Test(arguments: [
        ("SELECT from_base('zz', 16)", "Not a valid base-16 number: zz"), ("SELECT to_base(1, 40)", "Radix must be"),
        ("SELECT bit_count(300, 8)", "cannot be represented with 8 bits"),
        ("SELECT bit_count(1, 1)", "between 2 and 64"),
        ("SELECT width_bucket(1, 1, 1, 3)", "bounds cannot equal"),
        ("SELECT width_bucket(1, 0, 2, 0)", "greater than 0"),
    ])
    func badArgumentsFailNamingWhy(_ sql: String, _ message: String) {
        guard case .engine(let text, _)? = Fixture.error(sql, on: db) else {
            Issue.record("expected a failure: \(sql)")
            return
        }
        #expect(text.contains(message), "\(text)")
    }
}

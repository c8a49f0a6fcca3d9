import QueryEngine
import SQLite
import Testing

/// `format_number(x)`: Trino's unit symbols and three significant digits, rounded half up on the
/// double's exact value.
@Suite struct FormatNumberTests {
    @Test(arguments: [
        (Int64(123_456), "123K"), (1_000_000, "1M"), (1_234_567, "1.23M"), (999_999, "1000K"), (-1_500, "-1.5K"),
        (0, "0"), (125, "125"), (12_345, "12.3K"), (12_355, "12.4K"), (Int64.max, "9223Q"), (Int64.min, "-9223.37Q"),
    ])
    func countsTakeTheirUnit(_ count: Int64, _ expected: String) throws {
        #expect(
            try Fixture.rows("SELECT format_number(\(count == .min ? "-9223372036854775807 - 1" : String(count)))") == [
                [expected]
            ])
    }

    @Test func doublesAreTruncatedFirst() throws {
        #expect(
            try Fixture.rows("SELECT format_number(1999.9e0), format_number(-0.5e0), format_number(NULL)") == [
                ["2K", "0", "NULL"]
            ])
        #expect(Fixture.error("SELECT format_number('12')") != nil)
    }
}

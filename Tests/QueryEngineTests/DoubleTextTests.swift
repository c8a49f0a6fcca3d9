import QueryEngine
import Testing

/// Doubles print as Java's `Double.toString` writes them, which is how Trino (and so Athena and
/// CloudTrail Lake) prints a DOUBLE: `to_unixtime(...)` is `1.6426944E9`.
@Suite struct DoubleTextTests {
    static let cases: [(Double, String)] = [
        (1e10, "1.0E10"), (12_345_678, "1.2345678E7"), (1_234_567, "1234567.0"), (9_999_999, "9999999.0"),
        (10_000_000, "1.0E7"), (1_642_694_400, "1.6426944E9"), (0.0001, "1.0E-4"), (0.001, "0.001"),
        (1.5e-7, "1.5E-7"), (100.0 / 3, "33.333333333333336"), (1, "1.0"), (-2.5, "-2.5"), (100, "100.0"),
        (0.5, "0.5"), (123.456, "123.456"), (0, "0.0"), (-0.0, "-0.0"), (1.0 / 0, "Infinity"), (-1.0 / 0, "-Infinity"),
        (Double.nan, "NaN"), (1e21, "1.0E21"), (1.7976931348623157e308, "1.7976931348623157E308"),

        (-1234.5e10, "-1.2345E13"), (0.012, "0.012"),
    ]

    @Test(arguments: cases)
    func javaForm(value: Double, expected: String) {
        #expect(ValuePresentation.doubleText(value) == expected)
    }
}

import Foundation
import QueryEngine
import SQLite
import Testing

/// `skewness`, `kurtosis`, `geometric_mean`, `bitwise_and_agg`, `bitwise_or_agg` against their
/// definitions computed directly over the same values.
@Suite struct CentralMomentsTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func momentsMatchTheirDefinitions() throws {
        let values: [Double] = [1, 2, 3, 10, -4.5]
        let list = values.map { "(\($0)e0)" }.joined(separator: ", ")
        let row = try Fixture.rows(
            "SELECT skewness(x), kurtosis(x), geometric_mean(abs(x)) FROM (VALUES \(list)) AS t(x)", on: db)[0]
            .map { Double($0) ?? .nan }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let m2 = values.map { pow($0 - mean, 2) }.reduce(0, +)
        let m3 = values.map { pow($0 - mean, 3) }.reduce(0, +)
        let m4 = values.map { pow($0 - mean, 4) }.reduce(0, +)
        let skewness = n.squareRoot() * m3 / pow(m2, 1.5)
        let kurtosis =
            (n - 1) * n * (n + 1) / ((n - 2) * (n - 3)) * m4 / (m2 * m2) - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))
        let geometric = exp(values.map { log(abs($0)) }.reduce(0, +) / n)
        for (got, want) in zip(row, [skewness, kurtosis, geometric]) {
            #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "\(row)")
        }
    }

    @Test func fewRowsGiveNullAndBitsCombine() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT skewness(x), kurtosis(x), geometric_mean(x), bitwise_and_agg(CAST(x AS bigint)),
                       bitwise_or_agg(CAST(x AS bigint))
                FROM (VALUES 12e0, 10e0, NULL) AS t(x)
                """, on: db) == [["NULL", "NULL", String(exp((log(12.0) + log(10.0)) / 2)), "8", "14"]])
        #expect(
            try Fixture.rows("SELECT bitwise_or_agg(x), geometric_mean(x) FROM (VALUES 1) AS t(x) WHERE x > 1", on: db)
                == [["NULL", "NULL"]])
        #expect(Fixture.error("SELECT bitwise_and_agg(1.5e0)", on: db) != nil)
    }
}

import QueryEngine
import SQLite
import Testing

/// Trino reads `100.0` as a DECIMAL, so the percentages people write (`count(*) * 100.0 /
/// total`) are decimals of scale 1, rounded half up and printed with their scale, not doubles.
@Suite struct DecimalTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func divisionKeepsTheLargerScaleAndRoundsHalfUp() throws {
        #expect(
            try one("SELECT 1 * 100.0 / 3, 2 * 100.0 / 3, 7.0 / 20, 1.0 / 8, -1.0 / 4, 10 % 3.0, 1 / 3.00")
                == ["33.3", "66.7", "0.4", "0.1", "-0.3", "1.0", "0.33"])
    }

    @Test func sumsAndProductsAreExact() throws {
        #expect(
            try one("SELECT 0.1 + 0.2, 1.5 * 1.5, 2.50, 1.5 - 2, DECIMAL '1.20', -1.5") == [
                "0.3", "2.25", "2.50", "-0.5", "1.20", "-1.5",
            ])
    }

    @Test func aPercentageOfEvents() throws {
        let total = try #require(Int(try one("SELECT count(*) FROM cloudtrail")[0]))
        let errors = try #require(Int(try one("SELECT count(*) FROM cloudtrail WHERE errorcode IS NOT NULL")[0]))
        // What the decimal's half-up rounding to one place gives, from the counts themselves.
        let tenths = (errors * 1000 * 2 / total + 1) / 2
        #expect(
            try one(
                "SELECT count(*) * 100.0 / (SELECT count(*) FROM cloudtrail) FROM cloudtrail WHERE errorcode IS NOT NULL"
            ) == ["\(tenths / 10).\(tenths % 10)"])
    }

    /// `round(x, n)` keeps x's type, as Trino does: `round(33.35, 1)` is 33.40.
    @Test func functionsAndAggregatesKeepTheType() throws {
        #expect(
            try one(
                """
                SELECT round(100.0 / 3, 2), round(33.35, 1), round(33.3), round(125.0, -1), floor(2.5), abs(-1.50),
                       avg(1.5), sum(0.1) - count(*) * 0.1, max(2.25)
                FROM cloudtrail
                """) == ["33.3", "33.40", "33", "130.0", "2", "1.50", "1.5", "0.0", "2.25"])
    }

    @Test func castsRoundToTheTargetScale() throws {
        #expect(
            try one(
                """
                SELECT CAST(1.555 AS DECIMAL(10, 2)), CAST('2.345' AS DECIMAL(5,2)), CAST(2.5 AS bigint),
                       CAST(0.5 AS double), CAST(1.50 AS varchar), CAST(7 AS DECIMAL(4, 1)), 1.5e0
                """) == ["1.56", "2.35", "3", "0.5", "1.50", "7.0", "1.5"])
    }

    @Test func averagesRoundHalfUpAlsoOverAWindow() throws {
        #expect(try one("SELECT avg(x), avg(x) * 3 FROM (VALUES 0.1, 0.2) AS t(x)") == ["0.2", "0.6"])
        #expect(try one("SELECT avg(1.5) OVER (), sum(0.1) OVER () FROM (VALUES 1, 2) AS t(x)") == ["1.5", "0.2"])
    }

    @Test func piAndEAreDoubles() throws {
        #expect(try one("SELECT pi() / 3, typeof(pi()), typeof(e())") == ["1.0471975511965976", "double", "double"])
    }

    @Test func aLiteralsTypeHasItsDigits() throws {
        #expect(
            try one("SELECT typeof(1.5), typeof(100.0), typeof(0.5), typeof(1.5e0)") == [
                "decimal(2,1)", "decimal(4,1)", "decimal(1,1)", "double",
            ])
    }

    @Test func comparisonsAndZeroDivisors() throws {
        #expect(try one("SELECT 1.5 > 1, 0.30 = 0.3, 2.0 BETWEEN 1 AND 3") == ["true", "true", "true"])
        #expect(throws: (any Error).self) {
            try Fixture.rows("SELECT 1.0 / (count(*) - count(*)) FROM cloudtrail", on: db)
        }
    }
}

/// The spread aggregates, with Trino's answers on a sample of fewer than two.
@Suite struct VarianceTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func sampleAndPopulation() throws {
        #expect(
            try one(
                "SELECT variance(x), var_pop(x), stddev(x), stddev_pop(x), stddev_samp(x) FROM (VALUES 2, 4, 4, 4, 5, 5, 7, 9, NULL) AS t(x)"
            ) == ["4.571428571428571", "4.0", "2.138089935299395", "2.0", "2.138089935299395"])
        #expect(try one("SELECT stddev(x), stddev_pop(x) FROM (VALUES 3) AS t(x)") == ["NULL", "0.0"])
    }

    /// Over a window: the whole partition, a running frame, and a sliding frame (rows leave it);
    /// the expected values are the exact statistics of each frame, to the double's last digits.
    @Test func overAWindowEachFrameHasItsOwnSpread() throws {
        let rows = try Fixture.rows(
            """
            SELECT x, stddev(x) OVER (), var_pop(x) OVER (ORDER BY x),
                   stddev_samp(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
                   variance(x) OVER (PARTITION BY x % 2)
            FROM (VALUES 1, 2, 4, 7, 11) AS t(x) ORDER BY x
            """, on: db)
        let exact: [[Double?]] = [
            [4.06201920231798, 0, 0.7071067811865476, 76.0 / 3],
            [4.06201920231798, 0.25, 1.5275252316519468, 2],
            [4.06201920231798, 14.0 / 9, 2.516611478423583, 2],
            [4.06201920231798, 5.25, 3.511884584284246, 76.0 / 3],
            [4.06201920231798, 13.2, 2.8284271247461903, 76.0 / 3],
        ]
        #expect(rows.count == 5)
        for (row, expected) in zip(rows, exact) {
            for (text, value) in zip(row.dropFirst(), expected) {
                let got = try #require(Double(text))
                #expect(abs(got - value!) <= 1e-12 * max(1, abs(value!)), "\(row)")
            }
        }
        // A sample of one row in its frame has no spread.
        #expect(
            try Fixture.rows("SELECT stddev(x) OVER (ORDER BY x ROWS 0 PRECEDING) FROM (VALUES 5, 6) AS t(x)", on: db)
                == [["NULL"], ["NULL"]])
    }
}

import Foundation
import TestSupport
import Testing
import TrailMeterCore

@testable import Pricing

/// A valid table loads, writes and loads again unchanged.
@Suite struct RoundTripTests {
    /// Row contents with the directory part of each location dropped.
    func comparable(_ tables: PricingTables) -> [RateRow] {
        tables.rows.map { row in
            var row = row
            row.location.file = PricingTables.relativeRatesPath(of: row.location.file)
            return row
        }
    }

    func roundTrip(_ source: URL) throws {
        let original = try PricingTables.load(from: source)
        let target = Scratch.path("roundtrip")
        defer { try? FileManager.default.removeItem(at: target) }
        try original.write(to: target)
        let reloaded = try PricingTables.load(from: target)
        #expect(comparable(reloaded) == comparable(original))
        #expect(reloaded.rules == original.rules)
        #expect(reloaded.fx?.rows == original.fx?.rows)
        #expect(reloaded.fx?.rates.map(\.unitsPerUSD) == original.fx?.rates.map(\.unitsPerUSD))
        // The written text is the text that was read: the tables are kept in canonical form.
        for (relative, text) in original.fileContents() {
            let onDisk = try String(contentsOf: source.appendingPathComponent(relative), encoding: .utf8)
            #expect(text == onDisk, "\(relative) differs from its canonical form")
        }
        #expect(reloaded.fileContents() == original.fileContents())
    }

    @Test func shippedTables() throws { try roundTrip(PricingTables.shippedDirectory) }

    @Test func fixtureTablesWithFX() throws { try roundTrip(Support.fixtures.appendingPathComponent("tables")) }

    @Test func fieldsNeedingQuotesSurvive() throws {
        let directory = try Support.fixtureTablesCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Support.replaceLine(
            2, of: "rates/AmazonAthena.csv", in: directory,
            with:
                "AmazonAthena,sql-scan,us-east-1,TB,5.00,,,2017-01-01,,,https://aws.amazon.com/athena/pricing/,\"read, \"\"quoted\"\", and\nsplit over two lines\""
        )
        let tables = try PricingTables.load(from: directory)
        #expect(tables.rows.first { $0.item == .athenaSQLScan }?.note == "read, \"quoted\", and\nsplit over two lines")
        try roundTrip(directory)
    }
}

/// The small CSV reader refuses what it cannot read exactly.
@Suite struct CSVTextTests {
    @Test func recordsKeepTheLineTheyStartOn() throws {
        let records = try CSVText.parse("a,b\r\n\"x\ny\",z\n\nc,\"\"\n", file: "f")
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records.map(\.fields) == [["a", "b"], ["x\ny", "z"], ["c", ""]])
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: PricingError.self) { try CSVText.parse("a,\"b\n", file: "f") }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: PricingError.self) { try CSVText.parse("a,\"b\"c\n", file: "f") }
    }

    @Test func decimalTextIsStrict() {
        #expect(DecimalText.parse("0.023") == Decimal(string: "0.023"))
        for bad in ["", ".5", "5.", "1,000", "1e3", " 5", "+5", "5 "] {
            #expect(DecimalText.parse(bad) == nil, "\(bad)")
        }
    }
}

/// Money is rounded once, at the edge, with a named rule; FX figures carry their rate date.
@Suite struct MoneyTests {
    @Test func namedRoundingRules() {
        let half = Decimal(string: "2.345")!
        #expect(RoundingRule.halfUpToCents.apply(half) == Decimal(string: "2.35")!)
        #expect(RoundingRule.halfEvenToCents.apply(half) == Decimal(string: "2.34")!)
        #expect(MoneyText.usd(Decimal(string: "35000")!) == "$35,000.00")
        #expect(MoneyText.usd(Decimal(string: "0.005")!) == "$0.01")
        #expect(MoneyText.usd(Decimal(string: "-1234.5")!) == "-$1,234.50")
    }

    @Test func conversionPrintsTheRateDate() throws {
        let tables = try PricingTables.load(from: Support.fixtures.appendingPathComponent("tables"))
        let fx = try #require(tables.fx)
        let yen = try fx.convert(Decimal(string: "15.00")!, to: "JPY")
        #expect(yen.description == "JPY 2,250 (at 150.00 JPY per USD, rate of 2026-11-02)")
        let euro = try fx.convert(Decimal(string: "1.25")!, to: "EUR")
        #expect(euro.description == "EUR 1.15 (at 0.9200 EUR per USD, rate of 2026-11-02)")
        #expect(throws: PricingError.unknownCurrency("GBP")) { try fx.convert(1, to: "GBP") }
    }

    @Test func fxTableIsOptional() throws {
        #expect(try Support.shippedTables().fx == nil)
    }
}

/// The table writer quotes a note holding a comma, quotes, LF and CRLF, and both the strict
/// RFC 4180 reader and the tables' own parser give it back whole.
@Suite struct TableWriterCSVTests {
    @Test func trickyNoteSurvivesWritingAndLoading() throws {
        var tables = try PricingTables.load(from: PricingTables.shippedDirectory)
        tables.rows[0].note = CSVReader.trickyField
        tables.rows[1].note = CSVReader.crlfOnlyField
        let file = PricingTables.relativeRatesPath(of: tables.rows[0].location.file)
        let text = try #require(tables.fileContents()[file])
        let records = try CSVReader.records(text, lineEnd: "\n")
        let noteColumn = try #require(records[0].firstIndex(of: "note"))
        #expect(records.contains { $0[noteColumn] == CSVReader.trickyField })
        #expect(records.contains { $0[noteColumn] == CSVReader.crlfOnlyField })

        let target = Scratch.path("tricky")
        defer { try? FileManager.default.removeItem(at: target) }
        try tables.write(to: target)
        let reloaded = try PricingTables.load(from: target)
        #expect(reloaded.rows.contains { $0.note == CSVReader.trickyField })
        #expect(reloaded.rows.contains { $0.note == CSVReader.crlfOnlyField })
    }
}

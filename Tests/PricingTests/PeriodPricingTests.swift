import Foundation
import Testing

@testable import Pricing

/// A period that spans a price change uses each rate for its own days.
@Suite struct PeriodPricingTests {
    /// A copy of the shipped tables where Athena in us-east-1 costs $5.00 until 2026-06-15 and
    /// $6.00 from 2026-06-16.
    func editedTables() throws -> PricingTables {
        let directory = try Support.copy(PricingTables.shippedDirectory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = "rates/AmazonAthena.csv"
        let original = try Support.line(2, of: file, in: directory)
        #expect(original.hasPrefix("AmazonAthena,sql-scan,us-east-1,TB,5.00,,,,,,"))
        try Support.replaceLine(
            2, of: file, in: directory,
            with:
                "AmazonAthena,sql-scan,us-east-1,TB,5.00,,,,2026-06-15,,https://aws.amazon.com/athena/pricing/,test edit"
        )
        try Support.appendLine(
            "AmazonAthena,sql-scan,us-east-1,TB,6.00,,,2026-06-16,,,https://aws.amazon.com/athena/pricing/,test edit",
            to: file, in: directory)
        return try PricingTables.load(from: directory, displayPath: "edited")
    }

    @Test func juneSplitsFifteenDaysEach() throws {
        let tables = try editedTables()
        let june = DayRange.month(containing: CalendarDay("2026-06-10")!)
        let charge = try tables.charge(.bytes(Support.terabyte), for: .athenaSQLScan, region: "us-east-1", over: june)
        #expect(charge.segments.map(\.days.description) == ["2026-06-01..2026-06-15", "2026-06-16..2026-06-30"])
        #expect(charge.segments.map(\.fullPeriodCharge.amount) == [5, 6])
        #expect(charge.amount == Decimal(string: "5.5")!)
    }

    @Test func unevenSplitWeighsByDays() throws {
        let tables = try editedTables()
        // 2026-06-11..2026-06-20: 5 days at $5, 5 days at $6 → $5.50 for 1 TB.
        let tenDays = DayRange(first: CalendarDay("2026-06-11")!, last: CalendarDay("2026-06-20")!)!
        #expect(
            try tables.charge(.bytes(Support.terabyte), for: .athenaSQLScan, region: "us-east-1", over: tenDays).amount
                == Decimal(string: "5.5")!)
        // 2026-06-13..2026-06-18: 3 days each side; 2026-06-14..2026-06-18: 2 at $5, 3 at $6 = $5.60.
        let fiveDays = DayRange(first: CalendarDay("2026-06-14")!, last: CalendarDay("2026-06-18")!)!
        let charge = try tables.charge(
            .bytes(Support.terabyte), for: .athenaSQLScan, region: "us-east-1", over: fiveDays)
        #expect(Support.dollars(charge.amount) == "$5.60")
    }

    @Test func periodWithinOneRateIsUnsplit() throws {
        let tables = try editedTables()
        let july = DayRange.month(containing: CalendarDay("2026-07-04")!)
        let charge = try tables.charge(.bytes(Support.terabyte), for: .athenaSQLScan, region: "us-east-1", over: july)
        #expect(charge.segments.count == 1)
        #expect(charge.amount == 6)
    }

    @Test func lookupPicksTheRateOfTheDay() throws {
        let tables = try editedTables()
        #expect(
            try tables.rate(for: .athenaSQLScan, region: "us-east-1", on: CalendarDay("2026-06-15")!).tiers[0].price.usd
                == 5)
        #expect(
            try tables.rate(for: .athenaSQLScan, region: "us-east-1", on: CalendarDay("2026-06-16")!).tiers[0].price.usd
                == 6)
    }

    @Test func dayWithoutARateIsAnError() throws {
        let tables = try Support.shippedTables()
        #expect(throws: PricingError.noRate(item: .athenaSQLScan, region: "eu-central-1", day: Support.readDay)) {
            try tables.rate(for: .athenaSQLScan, region: "eu-central-1", on: Support.readDay)
        }
    }

    @Test func calendarArithmetic() {
        #expect(CalendarDay("2024-02-29") != nil)
        #expect(CalendarDay("2026-02-29") == nil)
        #expect(CalendarDay("2026-1-01") == nil)
        #expect(CalendarDay("2026-12-31")!.adding(days: 1).description == "2027-01-01")
        #expect(DayRange.month(containing: CalendarDay("2028-02-10")!).dayCount == 29)
        #expect(CalendarDay(daysSinceEpoch: 0).description == "1970-01-01")
    }
}

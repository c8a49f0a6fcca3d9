import Foundation
import Testing
import TrailMeterCore

@testable import Pricing

/// Each kind of bad table yields an error naming file, line and field, and a non-zero exit code.
@Suite struct MalformedTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String
        /// Line to replace (nil: append `text` as a new last line).
        let line: Int?
        let text: String
        let expectedLine: Int
        let expectedField: String?
        let matches: @Sendable (TableProblem) -> Bool
        var testDescription: String { name }
    }

    static let athena = "rates/AmazonAthena.csv"
    static let lake = "rates/AWSCloudTrail.csv"
    static let s3 = "rates/AmazonS3.csv"
    static let athenaSource = "https://aws.amazon.com/athena/pricing/"

    static let cases: [Case] = [
        Case(
            name: "unknown unit", file: athena, line: 2,
            text: "AmazonAthena,sql-scan,us-east-1,terabytes,5.00,,,2017-01-01,,,\(athenaSource),x",
            expectedLine: 2, expectedField: "unit"
        ) { $0 == .unknownUnit("terabytes") },
        Case(
            name: "unparseable price", file: athena, line: 2,
            text: "AmazonAthena,sql-scan,us-east-1,TB,5.0.0,,,2017-01-01,,,\(athenaSource),x",
            expectedLine: 2, expectedField: "price_usd"
        ) { $0 == .unparseablePrice("5.0.0") },
        Case(
            name: "price written as a float literal", file: athena, line: 2,
            text: "AmazonAthena,sql-scan,us-east-1,TB,5e0,,,2017-01-01,,,\(athenaSource),x",
            expectedLine: 2, expectedField: "price_usd"
        ) { $0 == .unparseablePrice("5e0") },
        Case(
            name: "negative price", file: athena, line: 2,
            text: "AmazonAthena,sql-scan,us-east-1,TB,-5.00,,,2017-01-01,,,\(athenaSource),x",
            expectedLine: 2, expectedField: "price_usd"
        ) { $0 == .negativePrice("-5.00") },
        Case(
            name: "overlapping effective ranges", file: athena, line: nil,
            text: "AmazonAthena,sql-scan,us-east-1,TB,6.00,,,2026-01-01,,,\(athenaSource),x",
            expectedLine: 3, expectedField: "effective_from"
        ) { $0 == .overlappingEffectiveRanges(otherLine: 2) },
        Case(
            name: "gap between tiers", file: lake, line: 6,
            text:
                "AWSCloudTrail,lake-ingest-seven-year,us-east-1,GB,1.00,6 TB,25 TB,2022-01-01,,,https://aws.amazon.com/cloudtrail/pricing/,x",
            expectedLine: 5, expectedField: "tier_to"
        ) { $0 == .tierGap(after: "5 TB", nextStartsAt: "6 TB", otherLine: 6) },
        Case(
            name: "overlap between tiers", file: lake, line: 6,
            text:
                "AWSCloudTrail,lake-ingest-seven-year,us-east-1,GB,1.00,4 TB,25 TB,2022-01-01,,,https://aws.amazon.com/cloudtrail/pricing/,x",
            expectedLine: 5, expectedField: "tier_to"
        ) { $0 == .tierOverlap(after: "5 TB", nextStartsAt: "4 TB", otherLine: 6) },
        Case(
            name: "duplicate row", file: s3, line: nil,
            text:
                "AmazonS3,get-requests,us-east-1,1000 requests,0.0004,,,2017-01-01,,,https://aws.amazon.com/s3/pricing/,again",
            expectedLine: 8, expectedField: nil
        ) { $0 == .duplicateRow(firstLine: 5) },
        Case(
            name: "unknown item", file: athena, line: 2,
            text: "AmazonAthena,sql-scna,us-east-1,TB,5.00,,,2017-01-01,,,\(athenaSource),x",
            expectedLine: 2, expectedField: "item"
        ) { $0 == .unknownItem(service: "AmazonAthena", item: "sql-scna") },
        Case(
            name: "source that is not a URL", file: athena, line: 2,
            text: "AmazonAthena,sql-scan,us-east-1,TB,5.00,,,2017-01-01,,,pricing page,x",
            expectedLine: 2, expectedField: "source"
        ) { $0 == .notAURL("pricing page") },
        Case(
            name: "stray quote", file: athena, line: 2,
            text: "AmazonAthena,sql-scan,us-east-1,TB,5\"00,,,2017-01-01,,,\(athenaSource),x",
            expectedLine: 2, expectedField: nil
        ) { if case .malformedCSV = $0 { return true } else { return false } },
    ]

    /// Applies one case's edit to a fresh copy of the fixture tables.
    static func brokenTables(_ testCase: Case) throws -> URL {
        let directory = try Support.fixtureTablesCopy()
        if let line = testCase.line {
            try Support.replaceLine(line, of: testCase.file, in: directory, with: testCase.text)
        } else {
            try Support.appendLine(testCase.text, to: testCase.file, in: directory)
        }
        return directory
    }

    @Test func fixtureTablesAreValid() throws {
        let directory = try Support.fixtureTablesCopy()
        #expect(Support.loadIssues(directory).isEmpty)
        try PricingTables.load(from: directory).requireRates(regions: ["us-east-1"], on: Support.readDay)
    }

    @Test(arguments: cases)
    func reportsFileLineAndField(_ testCase: Case) throws {
        let directory = try Self.brokenTables(testCase)
        defer { try? FileManager.default.removeItem(at: directory) }
        let issues = Support.loadIssues(directory)
        let issue = try #require(issues.first { testCase.matches($0.problem) }, "issues: \(issues)")
        #expect(issue.location == SourceLocation(file: "T/\(testCase.file)", line: testCase.expectedLine))
        #expect(issue.field == testCase.expectedField)
        let prefix =
            "T/\(testCase.file):\(testCase.expectedLine):" + (testCase.expectedField.map { " field '\($0)':" } ?? "")
        #expect(issue.description.hasPrefix(prefix))
    }

    @Test func missingRateForARequestedRegion() throws {
        let tables = try PricingTables.load(from: try Support.fixtureTablesCopy(), displayPath: "T")
        let issues = tables.missingRateIssues(regions: ["us-east-1", "eu-central-1"], on: Support.readDay)
        #expect(issues.count == PriceItem.all.count)
        let athena = try #require(
            issues.first {
                $0.problem
                    == .missingRegionRate(
                        service: "AmazonAthena", item: "sql-scan", region: "eu-central-1", date: Support.readDay)
            })
        // Points at the item's existing row, the place to add one beside.
        #expect(athena.location == SourceLocation(file: "T/rates/AmazonAthena.csv", line: 2))
        #expect(
            athena.description.hasPrefix(
                "T/rates/AmazonAthena.csv:2: field 'region': no rate for AmazonAthena/sql-scan in region eu-central-1"))
        #expect(throws: PricingError.self) { try tables.requireRates(regions: ["eu-central-1"], on: Support.readDay) }
        // A rate that ends before the day asked for is missing too.
        #expect(tables.missingRateIssues(regions: ["us-east-1"], on: Support.readDay).isEmpty)
        #expect(
            tables.missingRateIssues(regions: ["us-east-1"], on: CalendarDay("2016-12-31")!).count
                == PriceItem.all.count)
    }

    @Test func everyIssueIsReportedNotJustTheFirst() throws {
        let directory = try Support.fixtureTablesCopy()
        try Support.replaceLine(
            2, of: Self.athena, in: directory,
            with:
                "AmazonAthena,sql-scan,us-east-1,bytes,-1,,,2017-13-01,,,\(Self.athenaSource),x")
        let problems = Support.loadIssues(directory).map(\.problem)
        #expect(problems.contains(.unknownUnit("bytes")))
        #expect(problems.contains(.negativePrice("-1")))
        #expect(problems.contains(.unparseableDate("2017-13-01")))
    }

    @Test func missingRulesFileIsReported() throws {
        let directory = try Support.fixtureTablesCopy()
        try FileManager.default.removeItem(at: directory.appendingPathComponent("rules.csv"))
        #expect(Support.loadIssues(directory).map(\.problem) == [.missingFile("rules.csv")])
    }

    @Test func badRuleValueNamesTheRule() throws {
        let directory = try Support.fixtureTablesCopy()
        try Support.replaceLine(
            4, of: "rules.csv", in: directory,
            with: "byte_units.default,metric,https://aws.amazon.com/athena/pricing/,x")
        let issue = try #require(Support.loadIssues(directory).first)
        #expect(issue.location.line == 4)
        #expect(
            issue.problem
                == .invalidRuleValue(rule: "byte_units.default", expected: "decimal or binary", found: "metric"))
    }
}

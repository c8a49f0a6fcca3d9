import Foundation
import Testing

@testable import Pricing

/// `pricing show` output, compared with a golden file.
@Suite struct ShowReportTests {
    func golden(_ name: String) throws -> String {
        try String(contentsOf: Support.fixtures.appendingPathComponent("golden/\(name)"), encoding: .utf8)
    }

    @Test func fixtureTablesUSEast() throws {
        let tables = try PricingTables.load(from: Support.fixtures.appendingPathComponent("tables"), displayPath: "T")
        let text = PricingReport.render(tables, region: "us-east-1", on: Support.readDay)
        let expected = (try? golden("show-us-east-1.txt")) ?? ""
        if text != expected {
            // Leave the actual output where a person can diff it and, if right, copy it over the golden.
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("show-us-east-1.txt.actual")
            try text.write(to: actual, atomically: true, encoding: .utf8)
            Issue.record("output differs from Fixtures/golden/show-us-east-1.txt; actual written to \(actual.path)")
        }
    }

    @Test func binaryUnitsAreNamed() throws {
        let tables = try PricingTables.load(from: Support.fixtures.appendingPathComponent("tables"), displayPath: "T")
        let text = PricingReport.render(tables, region: "us-east-1", on: Support.readDay, convention: .binary)
        #expect(text.contains("binary units, 1 MiB = 1,048,576 bytes"))
        #expect(text.contains("first 5 TiB"))
        #expect(text.contains("rounded up to 1 MiB, minimum 10 MiB per query"))
    }

    @Test func unpublishedRowsAreShownAsSuch() throws {
        let text = PricingReport.render(try Support.shippedTables(), region: "eu-west-1", on: Support.readDay)
        #expect(text.contains("AWSCloudTrail/trail-network-activity-events\n  all                      unpublished"))
    }
}

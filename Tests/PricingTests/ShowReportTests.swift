import Foundation
import TestSupport
import Testing

@testable import Pricing

/// `pricing show` output, compared with a golden file.
@Suite struct ShowReportTests {
    @Test func fixtureTablesUSEast() throws {
        let tables = try PricingTables.load(from: Support.fixtures.appendingPathComponent("tables"), displayPath: "T")
        let text = PricingReport.render(tables, region: "us-east-1", on: Support.readDay)
        // The source tree's copy, not the bundle's, so that TRAILMETER_UPDATE_GOLDEN rewrites the one kept in git.
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden/show-us-east-1.txt")
        #expect(GoldenFile.matches(text, at: golden))
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

import Foundation
import Testing

@testable import Pricing

/// `pricing import` of CloudTrail Lake, trail Insights/network and CloudWatch Logs usage types.
@Suite struct OfferImportLakeAndLogsTests {
    static let tokyo = "ap-northeast-1"
    static let november = CalendarDay("2026-11-01")!

    func importAndReload(_ name: String) throws -> (ImportSummary, PricingTables) {
        let directory = try Support.fixtureTablesCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        var tables = try PricingTables.load(from: directory, displayPath: "T")
        let offer = try OfferFile.read(Support.fixtures.appendingPathComponent("offers/\(name)"))
        let summary = try tables.importOffer(offer, region: Self.tokyo, directoryDisplayPath: "T")
        #expect(tables.validationIssues().isEmpty)
        try tables.write(to: directory)
        return (summary, try PricingTables.load(from: directory, displayPath: "T"))
    }

    func price(_ tables: PricingTables, _ item: PriceItem) throws -> [String] {
        try tables.rate(for: item, region: Self.tokyo, on: Self.november).tiers.map(\.price.description)
    }

    @Test(arguments: ["AmazonCloudWatch.csv", "AmazonCloudWatch.json"])
    func cloudWatchLogsItems(_ name: String) throws {
        let (summary, tables) = try importAndReload(name)
        #expect(summary.imported.count == 4)
        // A usage type TrailMeter does not price is listed, not dropped silently.
        #expect(summary.skippedUsageTypes == ["APN1-CW:MetricMonitorUsage": 1])
        #expect(summary.report.last?.contains("APN1-CW:MetricMonitorUsage (1)") == true)
        #expect(try price(tables, .logsIngestStandard) == ["0.76"])
        #expect(try price(tables, .logsIngestInfrequentAccess) == ["0.38"])
        #expect(try price(tables, .logsInsightsScan) == ["0.0076"])
        let storage = try tables.rate(for: .logsStorage, region: Self.tokyo, on: Self.november)
        #expect(storage.unit == .gigabyteMonths)
        #expect(storage.tiers[0].price.description == "0.033")
        #expect(storage.tiers[0].sku == "FIXTCW0000000003")
        // Written to the service's own file, beside the us-east-1 rows.
        #expect(storage.tiers[0].location.file == "T/rates/AmazonCloudWatch.csv")
    }

    @Test(arguments: ["AWSCloudTrailLake.csv", "AWSCloudTrailLake.json"])
    func lakeInsightsAndNetworkEvents(_ name: String) throws {
        let (summary, tables) = try importAndReload(name)
        #expect(summary.imported.count == 9)
        #expect(summary.skippedUsageTypes == ["APN1-FreeTrialQueryScanned-Bytes": 1])
        #expect(try price(tables, .lakeIngestCloudTrailOneYear) == ["0.75"])
        #expect(try price(tables, .lakeIngestOtherOneYear) == ["0.5"])
        #expect(try price(tables, .lakeExtendedRetention) == ["0.023"])
        #expect(try price(tables, .lakeScan) == ["0.005"])
        let sevenYear = try tables.rate(for: .lakeIngestSevenYear, region: Self.tokyo, on: Self.november)
        #expect(sevenYear.tiers.map(\.price.description) == ["2.5", "1", "0.5"])
        #expect(sevenYear.tiers.map { $0.tierTo?.description } == ["5120", "25600", nil])
        let insights = try tables.rate(for: .insightsEventsAnalyzed, region: Self.tokyo, on: Self.november)
        #expect(insights.unit == .events(per: 100_000))
        #expect(insights.tiers[0].price.description == "0.35")
        #expect(try price(tables, .trailNetworkActivityEvents) == ["0.1"])
    }

    @Test func dpuHoursAreTheirOwnUnit() throws {
        #expect(BillingUnit("DPU-hour") == .dpuHours)
        #expect(BillingUnit.dpuHours.amount(of: .dpuHours(96), convention: .decimal) == 96)
        #expect(BillingUnit.dpuHours.amount(of: .bytes(96), convention: .decimal) == nil)
        let rate = try Support.shippedTables().rate(
            for: .athenaProvisionedCapacity, region: Self.tokyo, on: CalendarDay("2026-11-29")!)
        let charge = try rate.charge(.dpuHours(24 * 8), convention: .decimal)
        #expect(Support.dollars(charge.amount) == "$82.56")
    }

    @Test func provisionedCapacityMinimums() throws {
        let rules = try Support.shippedTables().rules.athenaProvisionedCapacity
        #expect(rules == AthenaProvisionedCapacityRules(minimumDPUs: 4, dpuStep: 4, minimumMinutes: 1))
        // 2 DPU for 30 seconds is billed as 4 DPU for one minute.
        #expect(rules.billedDPUHours(dpus: 2, minutes: Decimal(string: "0.5")!) == Decimal(4) / 60)
        // 26 DPU rounds up to 28; 90.2 minutes to 91.
        #expect(rules.billedDPUHours(dpus: 26, minutes: Decimal(string: "90.2")!) == Decimal(28 * 91) / 60)
    }
}

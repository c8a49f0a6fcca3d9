import Foundation
import Testing

@testable import Pricing

/// `pricing import`: AWS Price List offer files (JSON and CSV) become table rows.
@Suite struct OfferImportTests {
    static let tokyo = "ap-northeast-1"
    static let november = CalendarDay("2026-11-01")!

    func offer(_ name: String) throws -> OfferFile {
        try OfferFile.read(Support.fixtures.appendingPathComponent("offers/\(name)"))
    }

    /// Imports into a copy of the fixture tables, writes, reloads; returns both.
    func importAndReload(_ name: String, region: String = tokyo) throws -> (ImportSummary, PricingTables) {
        let directory = try Support.fixtureTablesCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        var tables = try PricingTables.load(from: directory, displayPath: "T")
        let summary = try tables.importOffer(try offer(name), region: region, directoryDisplayPath: "T")
        #expect(tables.validationIssues().isEmpty)
        try tables.write(to: directory)
        return (summary, try PricingTables.load(from: directory, displayPath: "T"))
    }

    @Test(arguments: ["AmazonS3.json", "AmazonS3.csv"])
    func s3StorageTiersAndRequests(_ name: String) throws {
        let (summary, tables) = try importAndReload(name)
        #expect(summary.imported.count == 5)
        #expect(summary.skippedUsageTypes == ["APN1-TimedStorage-SIA-ByteHrs": 1])
        let storage = try tables.rate(for: .s3StandardStorage, region: Self.tokyo, on: CalendarDay("2026-11-15")!)
        #expect(storage.tiers.map(\.price.description) == ["0.025", "0.024", "0.023"])
        #expect(storage.tiers.map { $0.tierTo?.description } == ["51200", "512000", nil])
        #expect(storage.tiers.allSatisfy { $0.sku == "FIXTS3ST00000001" && $0.effectiveFrom == Self.november })
        // The hand-written 'unpublished' row is kept as history, closed the day before.
        let before = try tables.rate(for: .s3StandardStorage, region: Self.tokyo, on: CalendarDay("2026-10-31")!)
        #expect(before.isUnpublished)
        #expect(before.effectiveTo == CalendarDay("2026-10-31"))
        #expect(summary.closed.count == 1)
        let put = try tables.rate(for: .s3PutListRequests, region: Self.tokyo, on: Self.november)
        #expect(put.unit == .requests(per: 1000))
        #expect(put.tiers[0].price.usd == Decimal(string: "0.0047"))
        #expect(put.tiers[0].sku == "FIXTS3RQ00000002")
        let get = try tables.rate(for: .s3GetRequests, region: Self.tokyo, on: Self.november)
        #expect(get.tiers[0].price.usd == Decimal(string: "0.00037"))
        // us-east-1 rows in the same offer file are not touched when importing Tokyo.
        #expect(try tables.rate(for: .s3StandardStorage, region: "us-east-1", on: Self.november).tiers[0].sku == "")
    }

    @Test(arguments: ["AWSCloudTrail.csv", "AWSCloudTrail.json"])
    func cloudTrailEventsScaleToHundredThousand(_ name: String) throws {
        let (summary, tables) = try importAndReload(name)
        #expect(summary.imported.count == 2)
        #expect(summary.skippedUsageTypes == ["APN1-FreeTrialIngestion-Bytes": 1])
        let paid = try tables.rate(for: .trailManagementEventCopies, region: Self.tokyo, on: Self.november)
        #expect(paid.unit == .events(per: 100_000))
        #expect(paid.tiers[0].price.description == "2")
        #expect(paid.tiers[0].sku == "FIXTCT0000000001")
        let charge = try paid.charge(.events(150_000), convention: .decimal)
        #expect(Support.dollars(charge.amount) == "$3.00")
        // New rows for an item the file already holds go into that file.
        #expect(paid.location.file == "T/rates/AWSCloudTrail.csv")
    }

    @Test(arguments: ["AmazonAthena.json", "AmazonAthena.csv"])
    func athenaIntoAnExistingRegion(_ name: String) throws {
        let (summary, tables) = try importAndReload(name, region: "us-east-1")
        #expect(summary.imported.map(\.sku) == ["FIXTATH000000002"])
        let old = try tables.rate(for: .athenaSQLScan, region: "us-east-1", on: CalendarDay("2026-10-31")!)
        #expect(old.tiers[0].price.description == "5.00")
        #expect(old.effectiveFrom == CalendarDay("2017-01-01"))
        let new = try tables.rate(for: .athenaSQLScan, region: "us-east-1", on: Self.november)
        #expect(new.tiers[0].price.description == "5")
        #expect(
            new.source
                == "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonAthena/20261101000000/index.\(name.hasSuffix("json") ? "json" : "csv")"
        )
    }

    @Test func jsonAndCSVGiveTheSamePrices() throws {
        let json = try offer("AmazonS3.json").prices
        let csv = try offer("AmazonS3.csv").prices
        func key(_ p: OfferPrice) -> String {
            "\(p.sku) \(p.usageType) \(p.beginRange) \(String(describing: p.endRange)) \(p.pricePerUnit) \(p.effectiveDate)"
        }
        #expect(json.map(key).sorted() == csv.map(key).sorted())
    }

    @Test func reimportingIsIdempotent() throws {
        let directory = try Support.fixtureTablesCopy()
        var tables = try PricingTables.load(from: directory, displayPath: "T")
        _ = try tables.importOffer(try offer("AmazonS3.json"), region: Self.tokyo, directoryDisplayPath: "T")
        let once = tables.fileContents()
        let again = try tables.importOffer(try offer("AmazonS3.json"), region: Self.tokyo, directoryDisplayPath: "T")
        #expect(again.replacedCount == 5)
        #expect(again.closed.isEmpty)
        #expect(tables.fileContents() == once)
    }

    @Test func wrongUnitIsRefused() throws {
        let directory = try Support.fixtureTablesCopy()
        let bad = directory.appendingPathComponent("bad.csv")
        let text = try String(
            contentsOf: Support.fixtures.appendingPathComponent("offers/AWSCloudTrail.csv"), encoding: .utf8
        )
        .replacingOccurrences(of: "\"Events\",\"0.0000200000\"", with: "\"GB\",\"0.0000200000\"")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        var tables = try PricingTables.load(from: directory, displayPath: "T")
        #expect(throws: PricingError.self) {
            try tables.importOffer(try OfferFile.read(bad), region: Self.tokyo, directoryDisplayPath: "T")
        }
    }

    @Test func malformedOfferFilesNameTheirPlace() throws {
        let directory = try Support.fixtureTablesCopy()
        let bad = directory.appendingPathComponent("bad.csv")
        let text = try String(
            contentsOf: Support.fixtures.appendingPathComponent("offers/AmazonAthena.csv"), encoding: .utf8
        )
        .replacingOccurrences(
            of: "\"5.0000000000\",\"USD\",\"Serverless\",\"AmazonAthena\",\"Asia",
            with: "\"five\",\"USD\",\"Serverless\",\"AmazonAthena\",\"Asia")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        #expect(
            throws: PricingError.invalidOfferFile(
                path: bad.path, line: 7, reason: "column 'PricePerUnit': cannot read 'five'")
        ) {
            try OfferFile.read(bad)
        }
    }

    @Test func regionPrefixes() {
        #expect(OfferUsageMapping.withoutRegionPrefix("APN1-PaidEventsRecorded") == "PaidEventsRecorded")
        #expect(OfferUsageMapping.withoutRegionPrefix("EU-TimedStorage-ByteHrs") == "TimedStorage-ByteHrs")
        #expect(OfferUsageMapping.withoutRegionPrefix("TimedStorage-ByteHrs") == "TimedStorage-ByteHrs")
        #expect(OfferUsageMapping.withoutRegionPrefix("Requests-Tier1") == "Requests-Tier1")
    }
}

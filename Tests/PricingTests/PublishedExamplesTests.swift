import Foundation
import Testing

@testable import Pricing

/// AWS's own worked examples, priced from the shipped tables through the library API.
@Suite struct PublishedExamplesTests {
    let tables: PricingTables
    init() throws { tables = try Support.shippedTables() }

    func athena(_ bytes: Decimal) throws -> String {
        Support.dollars(try tables.athenaQuery(scannedBytes: bytes, region: "us-east-1", on: Support.readDay).amount)
    }

    @Test func athenaUncompressedTextReadsWholeRows() throws {
        // 3 TB of uncompressed text: reading one column still reads every byte.
        #expect(try athena(3 * Support.terabyte) == "$15.00")
    }

    @Test func athenaGzipThreeToOne() throws {
        #expect(try athena(3 * Support.terabyte / 3) == "$5.00")
    }

    @Test func athenaParquetOneOfFourColumns() throws {
        // Parquet compresses 3:1 as well, and one of four columns is read.
        #expect(try athena(3 * Support.terabyte / 3 / 4) == "$1.25")
    }

    @Test func athenaPriceIsPublishedInAllShippedRegions() throws {
        for region in ["us-east-1", "eu-west-1", "ap-northeast-1"] {
            let charge = try tables.athenaQuery(scannedBytes: Support.terabyte, region: region, on: Support.readDay)
            #expect(Support.dollars(charge.amount) == "$5.00", "\(region)")
        }
    }

    @Test func secondTrailCopyOfManagementEvents() throws {
        let charge = try tables.charge(
            .events(150_000), for: .trailManagementEventCopies, region: "us-east-1", on: Support.readDay)
        #expect(Support.dollars(charge.amount) == "$3.00")
    }

    @Test func trailDataEvents() throws {
        let charge = try tables.charge(
            .events(2_000_000), for: .trailDataEvents, region: "us-east-1", on: Support.readDay)
        #expect(Support.dollars(charge.amount) == "$2.00")
    }

    @Test func sevenYearLakeIngestOfThirtyTerabytesUsesAllThreeTiers() throws {
        let charge = try tables.charge(
            .bytes(30 * Support.terabyte), for: .lakeIngestSevenYear,
            region: "us-east-1", on: Support.readDay, convention: .decimal)
        #expect(charge.tiers.map(\.quantity) == [5000, 20000, 5000])
        #expect(charge.tiers.map(\.amount) == [12500, 20000, 2500])
        #expect(Support.dollars(charge.amount) == "$35,000.00")
        #expect(
            charge.description
                == "$35,000.00 (half-up to cents) for 30000 GB at AWSCloudTrail/lake-ingest-seven-year in us-east-1 (decimal units, 1 MB = 1,000,000 bytes)"
        )
        // Not every gigabyte at the first (dearest) tier's price.
        #expect(charge.amount != 30000 * Decimal(string: "2.50")!)
    }

    @Test func sevenYearTierBoundsFollowBinaryUnits() throws {
        let tebibyte = Decimal(1_099_511_627_776)
        let charge = try tables.charge(
            .bytes(30 * tebibyte), for: .lakeIngestSevenYear,
            region: "us-east-1", on: Support.readDay, convention: .binary)
        #expect(charge.tiers.map(\.quantity) == [5120, 20480, 5120])
        #expect(Support.dollars(charge.amount) == "$35,840.00")
    }

    @Test func s3StandardStorageTiers() throws {
        // 600 TB-months: 50 at 0.023, 450 at 0.022, 100 at 0.021 (per GB-month, decimal units).
        let gigabyteMonths = Decimal(600_000)
        let charge = try tables.charge(
            .byteMonths(gigabyteMonths * 1_000_000_000), for: .s3StandardStorage,
            region: "us-east-1", on: Support.readDay, convention: .decimal)
        #expect(
            charge.amount == 50_000 * Decimal(string: "0.023")! + 450_000 * Decimal(string: "0.022")! + 100_000
                * Decimal(string: "0.021")!)
    }

    @Test func unpublishedRegionSaysSoInsteadOfCopyingUSEast() throws {
        let rate = try tables.rate(for: .trailNetworkActivityEvents, region: "eu-west-1", on: Support.readDay)
        #expect(rate.isUnpublished)
        #expect(throws: PricingError.self) {
            try rate.charge(.events(100_000), convention: .decimal)
        }
        // Tokyo's S3 Standard tiers are all published now (PRICES.md [A]); no tier is copied from us-east-1.
        let tokyo = try tables.rate(for: .s3StandardStorage, region: "ap-northeast-1", on: Support.readDay)
        #expect(tokyo.tiers.map(\.price.description) == ["0.025", "0.024", "0.023"])
    }

    @Test func everyShippedRowHasASourceURL() throws {
        for row in tables.rows {
            #expect(row.source.hasPrefix("https://"), "\(row.location)")
        }
    }

    @Test func lakeRetentionIncludedWithEachOption() throws {
        #expect(tables.rules.retention(for: .oneYearExtendable) == LakeRetention(includedDays: 366, maximumDays: 3653))
        #expect(tables.rules.retention(for: .sevenYear) == LakeRetention(includedDays: 2557, maximumDays: 2557))
        #expect(LakePricingOption.sevenYear.ingestItem() == .lakeIngestSevenYear)
        #expect(LakePricingOption.oneYearExtendable.ingestItem(otherSources: true) == .lakeIngestOtherOneYear)
        #expect(LakePricingOption.sevenYear.extendedRetentionItem == nil)
    }
}

import Foundation
import Testing

@testable import Pricing

/// Athena's rounding and minimum, under both byte-unit conventions, taken from the shipped rules.
@Suite struct AthenaScanBillingTests {
    let billing: AthenaScanBilling
    init() throws { billing = try Support.shippedTables().rules.athenaScanBilling }

    @Test func oneKilobyteBillsTheTenMegabyteMinimum() {
        let scan = billing.bill(scannedBytes: 1000, convention: .decimal)
        #expect(scan.billedBytes == 10_000_000)
        #expect(scan.description == "10 MB billed for 1,000 bytes scanned (decimal units, 1 MB = 1,000,000 bytes)")
    }

    @Test func oneByteOverTenMegabytesBillsEleven() {
        let scan = billing.bill(scannedBytes: 10_000_001, convention: .decimal)
        #expect(scan.billedBytes == 11_000_000)
        #expect(scan.billedAmount == 11)
        #expect(scan.description.hasPrefix("11 MB billed for 10,000,001 bytes scanned"))
    }

    @Test func exactMultiplesAreNotRoundedFurther() {
        #expect(billing.bill(scannedBytes: 10_000_000, convention: .decimal).billedBytes == 10_000_000)
        #expect(billing.bill(scannedBytes: 12_000_000, convention: .decimal).billedBytes == 12_000_000)
        #expect(billing.bill(scannedBytes: 0, convention: .decimal).billedBytes == 10_000_000)
    }

    @Test func binaryUnitsChangeBothFiguresAndSaySo() {
        let small = billing.bill(scannedBytes: 1000, convention: .binary)
        let large = billing.bill(scannedBytes: 10_000_001, convention: .binary)
        #expect(small.billedBytes == 10_485_760)
        // 10,000,001 bytes fit inside 10 MiB, so the minimum applies instead of an 11th increment.
        #expect(large.billedBytes == 10_485_760)
        #expect(large.billedAmount == 10)
        #expect(
            large.description == "10 MiB billed for 10,000,001 bytes scanned (binary units, 1 MiB = 1,048,576 bytes)")
        let elevenMebibytes: Decimal = 11 * 1_048_576
        #expect(billing.bill(scannedBytes: 10_485_761, convention: .binary).billedBytes == elevenMebibytes)
    }

    @Test func pricedQueryPrintsTheConventionBesideTheFigure() throws {
        let tables = try Support.shippedTables()
        let decimal = try tables.athenaQuery(scannedBytes: 10_000_001, region: "us-east-1", on: Support.readDay)
        #expect(decimal.amount == Decimal(string: "0.000055")!)
        #expect(
            decimal.description(.halfUpToCents)
                == "$0.00 (half-up to cents) for 11 MB billed for 10,000,001 bytes scanned (decimal units, 1 MB = 1,000,000 bytes)"
        )
        let binary = try tables.athenaQuery(
            scannedBytes: 10_000_001, region: "us-east-1", on: Support.readDay, convention: .binary)
        // 10 MiB of a TiB at $5: 10 / 1,048,576 × 5.
        #expect(binary.amount == Decimal(50) / Decimal(1_048_576))
        #expect(binary.description.contains("binary units"))
    }

    @Test func defaultConventionComesFromTheRules() throws {
        let tables = try Support.shippedTables()
        #expect(tables.rules.defaultByteConvention == .decimal)
        #expect(
            try tables.athenaQuery(scannedBytes: 1000, region: "us-east-1", on: Support.readDay).scan.convention
                == .decimal)
    }
}

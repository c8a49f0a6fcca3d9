import Foundation
import Planning
import Pricing
import TestSupport
import Testing

@testable import Reporting

/// `costs.csv` against the FOCUS 1.2 column table in `Fixtures/focus-1.2-columns.csv` (its source
/// is in `Fixtures/README.md`): every Mandatory column present, every value of its type and among
/// the allowed values, the cross-column rules a cost line can break, and every line's
/// `BilledCost` equal to its quantity times its rate, rounded once.
struct FOCUSConformanceTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// One row of the specification's column table.
    struct SpecColumn {
        var name: String
        var level: String
        var dataType: String
        var allowsNulls: Bool
        var allowedValues: Set<String>
        var written: Bool
    }

    static func specification() throws -> [String: SpecColumn] {
        let text = try String(
            contentsOf: here.appendingPathComponent("Fixtures/focus-1.2-columns.csv"), encoding: .utf8)
        var columns: [String: SpecColumn] = [:]
        for row in try CSVReader.table(text, lineEnd: "\n") {
            let name = row["column"]!
            columns[name] = SpecColumn(
                name: name, level: row["feature_level"]!, dataType: row["data_type"]!,
                allowsNulls: row["allows_nulls"]! == "true",
                allowedValues: Set(row["allowed_values"]!.split(separator: "|").map(String.init)),
                written: row["costs_csv"]! == "written")
        }
        return columns
    }

    /// The fixed scenario's costs.csv, as `trailmeter compare` writes it (CompareCommandTests
    /// proves the written file equals this golden file).
    static func fixedScenarioCSV() throws -> String {
        try String(
            contentsOf: here.deletingLastPathComponent().appendingPathComponent("PlanningTests/Golden/costs.csv"),
            encoding: .utf8)
    }

    @Test func theColumnTableHasTheSpecificationsColumns() throws {
        let spec = try Self.specification()
        #expect(spec.count == 57)
        let mandatory = spec.values.filter { $0.level == "Mandatory" }.map(\.name).sorted()
        #expect(
            mandatory == [
                "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
                "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd",
                "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost",
                "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
            ])
        #expect(spec.values.allSatisfy { ["Mandatory", "Recommended", "Conditional"].contains($0.level) })
        #expect(spec.values.filter { $0.level == "Mandatory" }.allSatisfy { $0.written })
    }

    @Test func headerHasEveryMandatoryColumnAndOnlyFOCUSOrCustomColumns() throws {
        let spec = try Self.specification()
        let header = CostsCSV.columns
        #expect(Set(header).count == header.count)
        for column in spec.values where column.level == "Mandatory" {
            #expect(header.contains(column.name), "\(column.name) is mandatory in FOCUS 1.2")
        }
        for name in header {
            #expect(name.hasPrefix("x_") || spec[name] != nil, "\(name) is neither a FOCUS 1.2 column nor x_")
        }
        let written = Set(spec.values.filter(\.written).map(\.name))
        #expect(written == Set(header.filter { !$0.hasPrefix("x_") }), "the table's costs_csv column is out of date")
    }

    @Test func fixedScenarioIsAConformantDataset() throws {
        let rows = try CSVReader.table(Self.fixedScenarioCSV())
        #expect(rows.count == 325)  // 253 lines of the five earlier layouts + 72 of the two CloudWatch layouts
        try Self.checkConformance(rows)
        #expect(rows.allSatisfy { $0["x_ChargeOrigin"] == "projected" })
    }

    @Test func reportingFixtureIsConformantExceptItsUnpricedLines() throws {
        let rows = try CSVReader.table(CostsCSV.render(ProjectionFixture.projection()))
        try Self.checkConformance(rows)
    }

    /// Acceptance: each line's BilledCost is the sum of its terms in `x_PricingTerms` (quantity ×
    /// rate; one term per tier) rounded once, half up to the cent; a line at one rate is
    /// PricingQuantity × ListUnitPrice; ListCost, ContractedCost and EffectiveCost equal it (list
    /// rates, no discounts).
    @Test func billedCostIsQuantityTimesRateRoundedOnce() throws {
        let rows = try CSVReader.table(Self.fixedScenarioCSV())
        for row in rows {
            try Self.checkBilledCost(row)
            let quantity = try #require(Self.decimal(row["PricingQuantity"]!))
            let price = try #require(Self.decimal(row["ListUnitPrice"]!))
            // The fixed scenario stays in the first tier of every rate: one term per line.
            #expect(row["x_PricingTerms"] == "\(row["PricingQuantity"]!) x \(row["ListUnitPrice"]!)")
            #expect(
                try #require(Self.decimal(row["BilledCost"]!)) == RoundingRule.halfUpToCents.apply(quantity * price))
        }
    }

    /// A line over two S3 storage tiers: 50,000 GB at 0.023 + 10,000 GB at 0.022 = 1,150 + 220 =
    /// 1,370.00; ListUnitPrice is the blend, 1,370 / 60,000 = 0.0228333333 (ten decimals).
    @Test func tieredLineIsTheSumOfItsTiers() throws {
        var line = ProjectionFixture.projection().lines[0]
        line.quantity = 60_000
        line.unitPrice = nil
        line.terms = [
            PricedTerm(quantity: 50_000, unitPrice: Decimal(string: "0.023")!),
            PricedTerm(quantity: 10_000, unitPrice: Decimal(string: "0.022")!),
        ]
        line.exactCost = 1370
        line.billedCost = 1370
        let rows = try CSVReader.table(CostsCSV.render(ProjectionFixture.projection(extraLines: [line])))
        let tiered = try #require(rows.last)
        #expect(tiered["x_PricingTerms"] == "50000 x 0.023 + 10000 x 0.022")
        #expect(tiered["BilledCost"] == "1370.00" && tiered["ListCost"] == "1370.00")
        #expect(tiered["ListUnitPrice"] == "0.0228333333")
        try Self.checkBilledCost(tiered)
        try Self.checkConformance(rows)
    }

    /// A rate change within the month: each rate's term carries the share of the month it was in force.
    @Test func termsOfARateChangeCarryTheirShareOfTheMonth() {
        var line = ProjectionFixture.projection().lines[0]
        line.terms = [
            PricedTerm(quantity: 100, unitPrice: 5, share: Decimal(string: "0.5")!),
            PricedTerm(quantity: 100, unitPrice: 4, share: Decimal(string: "0.5")!),
        ]
        #expect(CostsCSV.terms(line) == "0.5 x 100 x 5 + 0.5 x 100 x 4")
        #expect(line.terms.reduce(Decimal(0)) { $0 + $1.amount } == 450)
    }

    /// BilledCost = the terms of `x_PricingTerms` summed, rounded once half up to the cent.
    static func checkBilledCost(_ row: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        var sum: Decimal = 0
        for term in row["x_PricingTerms"]!.components(separatedBy: " + ") {
            let factors = try term.components(separatedBy: " x ").map {
                try #require(decimal($0), "\(term)", sourceLocation: sourceLocation)
            }
            sum += factors.reduce(Decimal(1), *)
        }
        #expect(
            try #require(decimal(row["BilledCost"]!), sourceLocation: sourceLocation)
                == RoundingRule.halfUpToCents.apply(sum), "\(row["ChargeDescription"]!)", sourceLocation: sourceLocation
        )
        for column in ["ListCost", "ContractedCost", "EffectiveCost"] {
            #expect(row[column] == row["BilledCost"], "\(column)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyPricedServiceHasAFOCUSServiceCategory() throws {
        let allowed = try #require(try Self.specification()["ServiceCategory"]).allowedValues
        for service in PriceItem.serviceNames {
            let known = try #require(FOCUSService.known[service], "\(service) has no FOCUS ServiceCategory")
            #expect(allowed.contains(known.category))
        }
        #expect(FOCUSService.named("AmazonNewThing") == ("AmazonNewThing", "Other"))
        #expect(CostsCSV.serviceName("AmazonCloudWatch") == "Amazon CloudWatch")
    }

    /// A provisioned-capacity line is told apart from on-demand lines by its reservation id, and
    /// stays `Standard` pricing (FOCUS keeps `Committed` for commitment discounts).
    @Test func capacityReservationLinesCarryAReservationId() throws {
        var line = ProjectionFixture.projection().lines[1]
        line.item = .athenaProvisionedCapacity
        line.unit = "DPU-Hours"
        let rows = try CSVReader.table(CostsCSV.render(ProjectionFixture.projection(extraLines: [line])))
        let reservation = try #require(rows.last)
        #expect(reservation["CapacityReservationId"] == "athena-projected/provisioned-capacity")
        #expect(reservation["CapacityReservationStatus"] == "Used")
        #expect(reservation["PricingCategory"] == "Standard")
        #expect(rows.dropLast().allSatisfy { $0["CapacityReservationId"] == "" })
        try Self.checkConformance(rows)
    }

    /// The Lake-to-CloudWatch export is billed once: `ChargeFrequency` "One-Time", still usage;
    /// every other line stays "Usage-Based".
    @Test func theLakeExportLineIsOneTime() throws {
        var line = ProjectionFixture.projection().lines[1]
        line.layout = .lakeToCloudWatch
        line.item = .logsIngestInfrequentAccess
        line.category = .ingest
        line.isOneTime = true
        let rows = try CSVReader.table(CostsCSV.render(ProjectionFixture.projection(extraLines: [line])))
        let export = try #require(rows.last)
        #expect(export["ChargeFrequency"] == "One-Time")
        #expect(export["ChargeCategory"] == "Usage")
        #expect(export["x_Layout"] == "lake-to-cloudwatch")
        #expect(rows.dropLast().allSatisfy { $0["ChargeFrequency"] == "Usage-Based" })
        try Self.checkConformance(rows)
    }

    // MARK: The checks

    static var dateTime: Regex<Substring> { #/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/# }
    static var decimalNumber: Regex<(Substring, Substring?)> { #/-?[0-9]+(\.[0-9]+)?/# }
    static var currencyCode: Regex<Substring> { #/[A-Z]{3}/# }

    static func decimal(_ text: String) -> Decimal? {
        (try? decimalNumber.wholeMatch(in: text)) != nil
            ? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) : nil
    }

    /// Checks every FOCUS value of `rows`. The one deviation allowed is TrailMeter's: a line with
    /// no published rate (`x_RateSource` says so) leaves its costs and unit price empty.
    static func checkConformance(_ rows: [[String: String]], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let spec = try specification()
        let unpricedColumns: Set = ["BilledCost", "ListCost", "ContractedCost", "EffectiveCost", "ListUnitPrice"]
        for (index, row) in rows.enumerated() {
            let at = "line \(index + 2)"
            let unpriced = row["x_RateSource"]!.hasPrefix("no published rate")
            for (name, value) in row where !name.hasPrefix("x_") {
                let column = try #require(spec[name], sourceLocation: sourceLocation)
                if value.isEmpty {
                    #expect(
                        column.allowsNulls || (unpriced && unpricedColumns.contains(name)), "\(at): \(name) is null",
                        sourceLocation: sourceLocation)
                    continue
                }
                switch column.dataType {
                case "Decimal":
                    #expect(decimal(value) != nil, "\(at): \(name) \(value)", sourceLocation: sourceLocation)
                case "DateTime":
                    #expect(
                        try dateTime.wholeMatch(in: value) != nil, "\(at): \(name) \(value)",
                        sourceLocation: sourceLocation)
                case "CurrencyCode":
                    #expect(
                        try currencyCode.wholeMatch(in: value) != nil, "\(at): \(name) \(value)",
                        sourceLocation: sourceLocation)
                default: break
                }
                if !column.allowedValues.isEmpty {
                    #expect(
                        column.allowedValues.contains(value), "\(at): \(name) \(value) is not allowed",
                        sourceLocation: sourceLocation)
                }
            }
            // Cross-column rules of FOCUS 1.2 that a usage line can break.
            let usageOrPurchase = ["Usage", "Purchase"].contains(row["ChargeCategory"]!)
            if usageOrPurchase && row["ChargeClass"] != "Correction" {
                for name in ["PricingCategory", "PricingQuantity", "PricingUnit"] {
                    #expect(row[name] != "", "\(at): \(name) null on a usage line", sourceLocation: sourceLocation)
                }
                #expect(
                    unpriced || row["ListUnitPrice"] != "", "\(at): ListUnitPrice null", sourceLocation: sourceLocation)
            }
            if row["ChargeCategory"] == "Purchase" {
                #expect(row["ChargeFrequency"] != "Usage-Based", "\(at)", sourceLocation: sourceLocation)
            }
            #expect(
                (row["RegionId"] == "") == (row["RegionName"] == ""), "\(at): RegionName",
                sourceLocation: sourceLocation)
            #expect(
                (row["CapacityReservationId"] == "") == (row["CapacityReservationStatus"] == ""),
                "\(at): CapacityReservationStatus", sourceLocation: sourceLocation)
            // Periods: start before end; the charge period inside the billing period (the
            // fixed-width UTC format sorts as text).
            #expect(row["BillingPeriodStart"]! < row["BillingPeriodEnd"]!, "\(at)", sourceLocation: sourceLocation)
            #expect(row["ChargePeriodStart"]! < row["ChargePeriodEnd"]!, "\(at)", sourceLocation: sourceLocation)
            #expect(
                row["BillingPeriodStart"]! <= row["ChargePeriodStart"]!
                    && row["ChargePeriodEnd"]! <= row["BillingPeriodEnd"]!, "\(at)", sourceLocation: sourceLocation)
        }
    }
}

import Foundation
import Planning
import Pricing

/// What the FinOps FOCUS 1.2 specification calls a cost line: how the charge is classified, which
/// service and provider it belongs to, and how it is priced.
///
/// Every value is derived from data the line carries (its cost category, its price item and the
/// service that bills it), so a line of a new layout fits without code here; a new cost category
/// stops the build until its FOCUS classification is chosen, and a new service fails
/// `FOCUSConformanceTests` until it has a service category.
struct FOCUSCharge {
    /// FOCUS `ChargeCategory` values TrailMeter uses (the specification also allows `Tax`,
    /// `Credit` and `Adjustment`, which a projection of list prices never produces).
    enum ChargeCategory: String {
        case usage = "Usage"
        case purchase = "Purchase"
    }

    /// FOCUS `ChargeFrequency` values.
    enum ChargeFrequency: String {
        case oneTime = "One-Time"
        case recurring = "Recurring"
        case usageBased = "Usage-Based"
    }

    /// The company that provides the services, publishes them and issues the invoice (FOCUS
    /// `ProviderName`, `PublisherName`, `InvoiceIssuerName`): the name AWS's own FOCUS export uses.
    static let provider = "AWS"

    var chargeCategory: ChargeCategory
    var chargeFrequency: ChargeFrequency
    /// FOCUS `PricingCategory`: `Standard` for every line TrailMeter prices, because each is priced
    /// at AWS's published rate for the account. An Athena capacity reservation is billed at a
    /// published DPU-hour rate too; FOCUS reserves `Committed` for usage covered by a commitment
    /// *discount* (Savings Plans, Reserved Instances), so a reservation is told apart by
    /// `CapacityReservationId` instead.
    var pricingCategory = "Standard"
    var serviceName: String
    var serviceCategory: String
    /// FOCUS `CapacityReservationId` and `CapacityReservationStatus`: set on the lines of a
    /// capacity reservation, nil on on-demand lines.
    var capacityReservationId: String?
    var capacityReservationStatus: String?

    init(_ line: CostLine) {
        (chargeCategory, chargeFrequency) = Self.classification(line.category, oneTime: line.isOneTime)
        let service = FOCUSService.named(line.item.service)
        serviceName = service.name
        serviceCategory = service.category
        if Self.isCapacityReservation(line.item) {
            capacityReservationId = "\(line.layout.rawValue)/\(line.item.name)"
            // The whole reservation is billed while it is active; TrailMeter does not split
            // unused hours into lines of their own.
            capacityReservationStatus = "Used"
        }
    }

    /// Every cost category TrailMeter bills is usage of a service, billed for what was used
    /// (ingest and backfills per GB, storage per GB-month, scans per byte, requests per 1,000):
    /// nothing is bought up front. A line billed once (the Lake-to-CloudWatch export) is still
    /// usage, but "One-Time".
    static func classification(_ category: CostCategory, oneTime: Bool = false) -> (ChargeCategory, ChargeFrequency) {
        switch category {
        case .ingest, .storage, .scans, .requests: return (.usage, oneTime ? .oneTime : .usageBased)
        }
    }

    /// Items billed for reserved capacity rather than per unit used.
    static func isCapacityReservation(_ item: PriceItem) -> Bool { item == .athenaProvisionedCapacity }
}

/// FOCUS `ServiceName` and `ServiceCategory` of the services TrailMeter prices, by Price List offer code.
enum FOCUSService {
    /// `ServiceName` as AWS bills it, and the FOCUS service category of its core function.
    static let known: [String: (name: String, category: String)] = [
        "AmazonAthena": ("Amazon Athena", "Analytics"),
        "AWSCloudTrail": ("AWS CloudTrail", "Management and Governance"),
        "AmazonCloudWatch": ("Amazon CloudWatch", "Management and Governance"),
        "AmazonS3": ("Amazon Simple Storage Service", "Storage"),
    ]

    /// The service's names; an offer code not in ``known`` keeps its code as its name and the
    /// category `Other` (FOCUS's value for a service no category fits), so a file is still written.
    static func named(_ offerCode: String) -> (name: String, category: String) {
        known[offerCode] ?? (offerCode, "Other")
    }
}

/// FOCUS `RegionName`: the names AWS's billing data gives the regions TrailMeter ships rates for.
enum FOCUSRegion {
    static let names = [
        "us-east-1": "US East (N. Virginia)",
        "eu-west-1": "Europe (Ireland)",
        "ap-northeast-1": "Asia Pacific (Tokyo)",
    ]

    /// The region's name, or its id when TrailMeter has no name for it (FOCUS wants a value
    /// whenever `RegionId` has one).
    static func name(_ regionId: String) -> String { names[regionId] ?? regionId }
}

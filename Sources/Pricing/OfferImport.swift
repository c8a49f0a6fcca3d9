import Foundation
import TrailMeterCore

/// How an offer file's usage type becomes a table item: which item, and how many of the offer's
/// units make one of ours (prices are multiplied by it, tier bounds divided).
struct OfferUsageMapping {
    let service: String
    /// The usage type without its region prefix (`APN1-`, `EU-`; us-east-1 often has none).
    let usageType: String
    let offerUnit: String
    let item: PriceItem
    let unit: BillingUnit
    let scale: Decimal

    /// Usage types as AWS Cost and Usage Reports and Price List offer files name them, without the
    /// region prefix. CloudTrail: `PaidEventsRecorded`, `DataEventsRecorded`, `InsightsEvents`,
    /// `NetworkEventsRecorded`; Lake `Ingestion-Bytes-1yearstore-Live-CloudTrail-Logs`,
    /// `Ingestion-Bytes-1yearstore-Other-data-sources`, `Ingestion-Bytes` (seven-year, tiered),
    /// `PaidStorage-ByteHrs`, `QueryScanned-Bytes` (docs/RATES-NOTES.md gives the sources). S3
    /// `TimedStorage-ByteHrs`, `Requests-Tier1/2`; Athena `DataScannedInTB`; CloudWatch Logs
    /// `DataProcessing-Bytes`, `DataProcessingIA-Bytes`, `TimedStorage-ByteHrs`, `DataScanned-Bytes`.
    /// Anything else in an offer file is listed by the import, never dropped silently.
    static let all: [OfferUsageMapping] = [
        OfferUsageMapping(
            service: "AmazonAthena", usageType: "DataScannedInTB", offerUnit: "Terabytes",
            item: .athenaSQLScan, unit: .terabytes, scale: 1),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "PaidEventsRecorded", offerUnit: "Events",
            item: .trailManagementEventCopies, unit: .events(per: 100_000), scale: 100_000),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "DataEventsRecorded", offerUnit: "Events",
            item: .trailDataEvents, unit: .events(per: 100_000), scale: 100_000),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "NetworkEventsRecorded", offerUnit: "Events",
            item: .trailNetworkActivityEvents, unit: .events(per: 100_000), scale: 100_000),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "InsightsEvents", offerUnit: "Events",
            item: .insightsEventsAnalyzed, unit: .events(per: 100_000), scale: 100_000),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "Ingestion-Bytes-1yearstore-Live-CloudTrail-Logs",
            offerUnit: "GB", item: .lakeIngestCloudTrailOneYear, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "Ingestion-Bytes-1yearstore-Other-data-sources",
            offerUnit: "GB", item: .lakeIngestOtherOneYear, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "Ingestion-Bytes", offerUnit: "GB",
            item: .lakeIngestSevenYear, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "PaidStorage-ByteHrs", offerUnit: "GB-Mo",
            item: .lakeExtendedRetention, unit: .gigabyteMonths, scale: 1),
        OfferUsageMapping(
            service: "AWSCloudTrail", usageType: "QueryScanned-Bytes", offerUnit: "GB",
            item: .lakeScan, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AmazonCloudWatch", usageType: "DataProcessing-Bytes", offerUnit: "GB",
            item: .logsIngestStandard, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AmazonCloudWatch", usageType: "DataProcessingIA-Bytes", offerUnit: "GB",
            item: .logsIngestInfrequentAccess, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AmazonCloudWatch", usageType: "TimedStorage-ByteHrs", offerUnit: "GB-Mo",
            item: .logsStorage, unit: .gigabyteMonths, scale: 1),
        OfferUsageMapping(
            service: "AmazonCloudWatch", usageType: "DataScanned-Bytes", offerUnit: "GB",
            item: .logsInsightsScan, unit: .gigabytes, scale: 1),
        OfferUsageMapping(
            service: "AmazonS3", usageType: "TimedStorage-ByteHrs", offerUnit: "GB-Mo",
            item: .s3StandardStorage, unit: .gigabyteMonths, scale: 1),
        OfferUsageMapping(
            service: "AmazonS3", usageType: "Requests-Tier1", offerUnit: "Requests",
            item: .s3PutListRequests, unit: .requests(per: 1000), scale: 1000),
        OfferUsageMapping(
            service: "AmazonS3", usageType: "Requests-Tier2", offerUnit: "Requests",
            item: .s3GetRequests, unit: .requests(per: 1000), scale: 1000),
    ]

    /// `APN1-PaidEventsRecorded` → `PaidEventsRecorded`; `TimedStorage-ByteHrs` is left alone.
    static func withoutRegionPrefix(_ usageType: String) -> String {
        guard let dash = usageType.firstIndex(of: "-") else { return usageType }
        let prefix = usageType[..<dash]
        let isRegionCode =
            (2...5).contains(prefix.count) && prefix.first!.isUppercase
            && prefix.allSatisfy { ($0.isUppercase && $0.isASCII) || $0.isASCIIDigit }
        return isRegionCode ? String(usageType[usageType.index(after: dash)...]) : usageType
    }
}

/// What an import changed.
public struct ImportSummary: Hashable, Sendable {
    /// The offer file's service.
    public var offerCode: String
    /// The region imported.
    public var region: String
    /// Rows written from the offer file (new or replacing rows with the same effective date).
    public var imported: [RateRow] = []
    /// How many existing rows the imported ones replaced.
    public var replacedCount = 0
    /// Existing rows whose open effective range was closed the day before an imported price began.
    public var closed: [RateRow] = []
    /// Usage types in the region that TrailMeter does not price, with how many prices each had.
    public var skippedUsageTypes: [String: Int] = [:]

    /// Lines for the CLI to print.
    public var report: [String] {
        var lines = [
            "Imported \(imported.count) row(s) for \(offerCode) in \(region); replaced \(replacedCount); "
                + "closed \(closed.count) earlier row(s)."
        ]
        for row in imported {
            let tier =
                row.tierFrom == nil && row.tierTo == nil
                ? ""
                : " [\(row.tierFrom?.description ?? "0") to \(row.tierTo?.description ?? "no limit")]"
            lines.append(
                "  \(row.item)\(tier): \(row.price) USD per \(row.unit) from \(row.effectiveFrom?.description ?? "?") (SKU \(row.sku))"
            )
        }
        for row in closed {
            lines.append("  closed \(row.item) at \(row.effectiveTo?.description ?? "?") (\(row.location))")
        }
        if !skippedUsageTypes.isEmpty {
            lines.append(
                "  not mapped to a TrailMeter item (left out of the tables): "
                    + skippedUsageTypes.keys.sorted().map { "\($0) (\(skippedUsageTypes[$0]!))" }.joined(
                        separator: ", "))
        }
        return lines
    }
}

extension PricingTables {
    /// Writes or updates the rows an offer file covers for `region`, keeping its effective dates
    /// and SKUs.
    ///
    /// An imported rate with the same effective date as an existing one replaces it; an existing
    /// open-ended rate that started earlier is closed the day before; a later existing rate bounds
    /// the imported one. New rows go beside the item's existing rows (or to `rates/<service>.csv`).
    ///
    /// - Parameter directoryDisplayPath: how the tables directory is named in row locations.
    public mutating func importOffer(
        _ offer: OfferFile, region: String, directoryDisplayPath: String,
        sourceURL: String? = nil
    ) throws -> ImportSummary {
        var summary = ImportSummary(offerCode: offer.offerCode, region: region)
        let mappings = OfferUsageMapping.all.filter { $0.service == offer.offerCode }
        guard !mappings.isEmpty else {
            throw PricingError.invalidOfferFile(
                path: offer.sourceURL, line: nil,
                reason:
                    "offer code '\(offer.offerCode)' is not one TrailMeter imports; expected AWSCloudTrail, AmazonAthena, AmazonCloudWatch or AmazonS3"
            )
        }
        var imported: [RateRow] = []
        for price in offer.prices where price.regionCode == region && price.termType == "OnDemand" {
            let usage = OfferUsageMapping.withoutRegionPrefix(price.usageType)
            guard let mapping = mappings.first(where: { $0.usageType == usage }) else {
                summary.skippedUsageTypes[price.usageType, default: 0] += 1
                continue
            }
            let place = price.line.map { "line \($0)" } ?? "SKU \(price.sku)"
            guard price.unit == mapping.offerUnit, price.currency == "USD" else {
                throw PricingError.invalidOfferFile(
                    path: offer.sourceURL, line: price.line,
                    reason:
                        "\(place): \(price.usageType) priced in \(price.currency) per '\(price.unit)'; expected USD per '\(mapping.offerUnit)'"
                )
            }
            let from = price.beginRange == 0 ? nil : TierBound(DecimalText.plain(price.beginRange / mapping.scale))
            let to = price.endRange.flatMap { TierBound(DecimalText.plain($0 / mapping.scale)) }
            let file =
                rows.first { $0.item == mapping.item }.map { $0.location.file }
                ?? "\(directoryDisplayPath)/rates/\(mapping.item.service).csv"
            let perUnit = price.pricePerUnit * mapping.scale
            imported.append(
                RateRow(
                    item: mapping.item, region: region, unit: mapping.unit,
                    price: .usd(perUnit, text: DecimalText.plain(perUnit)), tierFrom: from, tierTo: to,
                    effectiveFrom: price.effectiveDate, sku: price.sku,
                    source: sourceURL ?? offer.sourceURL,
                    note: "imported from \(offer.offerCode) offer \(offer.version): \(price.priceDescription)",
                    location: SourceLocation(file: file, line: 0)))
        }
        let groups = Dictionary(grouping: imported) {
            TableValidation.TierSetKey(item: $0.item, region: $0.region, effectiveFrom: $0.effectiveFrom)
        }
        for key in groups.keys.sorted(by: {
            ($0.item.description, $0.effectiveFrom!) < ($1.item.description, $1.effectiveFrom!)
        }) {
            merge(groups[key]!, key: key, into: &summary)
        }
        return summary
    }

    private mutating func merge(
        _ newRows: [RateRow], key: TableValidation.TierSetKey, into summary: inout ImportSummary
    ) {
        let start = key.effectiveFrom!
        let sameItem = { (row: RateRow) in row.item == key.item && row.region == key.region }
        let replaced = rows.filter { sameItem($0) && $0.effectiveFrom == start }
        summary.replacedCount += replaced.count
        let keptEnd = replaced.first?.effectiveTo
        rows.removeAll { sameItem($0) && $0.effectiveFrom == start }
        // Beside the item's other rows in the same file, so the file stays grouped by item.
        let insertAt =
            rows.lastIndex(where: { $0.item == key.item && $0.location.file == newRows[0].location.file })
            .map { $0 + 1 } ?? rows.count

        let laterStart = rows.filter { sameItem($0) }.compactMap(\.effectiveFrom).filter { $0 > start }.min()
        let end = keptEnd ?? laterStart?.adding(days: -1)
        for index in rows.indices
        where sameItem(rows[index])
            && TableValidation.startsEarlier(rows[index].effectiveFrom, start)
            && (rows[index].effectiveTo.map { $0 >= start } ?? true)
        {
            rows[index].effectiveTo = start.adding(days: -1)
            summary.closed.append(rows[index])
        }
        let placed = newRows.sorted { ($0.tierFrom?.value ?? 0) < ($1.tierFrom?.value ?? 0) }.map { row -> RateRow in
            var row = row
            row.effectiveTo = end
            return row
        }
        rows.insert(contentsOf: placed, at: insertAt)
        summary.imported += placed
    }
}

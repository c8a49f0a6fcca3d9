import Foundation
import TrailMeterCore

/// One price dimension from an AWS Price List offer file, flattened (the CSV format's shape).
/// Fields are named after the Price List columns: SKU, TermType, RateCode, ...
public struct OfferPrice: Hashable, Sendable {
    public let sku: String
    public let termType: String
    public let rateCode: String
    public let priceDescription: String
    public let effectiveDate: CalendarDay
    public let beginRange: Decimal
    /// nil for `Inf`.
    public let endRange: Decimal?
    public let unit: String
    public let pricePerUnit: Decimal
    public let currency: String
    public let usageType: String
    public let regionCode: String
    /// Line in a CSV offer file; nil for JSON, whose errors name a path instead.
    public let line: Int?
}

/// An AWS Price List bulk offer file for one service, in the JSON or the CSV format.
///
/// Both formats are read into the same flat list of prices. The JSON format keeps products
/// (with `attributes.usagetype` and `attributes.regionCode`) apart from `terms.OnDemand`, whose
/// `priceDimensions` hold `beginRange`, `endRange`, `unit` and `pricePerUnit.USD`; the CSV format
/// has five metadata rows, then one row per price dimension with the product attributes beside it.
public struct OfferFile: Hashable, Sendable {
    /// The service, e.g. `AmazonS3`.
    public let offerCode: String
    /// The offer version, e.g. `20261101000000`.
    public let version: String
    public let publicationDate: String
    /// Every price dimension in the file, all regions and terms.
    public let prices: [OfferPrice]
    /// `json` or `csv`.
    public let format: String

    /// Reads `url`, choosing the format by its extension (`.json` or `.csv`).
    public static func read(_ url: URL, displayPath: String? = nil) throws -> OfferFile {
        let shown = displayPath ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw PricingError.io(path: shown, reason: "cannot be read: \(error.localizedDescription)")
        }
        switch url.pathExtension.lowercased() {
        case "json": return try OfferJSONReader.parse(data, path: shown)
        case "csv":
            guard let text = String(data: data, encoding: .utf8) else {
                throw PricingError.invalidOfferFile(path: shown, line: nil, reason: "not UTF-8 text")
            }
            return try OfferCSVReader.parse(text, path: shown)
        default:
            throw PricingError.invalidOfferFile(
                path: shown, line: nil,
                reason: "expected a .json or .csv offer file, found extension '\(url.pathExtension)'")
        }
    }

    /// The conventional bulk-API address of this offer file version, used as the rows' source.
    public var sourceURL: String {
        "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/\(offerCode)/\(version)/index.\(format)"
    }

    /// Region names used by offer files that lack `regionCode`, for the regions TrailMeter ships.
    static let regionCodesByLocation = [
        "US East (N. Virginia)": "us-east-1", "EU (Ireland)": "eu-west-1", "Europe (Ireland)": "eu-west-1",
        "Asia Pacific (Tokyo)": "ap-northeast-1",
    ]

    /// `2024-10-01` or `2024-10-01T00:00:00Z` → the day.
    static func effectiveDay(_ text: String) -> CalendarDay? { CalendarDay(String(text.prefix(10))) }

    /// A range bound: a decimal string, or `Inf` (nil) for an end.
    static func rangeValue(_ text: String) -> Decimal?? {
        if text == "Inf" { return .some(nil) }
        return DecimalText.parse(text).map { .some($0) }
    }
}

enum OfferCSVReader {
    static func parse(_ text: String, path: String) throws -> OfferFile {
        let records: [CSVRecord]
        do { records = try CSVText.parse(text, file: path) } catch PricingError.invalidTables(let issues) {
            throw PricingError.invalidOfferFile(
                path: path, line: issues.first?.location.line,
                reason: issues.first?.problem.explanation ?? "malformed CSV")
        }
        guard records.count >= 6 else {
            throw PricingError.invalidOfferFile(
                path: path, line: nil, reason: "expected 5 metadata rows and a header row")
        }
        var metadata: [String: String] = [:]
        for record in records.prefix(5) where record.fields.count >= 2 { metadata[record.fields[0]] = record.fields[1] }
        guard let offerCode = metadata["OfferCode"] else {
            throw PricingError.invalidOfferFile(
                path: path, line: records[4].line, reason: "metadata row 'OfferCode' is missing")
        }
        let header = records[5].fields.map { $0.lowercased().replacingOccurrences(of: " ", with: "") }
        func column(_ name: String, line: Int) throws -> Int {
            guard let index = header.firstIndex(of: name.lowercased()) else {
                throw PricingError.invalidOfferFile(path: path, line: line, reason: "header lacks the column '\(name)'")
            }
            return index
        }
        let headerLine = records[5].line
        let names = [
            "SKU", "TermType", "RateCode", "PriceDescription", "EffectiveDate", "StartingRange", "EndingRange",
            "Unit", "PricePerUnit", "Currency", "usageType",
        ]
        var index: [String: Int] = [:]
        for name in names { index[name] = try column(name, line: headerLine) }
        let regionIndex = header.firstIndex(of: "regioncode")
        let locationIndex = header.firstIndex(of: "location")

        var prices: [OfferPrice] = []
        for record in records.dropFirst(6) {
            guard record.fields.count == header.count else {
                throw PricingError.invalidOfferFile(
                    path: path, line: record.line,
                    reason: "expected \(header.count) fields as in the header, found \(record.fields.count)")
            }
            func field(_ name: String) -> String { record.fields[index[name]!] }
            func bad(_ name: String) -> PricingError {
                .invalidOfferFile(
                    path: path, line: record.line, reason: "column '\(name)': cannot read '\(field(name))'")
            }
            guard let day = OfferFile.effectiveDay(field("EffectiveDate")) else { throw bad("EffectiveDate") }
            guard let begin = OfferFile.rangeValue(field("StartingRange")), let beginValue = begin else {
                throw bad("StartingRange")
            }
            guard let end = OfferFile.rangeValue(field("EndingRange")) else { throw bad("EndingRange") }
            guard let price = DecimalText.parse(field("PricePerUnit")) else { throw bad("PricePerUnit") }
            var region = regionIndex.map { record.fields[$0] } ?? ""
            if region.isEmpty, let locationIndex {
                region = OfferFile.regionCodesByLocation[record.fields[locationIndex]] ?? ""
            }
            prices.append(
                OfferPrice(
                    sku: field("SKU"), termType: field("TermType"), rateCode: field("RateCode"),
                    priceDescription: field("PriceDescription"), effectiveDate: day,
                    beginRange: beginValue, endRange: end, unit: field("Unit"), pricePerUnit: price,
                    currency: field("Currency"), usageType: field("usageType"), regionCode: region,
                    line: record.line))
        }
        return OfferFile(
            offerCode: offerCode, version: metadata["Version"] ?? "current",
            publicationDate: metadata["Publication Date"] ?? "", prices: prices, format: "csv")
    }
}

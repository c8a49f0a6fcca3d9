import Foundation

/// Reads the JSON offer format. Errors name the JSON path of the bad value, since the format
/// carries no useful line structure.
enum OfferJSONReader {
    static func parse(_ data: Data, path: String) throws -> OfferFile {
        func fail(_ at: String, _ why: String) -> PricingError {
            .invalidOfferFile(path: path, line: nil, reason: "at \(at): \(why)")
        }
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw fail("the top level", "expected a JSON object")
            }
            root = object
        } catch let error as PricingError { throw error } catch {
            throw PricingError.invalidOfferFile(
                path: path, line: nil, reason: "not valid JSON: \(error.localizedDescription)")
        }
        func string(_ object: [String: Any], _ key: String, at: String) throws -> String {
            guard let value = object[key] as? String else { throw fail("\(at).\(key)", "expected a string") }
            return value
        }
        func dictionary(_ object: [String: Any], _ key: String, at: String) throws -> [String: Any] {
            guard let value = object[key] as? [String: Any] else { throw fail("\(at).\(key)", "expected an object") }
            return value
        }

        let offerCode = try string(root, "offerCode", at: "$")
        let products = try dictionary(root, "products", at: "$")
        var productAttributes: [String: [String: String]] = [:]
        for (sku, value) in products {
            guard let product = value as? [String: Any] else { throw fail("products.\(sku)", "expected an object") }
            let attributes = (product["attributes"] as? [String: Any]) ?? [:]
            productAttributes[sku] = attributes.compactMapValues { $0 as? String }
        }

        var prices: [OfferPrice] = []
        let terms = try dictionary(root, "terms", at: "$")
        for (termType, value) in terms {
            guard let bySku = value as? [String: Any] else { throw fail("terms.\(termType)", "expected an object") }
            for (sku, offers) in bySku {
                guard let offersBySku = offers as? [String: Any] else {
                    throw fail("terms.\(termType).\(sku)", "expected an object")
                }
                for (termCode, termValue) in offersBySku {
                    let at = "terms.\(termType).\(sku).\(termCode)"
                    guard let term = termValue as? [String: Any] else { throw fail(at, "expected an object") }
                    let dateText = try string(term, "effectiveDate", at: at)
                    guard let day = OfferFile.effectiveDay(dateText) else {
                        throw fail("\(at).effectiveDate", "expected a date, found '\(dateText)'")
                    }
                    let attributes = productAttributes[sku] ?? [:]
                    var region = attributes["regionCode"] ?? ""
                    if region.isEmpty { region = OfferFile.regionCodesByLocation[attributes["location"] ?? ""] ?? "" }
                    let dimensions = try dictionary(term, "priceDimensions", at: at)
                    for (rateCode, dimensionValue) in dimensions {
                        let dimAt = "\(at).priceDimensions.\(rateCode)"
                        guard let dimension = dimensionValue as? [String: Any] else {
                            throw fail(dimAt, "expected an object")
                        }
                        let perUnit = try dictionary(dimension, "pricePerUnit", at: dimAt)
                        guard
                            let (currency, priceText) = perUnit.first.flatMap({ key, value in
                                (value as? String).map { (key, $0) }
                            }),
                            let price = DecimalText.parse(priceText)
                        else {
                            throw fail("\(dimAt).pricePerUnit", "expected one currency with a decimal string price")
                        }
                        guard let begin = OfferFile.rangeValue(try string(dimension, "beginRange", at: dimAt)),
                            let beginValue = begin
                        else {
                            throw fail("\(dimAt).beginRange", "expected a decimal string")
                        }
                        guard let end = OfferFile.rangeValue(try string(dimension, "endRange", at: dimAt)) else {
                            throw fail("\(dimAt).endRange", "expected a decimal string or Inf")
                        }
                        prices.append(
                            OfferPrice(
                                sku: sku, termType: termType, rateCode: rateCode,
                                priceDescription: (dimension["description"] as? String) ?? "",
                                effectiveDate: day, beginRange: beginValue, endRange: end,
                                unit: try string(dimension, "unit", at: dimAt), pricePerUnit: price,
                                currency: currency, usageType: attributes["usagetype"] ?? "",
                                regionCode: region, line: nil))
                    }
                }
            }
        }
        // Dictionaries have no order; sort so imports are deterministic.
        prices.sort { ($0.sku, $0.rateCode) < ($1.sku, $1.rateCode) }
        return OfferFile(
            offerCode: offerCode, version: (root["version"] as? String) ?? "current",
            publicationDate: (root["publicationDate"] as? String) ?? "", prices: prices, format: "json")
    }
}

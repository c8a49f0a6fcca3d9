import Foundation

/// The text `trailmeter pricing show` prints: the rates in effect in one region on one day, the
/// billing rules, and the FX rates with their dates.
public enum PricingReport {
    /// The report text; `convention` nil uses the tables' default byte units.
    public static func render(
        _ tables: PricingTables, region: String, on day: CalendarDay,
        convention: ByteConvention? = nil
    ) -> String {
        let units = convention ?? tables.rules.defaultByteConvention
        var lines = ["Rates in effect in \(region) on \(day) (USD; \(units.label))", ""]
        for item in PriceItem.all {
            lines.append(item.description)
            guard let rate = try? tables.rate(for: item, region: region, on: day) else {
                lines.append("  no rate in effect: add a row to the tables (or one marked 'unpublished')")
                continue
            }
            for tier in rate.tiers {
                let price = tier.price.usd.map { _ in "\(tier.price) USD per \(rate.unit)" } ?? "unpublished"
                lines.append("  \(pad(tierText(tier, rate: rate, convention: units), 24)) \(price)")
            }
            let from = rate.effectiveFrom?.description ?? "(start not recorded)"
            let to = rate.effectiveTo?.description ?? "(still in effect)"
            lines.append("  effective \(from) to \(to); \(rate.location)")
            lines.append("  source: \(rate.source)")
            let notes = Set(rate.tiers.map(\.note)).filter { !$0.isEmpty }.sorted()
            for note in notes { lines.append("  note: \(note)") }
        }
        lines += ["", "Billing rules"] + ruleLines(tables.rules, units)
        if let fx = tables.fx, !fx.rates.isEmpty {
            lines += ["", "Exchange rates (units per USD, with the date of each rate)"]
            for rate in fx.rates {
                lines.append(
                    "  \(rate.currency) \(rate.unitsPerUSDText), rate of \(rate.rateDate); source: \(rate.source)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ruleLines(_ rules: BillingRules, _ units: ByteConvention) -> [String] {
        let oneYear = rules.retention(for: .oneYearExtendable)
        let sevenYear = rules.retention(for: .sevenYear)
        return [
            "  Athena scans: rounded up to \(rules.athenaRoundingIncrement.description(units)), "
                + "minimum \(rules.athenaMinimumPerQuery.description(units)) per query",
            "  Byte units: \(units.rawValue) (tables default: \(rules.defaultByteConvention.rawValue))",
            "  Lake one-year extendable retention: \(oneYear.includedDays) days included, extendable to \(oneYear.maximumDays)",
            "  Lake seven-year retention: \(sevenYear.includedDays) days included (maximum \(sevenYear.maximumDays))",
            "  Tiers count over: one \(rules.tierCountingPeriod)",
            "  Athena provisioned capacity: at least \(rules.athenaProvisionedCapacity.minimumDPUs) DPU in steps of "
                + "\(rules.athenaProvisionedCapacity.dpuStep), billed per minute, at least "
                + "\(rules.athenaProvisionedCapacity.minimumMinutes) minute(s)",
        ]
    }

    /// e.g. `first 50 TB`, `50 TB to 500 TB`, `over 500 TB`, `all` (for a flat rate).
    static func tierText(_ tier: RateRow, rate: Rate, convention: ByteConvention) -> String {
        func bound(_ b: TierBound) -> String {
            guard let magnitude = b.magnitude else { return "\(b.value) \(rate.unit)" }
            return "\(b.value) \(convention.symbol(magnitude))"
        }
        switch (tier.tierFrom.flatMap { $0.value == 0 ? nil : $0 }, tier.tierTo) {
        case (nil, nil): return "all"
        case (nil, let to?): return "first \(bound(to))"
        case (let from?, nil): return "over \(bound(from))"
        case (let from?, let to?): return "\(bound(from)) to \(bound(to))"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

import Foundation
import Planning
import Pricing

/// What every report says about a projection, worked out once so the terminal, Markdown and HTML
/// tell the same story with the same figures.
struct ReportFacts {
    let projection: Projection
    let amounts: AmountFormat
    /// `2027-01` for each month of the horizon.
    let monthLabels: [String]
    /// Fully priced layouts by horizon total, cheapest first (ties keep `CostLayout` order).
    let ranked: [CostLayout]
    /// Layouts with at least one line that has no published rate, in `CostLayout` order.
    let unpriced: [CostLayout]
    let breakEvens: [BreakEven]
    /// The costliest (query, layout) pairs with a cost, most expensive first.
    let costliestQueries: [QueryProjection]
    /// The projection's basis, plus the Lake availability notice when the basis does not give it.
    let basis: [String]

    /// How many costly queries the reports list.
    static let costliestCount = 5

    /// Said wherever Lake rows appear, because new AWS accounts cannot choose those layouts.
    static let lakeAvailabilityNotice =
        "CloudTrail Lake closed to new customers on 2026-05-31: the CloudTrail Lake rows apply only to accounts that already use it."

    /// A layout's horizon total for a table cell: `1,234.50`, or from a partial sample
    /// `≈ $1,234.50 (95%: $1,100.00–$1,400.00)`.
    func total(_ layout: CostLayout) -> String {
        guard projection.isEstimate else { return amounts.grouped(projection.horizonTotal(layout)) }
        let interval = projection.horizonInterval(layout)
        return
            "≈ \(amounts.usd(projection.horizonTotal(layout))) (95%: \(amounts.usd(interval.lowerBound))–\(amounts.usd(interval.upperBound)))"
    }

    init(_ projection: Projection) {
        self.projection = projection
        amounts = AmountFormat(projection.rounding)
        monthLabels = projection.months.map { ReportFacts.label($0) }
        let priced = projection.layouts.filter { projection.isFullyPriced($0) }
        let totals = Dictionary(uniqueKeysWithValues: priced.map { ($0, projection.horizonTotal($0)) })
        ranked = priced.enumerated().sorted { (totals[$0.element]!, $0.offset) < (totals[$1.element]!, $1.offset) }
            .map(\.element)
        unpriced = projection.layouts.filter { !projection.isFullyPriced($0) }
        breakEvens = projection.breakEvens
        let costly = projection.queries.filter { $0.horizonCost > 0 }.enumerated().sorted { a, b in
            a.element.horizonCost != b.element.horizonCost
                ? a.element.horizonCost > b.element.horizonCost : a.offset < b.offset
        }
        costliestQueries = Array(costly.map(\.element).prefix(ReportFacts.costliestCount))
        var basis = projection.basis
        if projection.layouts.contains(where: \.isCloudTrailLake), !basis.contains(where: { $0.contains("2026-05-31") })
        {
            basis.append(ReportFacts.lakeAvailabilityNotice)
        }
        self.basis = basis
    }

    /// `2027-01` for the month that starts on 2027-01-01.
    static func label(_ month: DayRange) -> String { String(month.first.description.prefix(7)) }

    /// "TrailMeter comparison: plan, us-east-1, 2027-01 to 2027-03 (3 months)".
    var title: String {
        let span =
            monthLabels.isEmpty
            ? "no months"
            : monthLabels.count == 1
                ? "\(monthLabels[0]) (1 month)"
                : "\(monthLabels.first!) to \(monthLabels.last!) (\(monthLabels.count) months)"
        return "TrailMeter comparison: \(projection.scenarioName), \(projection.region), \(span)"
    }

    /// The billed sum of one layout's lines of `category` in month `index`, or nil when one of
    /// those lines has no published rate (a sum would pretend to know it).
    func amount(_ layout: CostLayout, month index: Int, category: CostCategory?) -> Decimal? {
        var sum: Decimal = 0
        for line in projection.lines
        where line.layout == layout && line.monthIndex == index
            && (category == nil || line.category == category)
        {
            guard line.isPriced else { return nil }
            sum += line.billedCost
        }
        return sum
    }

    /// The items of `layout` that have no published rate, each with the reason the tables give.
    func unpricedItems(_ layout: CostLayout) -> [(item: PriceItem, reason: String)] {
        var seen: [PriceItem] = []
        var found: [(item: PriceItem, reason: String)] = []
        for line in projection.lines where line.layout == layout && !line.isPriced && !seen.contains(line.item) {
            seen.append(line.item)
            found.append((line.item, line.rateSource))
        }
        return found
    }

    /// "no published rate for AWSCloudTrail/lake-ingest-seven-year in us-east-1": each unpriced
    /// item once, in the rate source's words when they name the item.
    func unpricedSentence(_ layout: CostLayout) -> String {
        unpricedItems(layout).map { item, reason in
            if reason.contains(item.description) { return reason }
            return "no published rate for \(item)" + (reason.isEmpty ? "" : " (\(reason))")
        }.joined(separator: "; ")
    }

    /// "2027-02: Athena, partition projection overtakes CloudTrail Lake, 1-year extendable (cumulative $220.00 vs $210.00)".
    func sentence(_ breakEven: BreakEven) -> String {
        // A move off Lake reaching staying on Lake is its payback, said as such.
        if breakEven.overtaken == .lakeToCloudWatch, breakEven.overtaking.isCloudTrailLake {
            return
                "\(ReportFacts.label(breakEven.month)): the move to CloudWatch Logs pays back against staying on \(breakEven.overtaking.title)"
                + " (cumulative \(amounts.usd(breakEven.cumulativeOvertaken)) vs \(amounts.usd(breakEven.cumulativeOvertaking)))"
        }
        return
            "\(ReportFacts.label(breakEven.month)): \(breakEven.overtaking.title) overtakes \(breakEven.overtaken.title)"
            + " (cumulative \(amounts.usd(breakEven.cumulativeOvertaking)) vs \(amounts.usd(breakEven.cumulativeOvertaken)))"
    }

    /// "Cheapest over the 3 months: Athena, partition projection ($360.00)", or why there is none.
    var cheapestSentence: String {
        guard let cheapest = projection.cheapest else { return "No layout is fully priced, so none is named cheapest." }
        let months = monthLabels.count == 1 ? "the month" : "the \(monthLabels.count) months"
        return "Cheapest over \(months): \(cheapest.title) (\(amounts.usd(projection.horizonTotal(cheapest))))."
    }

    /// "Q2 RunInstances (Athena, partition projection): $216.87".
    func headline(_ query: QueryProjection) -> String {
        "\(query.query) (\(query.layout.title)): \(amounts.usd(query.horizonCost))"
    }

    /// The advice lines for one query on one layout, in the projection's order.
    func advice(for query: QueryProjection) -> [Advice] {
        projection.advice.filter { $0.query == query.query && $0.layout == query.layout }
    }

    /// "bound eventTime to 7 days: -75% ($120.00 → $30.00)".
    func adviceSentence(_ advice: Advice) -> String {
        "\(advice.text) (\(amounts.usd(advice.costBefore)) → \(amounts.usd(advice.costAfter)))"
    }
}

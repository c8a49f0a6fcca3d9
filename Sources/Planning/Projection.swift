import Foundation
import Pricing

/// A priced comparison: every month's cost lines per layout, with what the reports print about them.
public struct Projection: Sendable {
    /// The scenario's name (used in file names and CSV) and the region priced.
    public var scenarioName: String
    public var region: String
    /// The months of the horizon, in order.
    public var months: [DayRange]
    /// The layouts compared, in `CostLayout` order.
    public var layouts: [CostLayout]
    /// Every priced line; totals are sums of `billedCost`.
    public var lines: [CostLine]
    /// Per workload query and layout: measured and projected figures.
    public var queries: [QueryProjection]
    /// Advice for the costliest queries, each naming its saving.
    public var advice: [Advice]
    /// What the figures rest on: the sample measured, the volume assumed, the rounding rule, the
    /// byte units, and facts the reader must know (Lake availability, unpublished rates).
    public var basis: [String]
    /// The rounding rule applied once to each line.
    public var rounding: RoundingRule
    /// The byte convention quantities are expressed in.
    public var byteConvention: ByteConvention
    /// The share of the trail's gzip bytes the sample held: below 1, every total is an estimate
    /// with a 95% interval (`CostLine.billedInterval`); 1 for a full ingest.
    public var sampleShare: Double = 1
    /// The Lake layout a move to CloudWatch (`lakeToCloudWatch`) leaves, priced as staying; nil without a move.
    public var movedFrom: CostLayout?

    public init(
        scenarioName: String, region: String, months: [DayRange], layouts: [CostLayout], lines: [CostLine],
        queries: [QueryProjection], advice: [Advice], basis: [String], rounding: RoundingRule,
        byteConvention: ByteConvention
    ) {
        self.scenarioName = scenarioName
        self.region = region
        self.months = months
        self.layouts = layouts
        self.lines = lines
        self.queries = queries
        self.advice = advice
        self.basis = basis
        self.rounding = rounding
        self.byteConvention = byteConvention
    }

    /// The billed total of `layout` in month `index`, optionally of one category.
    public func total(_ layout: CostLayout, month index: Int, category: CostCategory? = nil) -> Decimal {
        var sum: Decimal = 0
        for line in lines where line.layout == layout && line.monthIndex == index {
            if category == nil || line.category == category { sum += line.billedCost }
        }
        return sum
    }

    /// Billed totals from the first month through month `index`.
    public func cumulative(_ layout: CostLayout, through index: Int) -> Decimal {
        (0...index).reduce(0) { $0 + total(layout, month: $1) }
    }

    /// The billed total of `layout` over the whole horizon.
    public func horizonTotal(_ layout: CostLayout) -> Decimal {
        var sum: Decimal = 0
        for line in lines where line.layout == layout { sum += line.billedCost }
        return sum
    }

    /// The 95% interval of `layout`'s horizon total: sums of its lines' intervals (zero width for a full ingest).
    public func horizonInterval(_ layout: CostLayout) -> ClosedRange<Decimal> {
        var low: Decimal = 0
        var high: Decimal = 0
        for line in lines where line.layout == layout {
            low += line.billedInterval.lowerBound
            high += line.billedInterval.upperBound
        }
        return low...high
    }

    /// True when the totals are estimates from a partial sample (their intervals have width).
    public var isEstimate: Bool { sampleShare < 1 }

    /// The layout with the lowest horizon total among those fully priced (ties go to the earlier layout).
    public var cheapest: CostLayout? {
        layouts.filter { isFullyPriced($0) }.min { horizonTotal($0) < horizonTotal($1) }
    }

    /// True when every line of `layout` has a published rate.
    public func isFullyPriced(_ layout: CostLayout) -> Bool {
        !lines.contains { $0.layout == layout && !$0.isPriced }
    }

    /// Months where one layout's cumulative cost overtakes another's, for every pair of layouts.
    public var breakEvens: [BreakEven] {
        var found: [BreakEven] = []
        for (i, first) in layouts.enumerated() {
            for second in layouts[(i + 1)...] where isFullyPriced(first) && isFullyPriced(second) {
                var previous = cumulative(first, through: 0) - cumulative(second, through: 0)
                guard months.count > 1 else { continue }
                for index in 1..<months.count {
                    let difference = cumulative(first, through: index) - cumulative(second, through: index)
                    if previous < 0, difference >= 0 {
                        found.append(
                            BreakEven(
                                monthIndex: index, month: months[index], overtaking: first, overtaken: second,
                                cumulativeOvertaking: cumulative(first, through: index),
                                cumulativeOvertaken: cumulative(second, through: index)))
                    } else if previous > 0, difference <= 0 {
                        found.append(
                            BreakEven(
                                monthIndex: index, month: months[index], overtaking: second, overtaken: first,
                                cumulativeOvertaking: cumulative(second, through: index),
                                cumulativeOvertaken: cumulative(first, through: index)))
                    }
                    previous = difference
                }
            }
        }
        if let payback = movePayback, !found.contains(payback) { found.append(payback) }
        return found.sorted {
            ($0.monthIndex, $0.overtaking, $0.overtaken) < ($1.monthIndex, $1.overtaking, $1.overtaken)
        }
    }
}

extension Projection {
    /// The month a move off Lake pays back: the first month from the move on where the move's
    /// cumulative cost is at or below staying on the Lake option it leaves (`overtaken` is the
    /// move); nil when there is no move, either side is unpriced, or it does not pay back in the horizon.
    public var movePayback: BreakEven? {
        let move = CostLayout.lakeToCloudWatch
        guard let stay = movedFrom, isFullyPriced(stay), isFullyPriced(move),
            let export = lines.first(where: { $0.layout == move && $0.isOneTime })
        else { return nil }
        for index in export.monthIndex..<months.count
        where cumulative(move, through: index) <= cumulative(stay, through: index) {
            return BreakEven(
                monthIndex: index, month: months[index], overtaking: stay, overtaken: move,
                cumulativeOvertaking: cumulative(stay, through: index),
                cumulativeOvertaken: cumulative(move, through: index))
        }
        return nil
    }
}

/// The month in which `overtaking`'s cumulative cost reaches or passes `overtaken`'s, having been below it.
public struct BreakEven: Sendable, Equatable {
    public var monthIndex: Int
    public var month: DayRange
    /// The layout that was cheaper so far and from this month on costs as much or more, cumulatively.
    public var overtaking: CostLayout
    public var overtaken: CostLayout
    public var cumulativeOvertaking: Decimal
    public var cumulativeOvertaken: Decimal
}

/// One workload query under one layout: what the sample measured and what the scenario projects.
public struct QueryProjection: Sendable, Equatable {
    public var query: String
    public var layout: CostLayout
    /// Bytes the layout read for one run on the sample, and the data days of the sample its window covered.
    public var measuredBytes: Int64
    public var measuredWindowDays: Decimal
    /// The window the projection scans per run: days of data, or nil for everything retained.
    public var windowDays: Decimal?
    /// Runs per month (in a 30-day month for hourly and daily schedules), and bytes scanned per
    /// run in the first and last month of the horizon.
    public var runsFirstMonth: Decimal
    public var bytesPerRunFirstMonth: Decimal
    public var bytesPerRunLastMonth: Decimal
    /// Bytes scanned over the horizon, and the billed cost of its scans and requests over the horizon.
    public var horizonBytes: Decimal
    public var horizonCost: Decimal

    public init(
        query: String, layout: CostLayout, measuredBytes: Int64, measuredWindowDays: Decimal, windowDays: Decimal?,
        runsFirstMonth: Decimal, bytesPerRunFirstMonth: Decimal, bytesPerRunLastMonth: Decimal,
        horizonBytes: Decimal, horizonCost: Decimal
    ) {
        self.query = query
        self.layout = layout
        self.measuredBytes = measuredBytes
        self.measuredWindowDays = measuredWindowDays
        self.windowDays = windowDays
        self.runsFirstMonth = runsFirstMonth
        self.bytesPerRunFirstMonth = bytesPerRunFirstMonth
        self.bytesPerRunLastMonth = bytesPerRunLastMonth
        self.horizonBytes = horizonBytes
        self.horizonCost = horizonCost
    }
}

/// A change to a costly query and what it would save on one layout over the horizon.
public struct Advice: Sendable, Equatable {
    public var query: String
    public var layout: CostLayout
    /// What to do, e.g. "add a `timestamp` partition predicate".
    public var change: String
    /// The fraction saved (0.94 prints as -94%), and the horizon cost before and after.
    public var saving: Decimal
    public var costBefore: Decimal
    public var costAfter: Decimal

    public init(
        query: String, layout: CostLayout, change: String, saving: Decimal, costBefore: Decimal, costAfter: Decimal
    ) {
        self.query = query
        self.layout = layout
        self.change = change
        self.saving = saving
        self.costBefore = costBefore
        self.costAfter = costAfter
    }

    /// "add a `timestamp` partition predicate: -94%".
    public var text: String {
        var percent = saving * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &percent, 0, .plain)
        // A saving short of everything never prints as -100%: it keeps one decimal instead.
        if rounded == 100, saving < 1 { NSDecimalRound(&rounded, &percent, 1, .down) }
        return "\(change): -\(rounded)%"
    }
}

extension Projection {
    /// Sets each line's interval from the same line of projections made with every sample ratio
    /// at its low and its high end (the same scenario, so the same lines in the same order).
    mutating func bound(between low: Projection, and high: Projection) throws(PlanningError) {
        func same(_ a: CostLine, _ b: CostLine) -> Bool {
            (a.layout, a.monthIndex, a.category, a.query, a.item) == (
                b.layout, b.monthIndex, b.category, b.query, b.item
            )
        }
        guard low.lines.count == lines.count, high.lines.count == lines.count,
            lines.indices.allSatisfy({ same(lines[$0], low.lines[$0]) && same(lines[$0], high.lines[$0]) })
        else {
            throw .sample("the projections at the ends of the sample's intervals priced different lines")
        }
        for index in lines.indices {
            let ends = [lines[index].billedCost, low.lines[index].billedCost, high.lines[index].billedCost]
            lines[index].billedLow = ends.min()
            lines[index].billedHigh = ends.max()
        }
    }
}

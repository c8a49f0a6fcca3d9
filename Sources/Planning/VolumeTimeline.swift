import Foundation
import Pricing

/// Daily gzip log volume from the first day of history to the end of the horizon, with running
/// totals, so the data inside any window at any instant is two look-ups.
///
/// Positions are days from the first day of history (fractions allowed); the volume of a day is
/// spread evenly over it.
struct VolumeTimeline {
    /// Days of history before the horizon, and the horizon's months.
    let historyDays: Int
    let months: [DayRange]
    /// Gzip bytes delivered on each day, and running totals (`totals[i]` = days before i).
    private let daily: [Decimal]
    private let totals: [Decimal]

    /// `firstMonthDaily` gzip bytes a day in the first month, growing by `growth` each month;
    /// history days deliver `historyDaily` (one figure a day) when given, else the first month's rate.
    init(
        months: [DayRange], historyDays: Int, firstMonthDaily: Decimal, growth: Decimal,
        historyDaily: [Decimal]? = nil
    ) {
        self.months = months
        self.historyDays = historyDays
        var daily =
            historyDaily.flatMap { $0.count == historyDays ? $0 : nil }
            ?? Array(repeating: firstMonthDaily, count: historyDays)
        var rate = firstMonthDaily
        for month in months {
            daily += Array(repeating: rate, count: month.dayCount)
            rate *= 1 + growth
        }
        var totals: [Decimal] = [0]
        totals.reserveCapacity(daily.count + 1)
        for volume in daily { totals.append(totals.last! + volume) }
        self.daily = daily
        self.totals = totals
    }

    /// Position of the start of month `index`.
    func monthStart(_ index: Int) -> Decimal {
        Decimal(historyDays + months[..<index].reduce(0) { $0 + $1.dayCount })
    }

    /// Position of the middle of month `index` (where a month's runs are taken to read).
    func monthMiddle(_ index: Int) -> Decimal { monthStart(index) + Decimal(months[index].dayCount) / 2 }

    /// Gzip bytes delivered from the start of history up to `position`.
    func delivered(upTo position: Decimal) -> Decimal {
        guard position > 0 else { return 0 }
        let whole = Int(NSDecimalNumber(decimal: position.floored).intValue)
        guard whole < daily.count else { return totals.last! }
        return totals[whole] + (position - Decimal(whole)) * daily[whole]
    }

    /// Gzip bytes delivered in month `index`.
    func deliveredIn(month index: Int) -> Decimal {
        delivered(upTo: monthStart(index) + Decimal(months[index].dayCount)) - delivered(upTo: monthStart(index))
    }

    /// Gzip bytes of the last `days` days of data before `position` (nil: all there is) that a
    /// store holding data since `dataStart` and keeping it `retention` days (nil: forever) has.
    func window(endingAt position: Decimal, days: Decimal?, retention: Int?, dataStart: Decimal) -> Decimal {
        let start = windowStart(endingAt: position, days: days, retention: retention, dataStart: dataStart)
        return start >= position ? 0 : delivered(upTo: position) - delivered(upTo: start)
    }

    /// Days of data such a window spans (for counts that follow time, not volume: files, objects).
    func windowDays(endingAt position: Decimal, days: Decimal?, retention: Int?, dataStart: Decimal) -> Decimal {
        max(0, position - windowStart(endingAt: position, days: days, retention: retention, dataStart: dataStart))
    }

    /// Where such a window begins: the latest of the data's start, `days` back and `retention` back.
    private func windowStart(endingAt position: Decimal, days: Decimal?, retention: Int?, dataStart: Decimal) -> Decimal
    {
        var start = dataStart
        if let days { start = max(start, position - days) }
        if let retention { start = max(start, position - Decimal(retention)) }
        return start
    }

    /// The average over month `index` of the bytes held by such a store: the mean of its holdings
    /// at the month's start and end (exact while holdings change linearly within the month).
    func averageHeld(month index: Int, retention: Int?, dataStart: Decimal, olderThan minimumAge: Int = 0) -> Decimal {
        func held(at position: Decimal) -> Decimal {
            let all = window(endingAt: position, days: nil, retention: retention, dataStart: dataStart)
            guard minimumAge > 0 else { return all }
            return all
                - window(endingAt: position, days: Decimal(minimumAge), retention: retention, dataStart: dataStart)
        }
        let start = monthStart(index)
        return (held(at: start) + held(at: start + Decimal(months[index].dayCount))) / 2
    }
}

extension Decimal {
    /// The largest whole number not above this value.
    var floored: Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .down)
        return result
    }
}

import Foundation
import Pricing
import TrailMeterCore
import TrailStore

/// The trail's volume taken from the bucket itself: gzip bytes per delivery day in the catalog
/// (a listing of the whole bucket, or files ingested in full), fitted with an exponential
/// curve, `ln(bytes of day d) = a + b·d`, over the days present (`robustLine`).
///
/// Days missing between the first and last are flagged (a listing cut short, a paused trail)
/// and left out of the fit rather than counted as zero. The first and last days are left out
/// too: a trail starts, and a listing is taken, part-way through a day, and one such day (a
/// listing's last holds the few files delivered before it was taken) would bend the fit.
public struct VolumeHistory: Sendable, Equatable {
    /// First and last delivery day, as days since 1970-01-01.
    public let firstDay: Int
    public let lastDay: Int
    /// Days with deliveries, and the days between the first and last without any (`yyyy/MM/dd`).
    public let daysPresent: Int
    public let missingDays: [String]
    /// The fit: ln(daily bytes) = intercept + slope × (day − firstDay); R² of the fit.
    public let intercept: Double
    public let slope: Double
    public let rSquared: Double

    /// At least this many days (two months) before the bucket's history replaces the sample's rate.
    public static let minimumDays = 56

    /// Growth per month of 365/12 days, as a fraction.
    public var monthlyGrowth: Double { exp(slope * 365 / 12) - 1 }

    /// Fitted gzip bytes delivered on `day` (days since 1970).
    public func dailyBytes(onDay day: Int) -> Double { exp(intercept + slope * Double(day - firstDay)) }

    /// Fitted gzip bytes of the calendar month holding `day`.
    public func monthBytes(containing day: Int) -> Double {
        let date = CivilCalendar.date(daysSinceEpoch: day)
        let first = CivilCalendar.daysSinceEpoch(year: date.year, month: date.month, day: 1)
        let count = CivilCalendar.daysIn(month: date.month, year: date.year)
        return (first..<first + count).reduce(0) { $0 + dailyBytes(onDay: $1) }
    }

    /// Fitted gzip bytes of the first month with deliveries (the whole calendar month).
    public var firstMonthBytes: Double { monthBytes(containing: firstDay) }

    /// Fits the daily bytes (`yyyy/MM/dd` days); nil with fewer than `minimumDays` days spanned.
    public static func fit(_ daily: [(day: String, bytes: Int64)]) -> VolumeHistory? {
        let points = daily.compactMap { entry -> (Int, Double)? in
            let parts = entry.day.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3, entry.bytes > 0 else { return nil }
            return (
                CivilCalendar.daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2]), log(Double(entry.bytes))
            )
        }.sorted { $0.0 < $1.0 }
        guard let first = points.first?.0, let last = points.last?.0, last - first + 1 >= minimumDays,
            points.count >= 4
        else {
            return nil
        }
        let whole = points.dropFirst().dropLast()
        let (slope, intercept, rSquared) = robustLine(
            x: whole.map { Double($0.0 - first) }, y: whole.map(\.1))
        let present = Set(points.map(\.0))
        let missing = (first...last).filter { !present.contains($0) }.map { day -> String in
            let date = CivilCalendar.date(daysSinceEpoch: day)
            return CivilCalendar.isoDate(year: date.year, month: date.month, day: date.day)
                .replacingOccurrences(of: "-", with: "/")
        }
        return VolumeHistory(
            firstDay: first, lastDay: last, daysPresent: points.count, missingDays: missing,
            intercept: intercept, slope: slope, rSquared: rSquared)
    }

    /// Days a Theil–Sen fit pairs at most (all pairs of 2,000 days: two million slopes); longer
    /// histories are thinned evenly to as many days.
    static let maximumFitDays = 2_000

    /// The Theil–Sen line through the points: the median of the slopes between every pair of
    /// points, and the median of the intercepts that slope leaves. Unlike least squares, a few
    /// days far off the trend (an incident's burst of events, an outage) do not tilt it; a single
    /// day at ten times the volume near the end of a 90-day history bent a least-squares growth
    /// by about 5 percentage points a month. R² is the line's: 1 − residual / total sum of squares.
    static func robustLine(x allX: [Double], y allY: [Double]) -> (slope: Double, intercept: Double, rSquared: Double) {
        let stride = max(1, (allX.count + maximumFitDays - 1) / maximumFitDays)
        let kept = Swift.stride(from: 0, to: allX.count, by: stride)
        let (x, y) = (kept.map { allX[$0] }, kept.map { allY[$0] })
        func median(_ values: [Double]) -> Double {
            guard !values.isEmpty else { return 0 }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        var slopes: [Double] = []
        slopes.reserveCapacity(x.count * (x.count - 1) / 2)
        for i in x.indices {
            for j in (i + 1)..<x.count where x[j] != x[i] { slopes.append((y[j] - y[i]) / (x[j] - x[i])) }
        }
        let slope = median(slopes)
        let intercept = median(zip(x, y).map { $1 - slope * $0 })
        let meanY = allY.reduce(0, +) / Double(max(allY.count, 1))
        let total = allY.reduce(0.0) { $0 + ($1 - meanY) * ($1 - meanY) }
        let residual = zip(allX, allY).reduce(0.0) { sum, point in
            let error = point.1 - (intercept + slope * point.0)
            return sum + error * error
        }
        return (slope, intercept, total > 0 ? 1 - residual / total : 1)
    }

    /// The history of the store at `path`; nil when it spans less than `minimumDays`.
    public static func of(storeAt path: String) throws(PlanningError) -> VolumeHistory? {
        do {
            return fit(try CatalogDays.dailyBytes(StoreFile.openForReading(path)))
        } catch {
            throw .sample("cannot read the volume history of \(path): \(error)")
        }
    }

    /// The basis line that says where the volume and growth came from.
    public func basis(horizonStart: Int, usedVolume: Bool, usedGrowth: Bool) -> String {
        func day(_ value: Int) -> String {
            let date = CivilCalendar.date(daysSinceEpoch: value)
            return CivilCalendar.isoDate(year: date.year, month: date.month, day: date.day)
        }
        let taken = [usedVolume ? "the first month's volume" : nil, usedGrowth ? "the growth" : nil].compactMap { $0 }
        let missingText =
            missingDays.isEmpty
            ? "no day missing"
            : "\(missingDays.count) day\(missingDays.count == 1 ? "" : "s") missing from the listing ("
                + missingDays.prefix(10).joined(separator: ", ") + (missingDays.count > 10 ? ", ..." : "") + ")"
        return
            "Volume history from the bucket's catalog (\(taken.joined(separator: " and ")) taken from it; a --volume, --growth or scenario key overrides): gzip bytes of \(daysPresent) delivery days from \(day(firstDay)) to \(day(lastDay)), \(missingText); fitted ln(bytes a day) = a + b·day (Theil–Sen: the median slope between pairs of days, which a spike or an outage does not tilt) over all but the first and last days (partial: a trail starts and a listing is taken part-way through a day): growth \(String(format: "%.2f", monthlyGrowth * 100))% a month (R² \(String(format: "%.3f", rSquared))), first month \(Figure.bytes(Decimal(firstMonthBytes))), \(Figure.bytes(Decimal(monthBytes(containing: horizonStart)))) in the horizon's first month (\(reach(horizonStart)))."
    }

    /// Months past the catalog's last day beyond which the horizon's volume is a long guess.
    static let staleMonths = 6.0

    /// A warning when the horizon starts more than `staleMonths` after the catalog's last day
    /// (a listing taken long ago): the fitted volume and growth are compounded over the gap.
    public func staleness(horizonStart: Int) -> String? {
        let months = Double(horizonStart - lastDay) / (365.0 / 12)
        guard months > Self.staleMonths else { return nil }
        let date = CivilCalendar.date(daysSinceEpoch: lastDay)
        return
            "warning: the bucket's catalog ends \(CivilCalendar.isoDate(year: date.year, month: date.month, day: date.day)), \(Int(months.rounded())) months before the horizon starts: its fitted volume and growth are extrapolated over that gap (give --volume and --growth, or a --start nearer its end)"
    }

    /// How far the horizon's first month lies from the history the fit saw.
    func reach(_ horizonStart: Int) -> String {
        guard horizonStart > lastDay else { return "fitted" }
        let months = Double(horizonStart - lastDay) / (365.0 / 12)
        return months < 1.5
            ? "extrapolated"
            : "extrapolated \(Int(months.rounded())) months past the catalog's last day, the growth compounded over them"
    }
}

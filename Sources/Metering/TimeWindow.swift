import CloudTrail
import TrailMeterCore

/// The stretch of time a scan was bounded to, in epoch milliseconds; either end may be open.
/// Projections scale a query's bytes by the days its window covers.
public struct TimeWindow: Sendable, Equatable {
    /// Earliest and latest instant admitted (inclusive); nil when that side is unbounded.
    public var lowerMs: Int64?
    public var upperMs: Int64?

    public init(lowerMs: Int64?, upperMs: Int64?) {
        self.lowerMs = lowerMs
        self.upperMs = upperMs
    }

    /// The window the bounds of one scan admit, or nil when they bound neither side. Values that
    /// do not parse as times (text compared as text) leave their side open.
    static func of(_ bounds: [PushedBound], parse: (String) -> Int64?) -> TimeWindow? {
        var lower: Int64?
        var upper: Int64?
        for bound in bounds {
            let times = (bound.values ?? []).compactMap { parse(String(decoding: $0, as: UTF8.self)) }
            guard !times.isEmpty, times.count == bound.values?.count else { continue }
            switch bound.op {
            case .greater, .greaterOrEqual: lower = max(lower ?? times.min()!, times.min()!)
            case .less, .lessOrEqual: upper = min(upper ?? times.max()!, times.max()!)
            case .equal, .inList:
                lower = max(lower ?? times.min()!, times.min()!)
                upper = min(upper ?? times.max()!, times.max()!)
            }
        }
        return lower == nil && upper == nil ? nil : TimeWindow(lowerMs: lower, upperMs: upper)
    }

    /// The smallest window holding both (what two scans of one statement read together).
    func union(_ other: TimeWindow) -> TimeWindow {
        TimeWindow(
            lowerMs: lowerMs.flatMap { a in other.lowerMs.map { min(a, $0) } },
            upperMs: upperMs.flatMap { a in other.upperMs.map { max(a, $0) } })
    }

    /// Epoch ms of the start of a `yyyy/MM/dd` partition day, or nil.
    static func partitionDayStart(_ text: String) -> Int64? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return Int64(CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)) * 86_400_000
    }
}

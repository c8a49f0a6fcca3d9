import TrailMeterCore

/// A calendar date without a time zone, as written in the tables (`yyyy-MM-dd`).
///
/// Prices change on whole days, and tables are edited by people who think in dates, so the
/// module never converts to `Date` (whose meaning depends on a time zone).
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Four-digit year, month 1-12, day of the month.
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or returns nil when the combination does not exist (e.g. 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `yyyy-MM-dd`; anything else (including trailing text) returns nil.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Creates a day from a count of days since 1970-01-01 (negative before it).
    public init(daysSinceEpoch: Int) {
        (year, month, day) = CivilCalendar.date(daysSinceEpoch: daysSinceEpoch)
    }

    /// Days since 1970-01-01, for counting days between dates.
    public var daysSinceEpoch: Int { CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDay {
        CalendarDay(daysSinceEpoch: daysSinceEpoch + count)
    }

    /// The first day of this day's month.
    public var firstOfMonth: CalendarDay { CalendarDay(year: year, month: month, day: 1)! }

    /// The last day of this day's month.
    public var lastOfMonth: CalendarDay {
        CalendarDay(year: year, month: month, day: CivilCalendar.daysIn(month: month, year: year))!
    }

    public var description: String {
        CivilCalendar.isoDate(year: year, month: month, day: day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// An inclusive range of whole days, e.g. a billing month.
public struct DayRange: Hashable, Sendable, CustomStringConvertible {
    /// First and last day, both included.
    public let first: CalendarDay
    public let last: CalendarDay

    /// Creates the range `first...last`; returns nil when `last` is before `first`.
    public init?(first: CalendarDay, last: CalendarDay) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }

    /// The calendar month that contains `day`.
    public static func month(containing day: CalendarDay) -> DayRange {
        DayRange(first: day.firstOfMonth, last: day.lastOfMonth)!
    }

    /// How many days the range covers, counting both ends.
    public var dayCount: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }

    public var description: String { "\(first)..\(last)" }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

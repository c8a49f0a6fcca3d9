import Foundation
import Pricing
import TrailMeterCore

/// Parsers for the values a scenario file and the CLI share (`40GB/month`, `3%`, `24/day`), so
/// both accept the same spellings.
public enum ScenarioValues {
    /// The volumes a scenario may state: from one byte to 1,000 PB of gzip logs a month, from one
    /// to a trillion events a day. Beyond them Decimal arithmetic over the horizon would
    /// overflow or underflow (which traps) or lose the cents the totals sum.
    public static let gzipBytesPerMonthRange: ClosedRange<Decimal> = 1...1_000_000_000_000_000_000
    public static let eventsPerDayRange: ClosedRange<Decimal> = 1...1_000_000_000_000

    /// `sample`, `40GB/month` (KB, MB, GB, TB; decimal units), `250000 events/day`.
    public static func volume(_ text: String) -> Volume? {
        let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
        if compact == "sample" { return .sample }
        if compact.hasSuffix("events/day") {
            guard let count = number(String(compact.dropLast("events/day".count))), eventsPerDayRange.contains(count)
            else { return nil }
            return .eventsPerDay(count)
        }
        guard compact.hasSuffix("/month") else { return nil }
        let size = compact.dropLast("/month".count)
        guard let (amount, bytesPerUnit) = ByteText.splitDecimalUnit(size),
            let amount = number(String(amount)), amount > 0, amount < gzipBytesPerMonthRange.upperBound,
            gzipBytesPerMonthRange.contains(amount * bytesPerUnit)
        else { return nil }
        return .gzipBytesPerMonth(amount * bytesPerUnit)
    }

    /// `3%` or `0.03`; growth may be negative (a shrinking trail) but not below -100%.
    public static func growth(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let value: Decimal?
        if trimmed.hasSuffix("%") {
            value = signedNumber(String(trimmed.dropLast())).map { $0 / 100 }
        } else {
            value = signedNumber(trimmed)
        }
        guard let value, value > -1 else { return nil }
        return value
    }

    /// `24/day`, `1/hour`, `4/month`, `daily`, `hourly`, `monthly`; at most a million runs a period.
    public static func frequency(_ text: String) -> Frequency? {
        let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
        switch compact {
        case "hourly": return Frequency(count: 1, per: .hour)
        case "daily": return Frequency(count: 1, per: .day)
        case "monthly": return Frequency(count: 1, per: .month)
        default: break
        }
        let parts = compact.split(separator: "/")
        guard parts.count == 2, let count = number(String(parts[0])), count > 0, count <= 1_000_000,
            let period = Frequency.Period(rawValue: String(parts[1]))
        else { return nil }
        return Frequency(count: count, per: period)
    }

    /// `measured`, `all`, `7 days`, `24 hours`.
    public static func window(_ text: String) -> QueryWindow? {
        let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
        if compact == "measured" { return .measured }
        if compact == "all" { return .all }
        // Hours divide by 24 rather than multiply by 1/24, which Decimal cannot hold exactly.
        for (suffix, perDay) in [("days", Decimal(1)), ("day", 1), ("hours", 24), ("hour", 24)]
        where compact.hasSuffix(suffix) {
            guard let count = number(String(compact.dropLast(suffix.count))), count > 0, count <= 1_000_000 else {
                return nil
            }
            return .days(count / perDay)
        }
        return nil
    }

    /// `2027-01`: the first day of that month.
    public static func month(_ text: String) -> CalendarDay? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        return CalendarDay(year: year, month: month, day: 1)
    }

    /// A plain non-negative decimal: digits with an optional fraction, `_` or `,` allowed between digit groups.
    static func number(_ text: String) -> Decimal? {
        let cleaned = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } })
        else { return nil }
        return Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
    }

    static func signedNumber(_ text: String) -> Decimal? {
        if text.hasPrefix("-") { return number(String(text.dropFirst())).map { -$0 } }
        return number(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }
}

import TrailMeterCore

/// Parsing and printing of CloudTrail's `eventTime` (`2022-01-22T05:00:00Z`, optionally with fractions).
public enum EventTime {
    /// The milliseconds value that stands for "no eventTime".
    public static let missing = Int64.min

    /// Milliseconds since 1970 for an ISO-8601 UTC timestamp `YYYY-MM-DDTHH:MM:SS[.fff…]Z`
    /// (a space instead of `T`, and no `Z`, are accepted too); nil when it is not one.
    public static func milliseconds(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard text.count >= 19 else { return nil }
        // Called once per event while reading logs: kept out of a call of its own.
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for index in at..<(at + count) {
                let digit = Int(text[index]) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard text[4] == 0x2D, text[7] == 0x2D, text[10] == 0x54 || text[10] == 0x20, text[13] == 0x3A,
            text[16] == 0x3A,
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var millis = 0
        if index < text.count && text[index] == 0x2E {
            index += 1
            var scale = 100
            while index < text.count, let digit = digits(index, 1) {
                millis += digit * scale
                scale /= 10
                index += 1
            }
        }
        if index < text.count && text[index] == 0x5A { index += 1 }
        guard index == text.count else { return nil }
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        return Int64(((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + Int64(millis)
    }

    /// Milliseconds since 1970 for `text`, or nil.
    public static func milliseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { milliseconds(UnsafeRawBufferPointer($0)) }
    }

    /// `2022-01-22T05:00:00Z` (with `.fff` only when the milliseconds are not zero).
    public static func iso(_ ms: Int64) -> String {
        let (date, time) = split(ms)
        let fraction = ms.remainderFloored(1000)
        return date + "T" + time + (fraction == 0 ? "" : "." + pad(Int(fraction), 3)) + "Z"
    }

    /// `2022-01-22 05:00:00.000`, as CloudTrail Lake prints timestamps.
    public static func lake(_ ms: Int64) -> String {
        let (date, time) = split(ms)
        return date + " " + time + "." + pad(Int(ms.remainderFloored(1000)), 3)
    }

    /// The `yyyy/MM/dd` day of `ms`, as Athena's partition projection spells it.
    public static func partitionDay(_ ms: Int64) -> String {
        let (year, month, day) = civil(ms.dividedFloored(86_400_000))
        return pad(year, 4) + "/" + pad(month, 2) + "/" + pad(day, 2)
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        CivilCalendar.date(daysSinceEpoch: Int(days))
    }

    private static func split(_ ms: Int64) -> (String, String) {
        let (year, month, day) = civil(ms.dividedFloored(86_400_000))
        let seconds = Int(ms.dividedFloored(1000).remainderFloored(86_400))
        return (
            CivilCalendar.isoDate(year: year, month: month, day: day),
            pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        )
    }

    private static func pad(_ value: Int, _ width: Int) -> String { CivilCalendar.zeroPadded(value, width: width) }
}

extension Int64 {
    /// Floor division (rounds towards minus infinity, unlike `/`).
    public func dividedFloored(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder that goes with `dividedFloored`: always in `0..<divisor` for a positive divisor.
    public func remainderFloored(_ divisor: Int64) -> Int64 {
        self - dividedFloored(divisor) * divisor
    }
}

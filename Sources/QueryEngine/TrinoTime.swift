import CloudTrail
import TrailMeterCore

/// Trino's date and time arithmetic on TrailMeter's canonical forms: a timestamp is the text
/// `yyyy-MM-dd HH:mm:ss.SSS` (UTC; how CloudTrail Lake prints it, and lexical order is time
/// order), a date is `yyyy-MM-dd`. Internally a timestamp is milliseconds since 1970 UTC.
enum TrinoTime {
    static let millisPerDay: Int64 = 86_400_000

    // MARK: Calendar

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(CivilCalendar.daysSinceEpoch(year: Int(year), month: Int(month), day: Int(day)))
    }

    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: Int(days))
        return (Int64(year), Int64(month), Int64(day))
    }

    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        Int64(CivilCalendar.daysIn(month: Int(month), year: Int(year)))
    }

    struct Fields {
        var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millisecond: Int64
    }

    static func fields(_ millis: Int64) -> Fields {
        let dayNumber = floorDiv(millis, millisPerDay)
        var rest = millis - dayNumber * millisPerDay
        let (y, m, d) = civil(dayNumber)
        let hour = rest / 3_600_000
        rest -= hour * 3_600_000
        let minute = rest / 60_000
        rest -= minute * 60_000
        return Fields(
            year: y, month: m, day: d, hour: hour, minute: minute, second: rest / 1000, millisecond: rest % 1000)
    }

    static func millis(_ f: Fields) -> Int64 {
        days(year: f.year, month: f.month, day: f.day) * millisPerDay + f.hour * 3_600_000 + f.minute * 60_000 + f
            .second * 1000 + f.millisecond
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    // MARK: Parsing

    /// Parses the timestamp spellings Trino accepts from text and CloudTrail writes:
    /// `2022-01-22`, `2022-01-22 05:00`, `2022-01-22 05:00:00.123`, `2022-01-22T05:00:00Z`,
    /// offsets `+09:00`/`+0900`, and a trailing ` UTC`. Offsets are folded into UTC.
    static func parseTimestamp<C: Collection>(_ text: C) -> Int64? where C.Element == UInt8 {
        var bytes = Array(text)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 { bytes.removeFirst() }
        if bytes.count >= 4, String(decoding: bytes.suffix(4), as: UTF8.self).uppercased() == " UTC" {
            bytes.removeLast(4)
        }
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for k in 0..<width {
                let b = bytes[i + k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int64(b - 0x30)
            }
            i += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        var f = Fields(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, millisecond: 0)
        if i == bytes.count { return millis(f) }
        guard expect(0x20) || expect(0x54) else { return nil }  // space or T
        guard let hour = number(2), expect(0x3A), let minute = number(2) else { return nil }
        f.hour = hour
        f.minute = minute
        if expect(0x3A) {
            guard let second = number(2) else { return nil }
            f.second = second
            if expect(0x2E) {
                var digits = 0
                var fraction: Int64 = 0
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    if digits < 3 { fraction = fraction * 10 + Int64(bytes[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                if digits < 3 { for _ in digits..<3 { fraction *= 10 } }
                f.millisecond = fraction
            }
        }
        guard hour < 24, minute < 60, f.second < 60 else { return nil }
        var result = millis(f)
        if i == bytes.count { return result }
        if expect(0x5A) {  // Z
            return i == bytes.count ? result : nil
        }
        if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D {
            let sign: Int64 = bytes[i] == 0x2B ? 1 : -1
            i += 1
            guard let offsetHours = number(2) else { return nil }
            _ = expect(0x3A)
            let offsetMinutes = number(2) ?? 0
            result -= sign * (offsetHours * 3_600_000 + offsetMinutes * 60_000)
            return i == bytes.count ? result : nil
        }
        return nil
    }

    static func parseTimestamp(_ text: String) -> Int64? { parseTimestamp(Array(text.utf8)) }

    /// Parses `yyyy-MM-dd` (nothing else) to days since 1970.
    static func parseDate(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let millis = parseTimestamp(bytes) else { return nil }
        return floorDiv(millis, millisPerDay)
    }

    // MARK: Formatting

    private static func pad(_ value: Int64, _ width: Int, into out: inout [UInt8]) {
        var digits: [UInt8] = []
        var v = value < 0 ? -value : value
        repeat {
            digits.append(UInt8(v % 10) + 0x30)
            v /= 10
        } while v > 0
        if value < 0 { out.append(0x2D) }
        for _ in digits.count..<max(width, digits.count) { out.append(0x30) }
        out.append(contentsOf: digits.reversed())
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS`.
    static func format(_ millis: Int64) -> String {
        let f = fields(millis)
        var out: [UInt8] = []
        out.reserveCapacity(23)
        pad(f.year, 4, into: &out)
        out.append(0x2D)
        pad(f.month, 2, into: &out)
        out.append(0x2D)
        pad(f.day, 2, into: &out)
        out.append(0x20)
        pad(f.hour, 2, into: &out)
        out.append(0x3A)
        pad(f.minute, 2, into: &out)
        out.append(0x3A)
        pad(f.second, 2, into: &out)
        out.append(0x2E)
        pad(f.millisecond, 3, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `yyyy-MM-dd`.
    static func formatDate(days: Int64) -> String {
        let (y, m, d) = civil(days)
        var out: [UInt8] = []
        pad(y, 4, into: &out)
        out.append(0x2D)
        pad(m, 2, into: &out)
        out.append(0x2D)
        pad(d, 2, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ISO 8601 as Trino's `to_iso8601` writes a UTC timestamp.
    static func iso8601(_ millis: Int64) -> String {
        var text = format(millis)
        text = text.replacingFirst(" ", with: "T")
        return text + "Z"
    }

    // MARK: Arithmetic

    enum Unit: String {
        case millisecond, second, minute, hour, day, week, month, quarter, year

        init?(trino text: String) {
            var name = text.lowercased()
            if name.hasSuffix("s"), name != "s" { name.removeLast() }
            if let unit = Unit(rawValue: name) {
                self = unit
                return
            }
            switch name {
            case "ms": self = .millisecond
            case "dow", "doy": return nil
            default: return nil
            }
        }

        var fixedMillis: Int64? {
            switch self {
            case .millisecond: return 1
            case .second: return 1000
            case .minute: return 60_000
            case .hour: return 3_600_000
            case .day: return 86_400_000
            case .week: return 7 * 86_400_000
            case .month, .quarter, .year: return nil
            }
        }

        var months: Int64 { self == .month ? 1 : self == .quarter ? 3 : 12 }
    }

    /// The instants the text forms hold: years 0000 to 9999, four digits each. Arithmetic that
    /// leaves it answers nil, so callers fail naming their function instead of trapping.
    static let representable: ClosedRange<Int64> =
        days(year: 0, month: 1, day: 1) * millisPerDay...(days(year: 10_000, month: 1, day: 1) * millisPerDay - 1)

    /// `millis` shifted by `months` calendar months; nil outside `representable`.
    static func addMonths(_ millis: Int64, _ months: Int64) -> Int64? {
        // Any shift of more than 10,000 years leaves the range; the check keeps the sums below from overflowing.
        guard representable.contains(millis), months.magnitude <= 120_000 else { return nil }
        var f = fields(millis)
        let total = f.year * 12 + (f.month - 1) + months
        f.year = floorDiv(total, 12)
        f.month = total - f.year * 12 + 1
        guard (0...9999).contains(f.year) else { return nil }
        f.day = min(f.day, daysInMonth(f.year, f.month))
        return self.millis(f)
    }

    /// `millis` shifted by `amount` units; nil when the product or the sum overflows or the result
    /// leaves `representable`.
    static func add(_ unit: Unit, _ amount: Int64, to millis: Int64) -> Int64? {
        if let fixed = unit.fixedMillis {
            let (shift, overflow) = amount.multipliedReportingOverflow(by: fixed)
            guard !overflow else { return nil }
            let (shifted, overflowSum) = millis.addingReportingOverflow(shift)
            return !overflowSum && representable.contains(shifted) ? shifted : nil
        }
        let (months, overflow) = amount.multipliedReportingOverflow(by: unit.months)
        return overflow ? nil : addMonths(millis, months)
    }

    /// The message for a result outside `representable`, naming the function.
    static func outOfRange(_ function: String) -> String {
        "\(function): result out of range (timestamps run from year 0000 to 9999)"
    }

    static func truncate(_ unit: Unit, _ millis: Int64) -> Int64 {
        if unit == .week {
            let day = floorDiv(millis, millisPerDay)
            let weekday = (day + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
            return (day - (weekday < 0 ? weekday + 7 : weekday)) * millisPerDay
        }
        if let fixed = unit.fixedMillis { return floorDiv(millis, fixed) * fixed }
        var f = fields(millis)
        f.hour = 0
        f.minute = 0
        f.second = 0
        f.millisecond = 0
        f.day = 1
        if unit == .quarter { f.month = (f.month - 1) / 3 * 3 + 1 }
        if unit == .year { f.month = 1 }
        return self.millis(f)
    }

    /// Whole `unit`s from `a` to `b`, truncated toward zero (Trino's `date_diff`): Joda's
    /// `getDifferenceAsLong(b, a)` on the ISO chronology, whose month and year differences count
    /// a month-end to a shorter month's end (Jan 31 to Feb 28) and Feb 29 to Feb 28 as whole.
    static func difference(_ unit: Unit, from a: Int64, to b: Int64) -> Int64 {
        if let fixed = unit.fixedMillis { return (b - a) / fixed }
        if unit == .year { return yearDifference(b, a) }
        return monthDifference(b, a) / unit.months
    }

    /// Joda's month-of-year `getDifferenceAsLong`: when the later instant is the last day of its
    /// month, the earlier one's day is first moved back to that day.
    private static func monthDifference(_ minuend: Int64, _ subtrahend: Int64) -> Int64 {
        if minuend < subtrahend { return -monthDifference(subtrahend, minuend) }
        let m = fields(minuend)
        let s = fields(subtrahend)
        var difference = (m.year - s.year) * 12 + m.month - s.month
        var earlier = subtrahend
        if m.day == daysInMonth(m.year, m.month), s.day > m.day { earlier -= (s.day - m.day) * millisPerDay }
        if minuend - monthStart(m) < earlier - monthStart(s) { difference -= 1 }
        return difference
    }

    /// Joda's `getYearDifference`: the remainders into each year, balanced when one year is a
    /// leap year and the other is not.
    private static func yearDifference(_ minuend: Int64, _ subtrahend: Int64) -> Int64 {
        if minuend < subtrahend { return -yearDifference(subtrahend, minuend) }
        let (laterYear, earlierYear) = (fields(minuend).year, fields(subtrahend).year)
        var laterRest = minuend - days(year: laterYear, month: 1, day: 1) * millisPerDay
        var earlierRest = subtrahend - days(year: earlierYear, month: 1, day: 1) * millisPerDay
        let february29 = 59 * millisPerDay
        func isLeap(_ year: Int64) -> Bool { daysInMonth(year, 2) == 29 }
        if earlierRest >= february29 {
            if isLeap(earlierYear) {
                if !isLeap(laterYear) { earlierRest -= millisPerDay }
            } else if laterRest >= february29, isLeap(laterYear) {
                laterRest -= millisPerDay
            }
        }
        return laterYear - earlierYear - (laterRest < earlierRest ? 1 : 0)
    }

    private static func monthStart(_ f: Fields) -> Int64 {
        millis(Fields(year: f.year, month: f.month, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0))
    }

    /// ISO day of week, 1 = Monday ... 7 = Sunday.
    static func dayOfWeek(_ millis: Int64) -> Int64 {
        let day = floorDiv(millis, millisPerDay)
        let weekday = ((day + 3) % 7 + 7) % 7
        return weekday + 1
    }

    static func dayOfYear(_ millis: Int64) -> Int64 {
        let f = fields(millis)
        return floorDiv(millis, millisPerDay) - days(year: f.year, month: 1, day: 1) + 1
    }

    /// The year of the ISO week `millis` falls in: the year of that week's Thursday.
    static func weekYear(_ millis: Int64) -> Int64 { fields(millis + (4 - dayOfWeek(millis)) * millisPerDay).year }

    /// ISO week of the year.
    static func weekOfYear(_ millis: Int64) -> Int64 {
        let day = floorDiv(millis, millisPerDay)
        let thursday = day - (dayOfWeek(millis) - 1) + 3
        let year = civil(thursday).year
        return (thursday - days(year: year, month: 1, day: 1)) / 7 + 1
    }

    /// One field, as `extract`, `year()`, `hour()` ... give it.
    static func field(_ name: String, _ millis: Int64) -> Int64? {
        let f = fields(millis)
        switch name {
        case "year": return f.year
        case "quarter": return (f.month - 1) / 3 + 1
        case "month": return f.month
        case "week", "week_of_year": return weekOfYear(millis)
        // The ISO week's year: the year of that week's Thursday.
        case "year_of_week", "yow": return weekYear(millis)
        case "day", "day_of_month": return f.day
        case "day_of_week", "dow": return dayOfWeek(millis)
        case "day_of_year", "doy": return dayOfYear(millis)
        case "hour": return f.hour
        case "minute": return f.minute
        case "second": return f.second
        case "millisecond": return f.millisecond
        default: return nil
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// MySQL-style format, as Trino's `date_format` takes it (`%Y/%m/%d`). Nil for a specifier
    /// Trino does not support either.
    static func dateFormat(_ millis: Int64, _ format: String) -> String? {
        let f = fields(millis)
        var out: [UInt8] = []
        var iterator = Array(format.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x25 else {  // %
                out.append(byte)
                continue
            }
            guard let spec = iterator.next() else { return nil }
            switch spec {
            case UInt8(ascii: "Y"): pad(f.year, 4, into: &out)
            case UInt8(ascii: "y"): pad(f.year % 100, 2, into: &out)
            case UInt8(ascii: "m"): pad(f.month, 2, into: &out)
            case UInt8(ascii: "c"): pad(f.month, 1, into: &out)
            case UInt8(ascii: "d"): pad(f.day, 2, into: &out)
            case UInt8(ascii: "e"): pad(f.day, 1, into: &out)
            case UInt8(ascii: "H"): pad(f.hour, 2, into: &out)
            case UInt8(ascii: "k"): pad(f.hour, 1, into: &out)
            case UInt8(ascii: "h"), UInt8(ascii: "I"): pad((f.hour + 11) % 12 + 1, 2, into: &out)
            case UInt8(ascii: "l"): pad((f.hour + 11) % 12 + 1, 1, into: &out)
            case UInt8(ascii: "i"): pad(f.minute, 2, into: &out)
            case UInt8(ascii: "s"), UInt8(ascii: "S"): pad(f.second, 2, into: &out)
            case UInt8(ascii: "f"): pad(f.millisecond * 1000, 6, into: &out)
            case UInt8(ascii: "p"): out.append(contentsOf: Array((f.hour < 12 ? "AM" : "PM").utf8))
            case UInt8(ascii: "r"):
                pad((f.hour + 11) % 12 + 1, 2, into: &out)
                out.append(0x3A)
                pad(f.minute, 2, into: &out)
                out.append(0x3A)
                pad(f.second, 2, into: &out)
                out.append(contentsOf: Array((f.hour < 12 ? " AM" : " PM").utf8))
            // The ISO week (Monday first) and the year it belongs to, as Trino's Joda formatter has them.
            case UInt8(ascii: "v"): pad(weekOfYear(millis), 2, into: &out)
            case UInt8(ascii: "x"): pad(weekYear(millis), 4, into: &out)
            case UInt8(ascii: "T"):
                pad(f.hour, 2, into: &out)
                out.append(0x3A)
                pad(f.minute, 2, into: &out)
                out.append(0x3A)
                pad(f.second, 2, into: &out)
            case UInt8(ascii: "j"): pad(dayOfYear(millis), 3, into: &out)
            case UInt8(ascii: "M"): out.append(contentsOf: Array(monthNames[Int(f.month - 1)].utf8))
            case UInt8(ascii: "b"): out.append(contentsOf: Array(monthNames[Int(f.month - 1)].prefix(3).utf8))
            case UInt8(ascii: "W"): out.append(contentsOf: Array(dayNames[Int(dayOfWeek(millis) - 1)].utf8))
            case UInt8(ascii: "a"): out.append(contentsOf: Array(dayNames[Int(dayOfWeek(millis) - 1)].prefix(3).utf8))
            case UInt8(ascii: "%"): out.append(0x25)
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Joda-style pattern, as Trino's `format_datetime` takes it (`yyyy-MM-dd HH:mm:ss`).
    /// `millis` is the local time in `zone` (its id and offset there; UTC without one), which
    /// `Z` (`+0530`), `ZZ` (`+05:30`) and `ZZZ` (`Asia/Kolkata`) print.
    static func formatDateTime(_ millis: Int64, _ pattern: String, zone: (id: String, offsetMillis: Int64)? = nil)
        -> String?
    {
        let f = fields(millis)
        let chars = Array(pattern)
        var out: [UInt8] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                i += 1
                while i < chars.count, chars[i] != "'" {
                    out.append(contentsOf: Array(String(chars[i]).utf8))
                    i += 1
                }
                i += 1
                continue
            }
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            switch c {
            case "y", "Y", "u": run == 2 ? pad(f.year % 100, 2, into: &out) : pad(f.year, run, into: &out)
            case "M":
                if run >= 4 {
                    out.append(contentsOf: Array(monthNames[Int(f.month - 1)].utf8))
                } else if run == 3 {
                    out.append(contentsOf: Array(monthNames[Int(f.month - 1)].prefix(3).utf8))
                } else {
                    pad(f.month, run, into: &out)
                }
            case "d": pad(f.day, run, into: &out)
            case "D": pad(dayOfYear(millis), run, into: &out)
            case "H": pad(f.hour, run, into: &out)
            case "h": pad((f.hour + 11) % 12 + 1, run, into: &out)
            case "m": pad(f.minute, run, into: &out)
            case "s": pad(f.second, run, into: &out)
            case "S":
                pad(f.millisecond, 3, into: &out)
                if run > 3 { for _ in 3..<run { out.append(0x30) } }
            case "a": out.append(contentsOf: Array((f.hour < 12 ? "AM" : "PM").utf8))
            case "E":
                let name = dayNames[Int(dayOfWeek(millis) - 1)]
                out.append(contentsOf: Array((run >= 4 ? name : String(name.prefix(3))).utf8))
            case "e": pad(dayOfWeek(millis), run, into: &out)
            case "x": run == 2 ? pad(weekYear(millis) % 100, 2, into: &out) : pad(weekYear(millis), run, into: &out)
            case "w": pad(weekOfYear(millis), run, into: &out)
            case "Z":
                let offset = WrittenZone.offsetText(zone?.offsetMillis ?? 0)
                let text =
                    run >= 3 ? (zone?.id ?? "UTC") : run == 2 ? offset : offset.replacingOccurrences(of: ":", with: "")
                out.append(contentsOf: Array(text.utf8))
            case "z": out.append(contentsOf: Array("UTC".utf8))
            default:
                if c.isLetter { return nil }
                for _ in 0..<run { out.append(contentsOf: Array(String(c).utf8)) }
            }
            i += run
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
    }
}

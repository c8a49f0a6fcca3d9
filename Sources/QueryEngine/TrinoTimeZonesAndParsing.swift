/// The zone a timestamp constant was written with (`TIMESTAMP '2012-10-31 01:00 UTC'`,
/// `from_iso8601_timestamp('...+01:00')`): Trino keeps it and prints the local time with it.
struct WrittenZone {
    /// `UTC` or an offset such as `+01:00`.
    let name: String
    let offsetMillis: Int64
    /// Fraction digits beyond milliseconds as written (`123456789`), printed in their place.
    var fraction: String?
    /// True for a value computed per row whose SQL holds its local time in the zone (a region's
    /// offset changes with the instant), rather than its instant in UTC.
    var isLocalText = false

    /// An offset as ISO 8601 writes it: `+09:00`, `-05:30`.
    static func offsetText(_ millis: Int64) -> String {
        let minutes = abs(millis) / 60_000
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return (millis < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
    }

    /// The same zone without the written fraction digits: what a value computed from this one has.
    var withoutFraction: WrittenZone { WrittenZone(name: name, offsetMillis: offsetMillis, isLocalText: isLocalText) }

    /// The value as Trino prints it: local time, then the zone.
    func present(_ instant: Int64) -> String {
        var local = TrinoTime.format(instant + offsetMillis)
        if let fraction, let dot = local.lastIndex(of: ".") { local = String(local[..<dot]) + "." + fraction }
        return local + " " + name
    }

    /// Splits `text` into its timestamp and its written zone: ` UTC`, `Z`, or an offset
    /// `[ ]+HH:MM`. nil when it names no zone; `.named` for a region such as `Asia/Tokyo`.
    static func split(_ text: String) -> (local: String, zone: Zone)? {
        let trimmed = text.trimmingSpaces
        if trimmed.uppercased().hasSuffix(" UTC") {
            return (String(trimmed.dropLast(4)), .fixed(WrittenZone(name: "UTC", offsetMillis: 0)))
        }
        if trimmed.hasSuffix("Z"), trimmed.count > 10 {
            return (String(trimmed.dropLast()), .fixed(WrittenZone(name: "UTC", offsetMillis: 0)))
        }
        let scalars = Array(trimmed.unicodeScalars)
        if scalars.count > 16, scalars[scalars.count - 3] == ":", ["+", "-"].contains(scalars[scalars.count - 6]),
            let hours = Int64(String(String.UnicodeScalarView(scalars[(scalars.count - 5)..<(scalars.count - 3)]))),
            let minutes = Int64(String(String.UnicodeScalarView(scalars[(scalars.count - 2)...])))
        {
            let name = String(String.UnicodeScalarView(scalars[(scalars.count - 6)...]))
            let sign: Int64 = scalars[scalars.count - 6] == "+" ? 1 : -1
            let local = String(String.UnicodeScalarView(scalars[..<(scalars.count - 6)])).trimmingSpaces
            return (local, .fixed(WrittenZone(name: name, offsetMillis: sign * (hours * 3_600_000 + minutes * 60_000))))
        }
        if let space = trimmed.lastIndex(of: " "), trimmed.filter({ $0 == " " }).count >= 2 || trimmed.count > 19 {
            let last = trimmed[trimmed.index(after: space)...]
            if last.contains(where: { $0.isLetter }) { return (String(trimmed[..<space]), .named(String(last))) }
        }
        return nil
    }

    enum Zone {
        case fixed(WrittenZone)
        case named(String)
    }

    /// `text` with its zone, when it names a UTC or offset zone: the instant and the zone.
    static func parse(_ text: String) -> (Int64, WrittenZone)? {
        guard let (local, zone) = split(text), case .fixed(var written) = zone,
            let millis = TrinoTime.parseTimestamp(local)
        else { return nil }
        if let dot = local.lastIndex(of: ".") {
            let digits = local[local.index(after: dot)...]
            if digits.count > 3, digits.allSatisfy(\.isNumber) { written.fraction = String(digits) }
        }
        return (millis - written.offsetMillis, written)
    }
}

extension TrinoTime {
    /// `from_iso8601_date`'s forms: `2020-05-11`, ISO week dates `2020-W10` and `2020-W10-3`, and
    /// ordinal dates `2020-123`; days since 1970.
    static func parseISODate(_ text: String) -> Int64? {
        if let days = parseDate(text) { return days }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0].count == 4, let year = Int64(parts[0]) else { return nil }
        if parts[1].hasPrefix("W"), parts[1].count == 3, let week = Int64(parts[1].dropFirst()), (1...53).contains(week)
        {
            var weekday: Int64 = 1
            if parts.count == 3 {
                guard parts[2].count == 1, let day = Int64(parts[2]), (1...7).contains(day) else { return nil }
                weekday = day
            } else if parts.count > 3 {
                return nil
            }
            // Week 1 holds January 4th; weeks start on Monday.
            let january4 = days(year: year, month: 1, day: 4)
            let mondayOfWeek1 = january4 - (dayOfWeek(january4 * millisPerDay) - 1)
            return mondayOfWeek1 + (week - 1) * 7 + (weekday - 1)
        }
        guard parts.count == 2, parts[1].count == 3, let ordinal = Int64(parts[1]) else { return nil }
        let length: Int64 = daysInMonth(year, 2) == 29 ? 366 : 365
        guard (1...length).contains(ordinal) else { return nil }
        return days(year: year, month: 1, day: 1) + ordinal - 1
    }

    /// An interval as Trino prints it: `2 03:00:00.000` (day to second), `3-5` (year to month).
    static func formatInterval(_ amount: Int64, months: Bool) -> String {
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        if months { return "\(sign)\(magnitude / 12)-\(magnitude % 12)" }
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = magnitude % 1000
        let seconds = magnitude / 1000
        let fraction = millis < 10 ? "00\(millis)" : (millis < 100 ? "0\(millis)" : "\(millis)")
        return
            "\(sign)\(seconds / 86400) \(two(seconds / 3600 % 24)):\(two(seconds / 60 % 60)):\(two(seconds % 60)).\(fraction)"
    }
}

extension TrinoTime {
    /// `parse_duration`: a number and a unit (`ns`, `us`, `ms`, `s`, `m`, `h`, `d`), rounded to
    /// milliseconds.
    static func parseDuration(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        let units: [(String, Double)] = [
            ("ns", 1e-6), ("us", 1e-3), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
        ]
        for (suffix, size) in units where trimmed.hasSuffix(suffix) {
            let number = String(trimmed.dropLast(suffix.count)).trimmingSpaces
            guard number.first?.isNumber == true, let value = Double(number) else { continue }
            let millis = (value * size).rounded(.toNearestOrAwayFromZero)
            guard millis.isFinite, abs(millis) < 9.2e18 else { return nil }
            return Int64(millis)
        }
        return nil
    }
}

extension TrinoTime {
    /// Why `date_parse` gave no value: the text does not match, or the format uses a specifier
    /// TrailMeter does not parse (`%y`, week and weekday fields, ...).
    enum DateParseFailure: Error {
        case mismatch
        case unsupported(String)
    }

    /// `date_parse(text, format)` with MySQL's specifiers: `%Y %m %c %d %e %H %k %h %I %l %i %s %S
    /// %f %p %T %r %b %M %%`. Fields the format lacks default to 1970-01-01 00:00:00.
    static func dateParse(_ text: String, _ format: String) -> Result<Int64, DateParseFailure> {
        var cursor = ParseCursor(text)
        var pattern = Array(format.unicodeScalars)[...]
        var f = Fields(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0)
        var pm: Bool?
        var twelveHour = false
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        while let scalar = pattern.popFirst() {
            guard scalar == "%" else {
                guard cursor.input.popFirst() == scalar else { return .failure(.mismatch) }
                continue
            }
            guard let specifier = pattern.popFirst() else { return .failure(.mismatch) }
            var value: Int64?
            switch specifier {
            case "Y":
                value = cursor.digits(4, 4)
                f.year = value ?? 0
            case "m", "c":
                value = cursor.digits(specifier == "m" ? 2 : 1, 2)
                f.month = value ?? 0
            case "d", "e":
                value = cursor.digits(specifier == "d" ? 2 : 1, 2)
                f.day = value ?? 0
            case "H", "k":
                value = cursor.digits(specifier == "H" ? 2 : 1, 2)
                f.hour = value ?? 0
            case "h", "I", "l":
                value = cursor.digits(specifier == "l" ? 1 : 2, 2)
                f.hour = value ?? 0
                twelveHour = true
            case "i":
                value = cursor.digits(2, 2)
                f.minute = value ?? 0
            case "s", "S":
                value = cursor.digits(2, 2)
                f.second = value ?? 0
            case "f":
                value = cursor.milliseconds()
                f.millisecond = value ?? 0
            case "p":
                guard let index = cursor.word(["AM", "PM"]) else { return .failure(.mismatch) }
                pm = index == 1
                value = 0
            case "b", "M":
                guard let index = cursor.word(specifier == "M" ? months : months.map { String($0.prefix(3)) }) else {
                    return .failure(.mismatch)
                }
                f.month = Int64(index + 1)
                value = 0
            case "T", "r":
                let expanded = specifier == "T" ? "%H:%i:%s" : "%h:%i:%s %p"
                pattern = Array(expanded.unicodeScalars)[...] + pattern
                value = 0
            case "%":
                guard cursor.input.popFirst() == "%" else { return .failure(.mismatch) }
                value = 0
            default:
                return .failure(.unsupported("%" + String(specifier)))
            }
            guard value != nil else { return .failure(.mismatch) }
        }
        guard cursor.input.isEmpty else { return .failure(.mismatch) }
        if twelveHour {
            guard (1...12).contains(f.hour) else { return .failure(.mismatch) }
            f.hour = f.hour % 12 + (pm == true ? 12 : 0)
        } else if pm != nil {
            return .failure(.unsupported("%p without a 12-hour field"))
        }
        guard (1...12).contains(f.month), f.day >= 1, f.day <= daysInMonth(f.year, f.month), f.hour < 24, f.minute < 60,
            f.second < 60
        else { return .failure(.mismatch) }
        return .success(millis(f))
    }
}

/// The rest of a text read against a date pattern: numbers and names are taken off its front.
struct ParseCursor {
    var input: ArraySlice<Unicode.Scalar>

    init(_ text: String) { input = Array(text.unicodeScalars)[...] }

    /// Between `minimum` and `maximum` ASCII digits, as a number; nil when fewer are there.
    mutating func digits(_ minimum: Int, _ maximum: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maximum, let scalar = input.first, ("0"..."9").contains(scalar) {
            value = value * 10 + Int64(scalar.value - 48)
            input.removeFirst()
            count += 1
        }
        return count >= minimum ? value : nil
    }

    /// The index of the first of `choices` the text starts with, ignoring case.
    mutating func word(_ choices: [String]) -> Int? {
        let rest = String(String.UnicodeScalarView(input)).lowercased()
        for (index, choice) in choices.enumerated() where rest.hasPrefix(choice.lowercased()) {
            input.removeFirst(choice.unicodeScalars.count)
            return index
        }
        return nil
    }

    /// A fraction of a second of 1 to 9 digits, as milliseconds (digits past the third cut).
    mutating func milliseconds() -> Int64? {
        let before = input.count
        guard var millis = digits(1, 9) else { return nil }
        let width = before - input.count
        for _ in width..<max(width, 3) { millis *= 10 }
        for _ in min(width, 3)..<width { millis /= 10 }
        return millis
    }
}

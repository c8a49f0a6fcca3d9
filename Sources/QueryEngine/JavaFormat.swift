import SQLite

/// Trino's `format(format, args...)`, which follows Java's `String.format`: `%[index$][flags]
/// [width][.precision]conversion` with conversions `s S d x X f e b c %% n` and the date
/// conversions `tY tm td te tB tb tA ta tH tM tS`. Anything else fails rather than guess.
enum JavaFormat {
    /// The longest result, in UTF-8 bytes. A width, a precision or many specifiers could otherwise
    /// ask for more memory than the process has: fuzzing found `%3411111111111111110s` (an
    /// allocation that aborts) and `%.9223372036854775807f` (an overflow that traps).
    static let maximumResultBytes = 16_000_000

    static func format(_ pattern: String, _ values: [SQLiteValue]) -> Result<String, ConversionFailure> {
        var out = ""
        var characters = pattern[...]
        var nextArgument = 0
        while let character = characters.popFirst() {
            guard character == "%" else {
                out.append(character)
                continue
            }
            var spec = ""
            while let next = characters.first, "0123456789$-+ ,#.(<".contains(next) {
                spec.append(next)
                characters.removeFirst()
            }
            guard var conversion = characters.popFirst() else { return fail("format ends inside a specifier") }
            var dateConversion: Character?
            if conversion == "t" || conversion == "T" {
                guard let next = characters.popFirst() else { return fail("format ends inside a specifier") }
                dateConversion = next
            }
            if conversion == "%" {
                out.append("%")
                continue
            }
            if conversion == "n" {
                out.append("\n")
                continue
            }
            let written = "%\(spec)\(conversion)\(dateConversion.map { String($0) } ?? "")"
            var index: Int
            if let dollar = spec.firstIndex(of: "$") {
                guard let explicit = Int(spec[..<dollar]), explicit >= 1 else { return fail("bad argument index") }
                index = explicit - 1
                spec = String(spec[spec.index(after: dollar)...])
            } else {
                index = nextArgument
                nextArgument += 1
            }
            guard index < values.count else { return fail("Format specifier '%\(spec)\(conversion)' has no argument") }
            let flags = String(spec.prefix { "-+ ,#0(".contains($0) })
            let rest = spec.dropFirst(flags.count)
            let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
            let width = count(parts.first) ?? 0
            let precision = parts.count > 1 ? count(parts[1]) : nil
            if max(width, precision ?? 0) > maximumResultBytes {
                return fail("Format specifier '\(written)' asks for more than \(maximumResultBytes) characters")
            }
            let value = values[index]
            var text: String
            if let dateConversion {
                guard case .text(let stamp) = value, let millis = TrinoTime.parseTimestamp(stamp) else {
                    return fail("%t takes a date or timestamp")
                }
                guard let formatted = date(dateConversion, millis) else {
                    return fail("unsupported %t\(dateConversion)")
                }
                text = formatted
            } else {
                if conversion == "S" || conversion == "X" {
                    conversion = Character(conversion.lowercased())
                    guard let formatted = convert(conversion, value, flags, precision) else {
                        return fail("Cannot format \(value) with %\(conversion)")
                    }
                    text = formatted.uppercased()
                } else {
                    guard let formatted = convert(conversion, value, flags, precision) else {
                        return fail("Cannot format \(value) with %\(conversion)")
                    }
                    text = formatted
                }
            }
            let padding = max(width - text.count, 0)
            if out.utf8.count + text.utf8.count + padding > maximumResultBytes {
                return fail("format: the result would be longer than \(maximumResultBytes) bytes")
            }
            if padding > 0 {
                if flags.contains("-") {
                    text += String(repeating: " ", count: padding)
                } else if flags.contains("0"), "dfxe".contains(conversion) {
                    let negative = text.hasPrefix("-")
                    let digits = negative ? String(text.dropFirst()) : text
                    text = (negative ? "-" : "") + String(repeating: "0", count: padding) + digits
                } else {
                    text = String(repeating: " ", count: padding) + text
                }
            }
            out += text
        }
        return .success(out)
    }

    /// A width or precision as written: nil when it is not digits, `Int.max` when they do not fit.
    private static func count(_ text: Substring?) -> Int? {
        guard let text, !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(text) ?? .max
    }

    private static func fail(_ message: String) -> Result<String, ConversionFailure> {
        .failure(ConversionFailure(text: message))
    }

    private static func convert(_ conversion: Character, _ value: SQLiteValue, _ flags: String, _ precision: Int?)
        -> String?
    {
        switch conversion {
        case "s":
            let text: String
            switch value {
            case .null: text = "null"
            case .integer(let number): text = String(number)
            case .real(let number):
                // Java writes doubles from 10^7 and below 10^-3 in its own scientific form.
                guard number == 0 || (abs(number) >= 1e-3 && abs(number) < 1e7) else { return nil }
                text = String(number)
            case .text(let string): text = string
            case .blob: return nil
            }
            return precision.map { String(text.prefix($0)) } ?? text
        case "b":
            if case .null = value { return "false" }
            if case .integer(let number) = value { return number != 0 ? "true" : "false" }
            return "true"
        case "d":
            guard case .integer(let number) = value else { return nil }
            return group(String(number.magnitude), flags, negative: number < 0)
        case "x":
            guard case .integer(let number) = value else { return nil }
            return String(UInt64(bitPattern: number), radix: 16)
        case "c":
            guard case .integer(let number) = value, let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: number))
            else { return nil }
            return String(Character(scalar))
        case "f":
            let number: Double
            switch value {
            case .integer: return nil  // Java refuses %f for an integer
            case .real(let real): number = real
            case .text(let digits):  // a decimal literal, passed as written
                guard let real = Double(digits) else { return nil }
                number = real
            default: return nil
            }
            guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "-Infinity" : "Infinity") }
            // Java rounds the shortest decimal form of the double half up (2.675 gives 2.68).
            let places = precision ?? 6
            let shortest = String(number.magnitude)
            guard !shortest.contains("e"), let dot = shortest.firstIndex(of: ".") else { return nil }
            var digits = Array(shortest[..<dot] + shortest[shortest.index(after: dot)...])
            let integerCount = shortest.distance(from: shortest.startIndex, to: dot)
            let keep = integerCount + places
            // Trailing zeros are added as text: an array of Characters costs 16 bytes each.
            var zeros = 0
            if digits.count > keep {
                let roundUp = digits[keep] >= "5"
                digits = Array(digits[..<keep])
                if roundUp {
                    var index = digits.count - 1
                    while index >= 0 {
                        if digits[index] == "9" {
                            digits[index] = "0"
                            index -= 1
                        } else {
                            digits[index] = Character(String(digits[index].wholeNumberValue! + 1))
                            break
                        }
                    }
                    if index < 0 { digits.insert("1", at: 0) }
                }
            } else {
                zeros = keep - digits.count
            }
            let wholeCount = digits.count + zeros - places
            let whole = String(digits[..<wholeCount])
            let fraction = String(digits[wholeCount...]) + String(repeating: "0", count: zeros)
            let isZero = digits.allSatisfy { $0 == "0" }
            let integer = group(whole, flags, negative: number < 0 && !isZero)
            return places == 0 ? integer : integer + "." + fraction
        default:
            return nil
        }
    }

    /// Digits with a sign and, for the `,` flag, thousands separators.
    private static func group(_ digits: String, _ flags: String, negative: Bool) -> String {
        var body = digits
        if flags.contains(",") {
            var grouped = ""
            for (offset, digit) in digits.enumerated() {
                if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            body = grouped
        }
        if negative { return "-" + body }
        if flags.contains("+") { return "+" + body }
        if flags.contains(" ") { return " " + body }
        return body
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    private static func date(_ conversion: Character, _ millis: Int64) -> String? {
        let f = TrinoTime.fields(millis)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch conversion {
        case "Y": return String(f.year)
        case "m": return two(f.month)
        case "d": return two(f.day)
        case "e": return String(f.day)
        case "B": return months[Int(f.month - 1)]
        case "b": return String(months[Int(f.month - 1)].prefix(3))
        case "A": return weekdays[Int(TrinoTime.dayOfWeek(millis) - 1)]
        case "a": return String(weekdays[Int(TrinoTime.dayOfWeek(millis) - 1)].prefix(3))
        case "H": return two(f.hour)
        case "M": return two(f.minute)
        case "S": return two(f.second)
        default: return nil
        }
    }
}

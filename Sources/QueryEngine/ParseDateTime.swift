import SQLite

extension TrinoTime {
    /// `parse_datetime(text, pattern)` with Joda's pattern letters, as Trino reads them:
    /// `yyyy MM MMM MMMM dd HH hh mm ss SSS a` and quoted literals (`''` is a quote); `Z` reads
    /// an offset (`+0900`, `+09:00`, or `Z`). Gives the instant and the offset read (0 when none),
    /// or why it could not. Fields the pattern lacks default to 1970-01-01 00:00:00.
    static func parseDateTime(_ text: String, _ pattern: String) -> Result<(Int64, offset: Int64), DateParseFailure> {
        var cursor = ParseCursor(text)
        let chars = Array(pattern.unicodeScalars)
        var f = Fields(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0)
        var offset: Int64 = 0
        var pm: Bool?
        var twelveHour = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                // A quoted literal; `''` is one quote, inside or outside a literal.
                var literal: [Unicode.Scalar] = []
                i += 1
                if i < chars.count, chars[i] == "'" {
                    literal = ["'"]
                    i += 1
                } else {
                    while i < chars.count {
                        if chars[i] == "'" {
                            if i + 1 < chars.count, chars[i + 1] == "'" {
                                literal.append("'")
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        literal.append(chars[i])
                        i += 1
                    }
                }
                for scalar in literal {
                    guard cursor.input.popFirst() == scalar else { return .failure(.mismatch) }
                }
                continue
            }
            var run = 1
            while i + run < chars.count, chars[i + run] == c { run += 1 }
            i += run
            var value: Int64? = 0
            switch c {
            case "y", "Y", "u":
                value = cursor.digits(run == 2 ? 2 : 1, run == 2 ? 2 : 9)
                f.year = run == 2 ? 2000 + (value ?? 0) : value ?? 0
            case "M":
                if run >= 3 {
                    let names = run == 3 ? monthNames.map { String($0.prefix(3)) } : monthNames
                    guard let index = cursor.word(names) else { return .failure(.mismatch) }
                    f.month = Int64(index + 1)
                } else {
                    value = cursor.digits(1, 2)
                    f.month = value ?? 0
                }
            case "d":
                value = cursor.digits(1, 2)
                f.day = value ?? 0
            case "H":
                value = cursor.digits(1, 2)
                f.hour = value ?? 0
            case "h":
                value = cursor.digits(1, 2)
                f.hour = value ?? 0
                twelveHour = true
            case "m":
                value = cursor.digits(1, 2)
                f.minute = value ?? 0
            case "s":
                value = cursor.digits(1, 2)
                f.second = value ?? 0
            case "S":
                value = cursor.milliseconds()
                f.millisecond = value ?? 0
            case "a":
                guard let index = cursor.word(["AM", "PM"]) else { return .failure(.mismatch) }
                pm = index == 1
            case "E":
                guard cursor.word(run >= 4 ? dayNames : dayNames.map { String($0.prefix(3)) }) != nil else {
                    return .failure(.mismatch)
                }
            case "Z":
                if cursor.input.first == "Z" {
                    cursor.input.removeFirst()
                } else {
                    guard let sign = cursor.input.popFirst(), sign == "+" || sign == "-",
                        let hours = cursor.digits(2, 2)
                    else {
                        return .failure(.mismatch)
                    }
                    if cursor.input.first == ":" { cursor.input.removeFirst() }
                    guard let minutes = cursor.digits(2, 2) else { return .failure(.mismatch) }
                    offset = (sign == "+" ? 1 : -1) * (hours * 3_600_000 + minutes * 60_000)
                }
            default:
                if ("a"..."z").contains(c) || ("A"..."Z").contains(c) {
                    return .failure(.unsupported(String(repeating: String(c), count: run)))
                }
                for _ in 0..<run {
                    guard cursor.input.popFirst() == c else { return .failure(.mismatch) }
                }
            }
            guard value != nil else { return .failure(.mismatch) }
        }
        guard cursor.input.isEmpty else { return .failure(.mismatch) }
        if twelveHour {
            guard (1...12).contains(f.hour) else { return .failure(.mismatch) }
            f.hour = f.hour % 12 + (pm == true ? 12 : 0)
        }
        guard (1...9999).contains(f.year), (1...12).contains(f.month), f.day >= 1,
            f.day <= daysInMonth(f.year, f.month), f.hour < 24, f.minute < 60, f.second < 60
        else { return .failure(.mismatch) }
        return .success((millis(f) - offset, offset))
    }
}

extension SQLFunctions {
    static func registerParseDateTime(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_parse_datetime", argumentCount: 2) { args, result in
            guard let text = args.text(0), let pattern = args.text(1) else { return result.null() }
            switch TrinoTime.parseDateTime(text, pattern) {
            case .success(let (millis, _)): result.text(TrinoTime.format(millis))
            case .failure(.mismatch): result.error("Invalid format: \"\(text)\" is malformed for '\(pattern)'")
            case .failure(.unsupported(let letters)): result.error("unsupported: parse_datetime pattern \(letters)")
            }
        }
    }
}

extension TranslationContext {
    /// `parse_datetime(text, pattern)`: a `timestamp with time zone`; per row printed in UTC (an
    /// offset read from the text is folded into the instant), as a constant in its offset.
    func parseDateTime(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr {
        let at = call.name.start
        try arity(call, args, 2)
        try requireText(args[0], call)
        try requireText(args[1], call)
        if let text = args[0].constantString, let pattern = args[1].constantString {
            switch TrinoTime.parseDateTime(text, pattern) {
            case .success(let (millis, offset)):
                // A constant keeps the offset it was written with, as Trino prints it.
                var result = TExpr(constant: .timestamp(millis), at: at)
                result.zone =
                    offset == 0
                    ? WrittenZone(name: "UTC", offsetMillis: 0)
                    : WrittenZone(name: WrittenZone.offsetText(offset), offsetMillis: offset)
                return result
            case .failure(.mismatch):
                throw .invalid(message: "'\(text)' does not match the pattern '\(pattern)'", at: location(args[0].at))
            case .failure(.unsupported(let letters)):
                throw .unsupported(construct: "parse_datetime pattern \(letters)", at: location(args[1].at))
            }
        }
        return .node(
            Fragment("tm_parse_datetime(", at: at) + args[0].sql + ", " + args[1].sql + ")", .timestamp, at: at,
            kids: args
        ).inUTC()
    }
}

import SQLite

extension SQLFunctions {
    static func registerTime(_ c: Connection, clock: QueryClock) throws(SQLiteError) {
        try define(c, "tm_now", argumentCount: 0, deterministic: false) { _, result in
            result.text(TrinoTime.format(clock.now()))
        }
        try define(c, "tm_from_iso8601_timestamp", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            guard let millis = TrinoTime.parseTimestamp(bytes) else {
                return result.error("Invalid format: \"\(args.text(0) ?? "")\"")
            }
            result.text(TrinoTime.format(millis))
        }
        try define(c, "tm_from_iso8601_date", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            guard let days = TrinoTime.parseISODate(text) else { return result.error("Invalid format: \"\(text)\"") }
            result.text(TrinoTime.formatDate(days: days))
        }
        try define(c, "tm_date_trunc", argumentCount: 2) { args, result in
            guard let unit = unit(args, 0, result), let (millis, isDate) = time(args, 1, result) else { return }
            let truncated = TrinoTime.truncate(unit, millis)
            result.text(
                isDate
                    ? TrinoTime.formatDate(days: TrinoTime.floorDiv(truncated, TrinoTime.millisPerDay))
                    : TrinoTime.format(truncated))
        }
        try define(c, "tm_date_add", argumentCount: 3) { args, result in
            guard !args.isNull(1), let unit = unit(args, 0, result), let (millis, isDate) = time(args, 2, result) else {
                if args.isNull(1) { result.null() }
                return
            }
            guard let shifted = TrinoTime.add(unit, args.int64(1), to: millis) else {
                return result.error(TrinoTime.outOfRange("date_add"))
            }
            if isDate, unit.fixedMillis.map({ $0 % TrinoTime.millisPerDay == 0 }) ?? true {
                result.text(TrinoTime.formatDate(days: TrinoTime.floorDiv(shifted, TrinoTime.millisPerDay)))
            } else {
                result.text(TrinoTime.format(shifted))
            }
        }
        try define(c, "tm_date_diff", argumentCount: 3) { args, result in
            guard let unit = unit(args, 0, result), let (a, _) = time(args, 1, result),
                let (b, _) = time(args, 2, result)
            else { return }
            result.int64(TrinoTime.difference(unit, from: a, to: b))
        }
        try define(c, "tm_date_format", argumentCount: 2) { args, result in
            guard let (millis, _) = time(args, 0, result), let format = args.text(1) else { return }
            guard let text = TrinoTime.dateFormat(millis, format) else {
                return result.error("date_format: unsupported pattern '\(format)'")
            }
            result.text(text)
        }
        // tm_format_datetime(time, pattern[, zone]): with a zone, `time` is an instant shown at
        // that zone's local time and offset.
        try define(c, "tm_format_datetime", argumentCount: -1) { args, result in
            guard var (millis, _) = time(args, 0, result), let format = args.text(1) else { return }
            var zone: (id: String, offsetMillis: Int64)?
            if args.count > 2, let name = args.text(2) {
                guard let rule = ZoneRule(name) else { return result.error("unknown time zone \(name)") }
                let offset = rule.offset(at: millis)
                zone = (rule.name, offset)
                millis += offset
            }
            guard let text = TrinoTime.formatDateTime(millis, format, zone: zone) else {
                return result.error("format_datetime: unsupported pattern '\(format)'")
            }
            result.text(text)
        }
        try define(c, "tm_extract", argumentCount: 2) { args, result in
            guard let field = args.text(0), let (millis, _) = time(args, 1, result) else { return }
            guard let value = TrinoTime.field(field, millis) else {
                return result.error("unknown date field '\(field)'")
            }
            result.int64(value)
        }
        try define(c, "tm_to_iso8601", argumentCount: 1) { args, result in
            guard let (millis, isDate) = time(args, 0, result) else { return }
            result.text(
                isDate
                    ? TrinoTime.formatDate(days: TrinoTime.floorDiv(millis, TrinoTime.millisPerDay))
                    : TrinoTime.iso8601(millis))
        }
        try define(c, "tm_to_iso8601_local", argumentCount: 1) { args, result in
            guard let (millis, isDate) = time(args, 0, result) else { return }
            result.text(
                isDate
                    ? TrinoTime.formatDate(days: TrinoTime.floorDiv(millis, TrinoTime.millisPerDay))
                    : String(TrinoTime.iso8601(millis).dropLast()))
        }
        try define(c, "tm_to_unixtime", argumentCount: 1) { args, result in
            guard let (millis, _) = time(args, 0, result) else { return }
            result.double(Double(millis) / 1000)
        }
        // An interval computed per row (`ts - ts`), printed as Trino prints it.
        try define(c, "tm_interval_text", argumentCount: 2) { args, result in
            guard !args.isNull(0) else { return result.null() }
            result.text(TrinoTime.formatInterval(args.int64(0), months: args.int64(1) != 0))
        }
        // A RANGE frame's numeric key (TimeRangeFrames): the instant in epoch milliseconds.
        try define(c, "tm_epoch_millis", argumentCount: 1) { args, result in
            guard let (millis, _) = time(args, 0, result) else { return }
            result.int64(millis)
        }
        try define(c, "tm_from_unixtime", argumentCount: 1) { args, result in
            guard !args.isNull(0) else { return result.null() }
            let millis = (args.double(0) * 1000).rounded(.down)
            // Checked as a double: converting one outside Int64 would trap.
            guard millis >= Double(TrinoTime.representable.lowerBound),
                millis <= Double(TrinoTime.representable.upperBound)
            else { return result.error(TrinoTime.outOfRange("from_unixtime")) }
            result.text(TrinoTime.format(Int64(millis)))
        }
    }

    private static func unit(_ args: FunctionArguments, _ index: Int, _ result: FunctionResult) -> TrinoTime.Unit? {
        guard let text = args.text(index) else {
            result.null()
            return nil
        }
        guard let unit = TrinoTime.Unit(trino: text) else {
            result.error("'\(text)' is not a valid time unit")
            return nil
        }
        return unit
    }

    /// A timestamp or date argument: milliseconds and whether it was a date. NULL answers NULL.
    static func time(_ args: FunctionArguments, _ index: Int, _ result: FunctionResult) -> (Int64, Bool)? {
        guard let bytes = args.bytes(index) else {
            result.null()
            return nil
        }
        guard let millis = TrinoTime.parseTimestamp(bytes) else {
            result.error("'\(args.text(index) ?? "")' is not a timestamp")
            return nil
        }
        return (millis, bytes.count == 10)
    }
}

/// Trino functions: which translate to what. Everything not named here fails with its name.
extension TranslationContext {
    /// Trino functions TrailMeter knows but does not translate (they fail as unsupported rather
    /// than unknown).
    static let knownUnsupported: Set<String> = [
        "invoker_principal", "spooky_hash_v2_32", "spooky_hash_v2_64", "to_base32",
        "from_base32", "json_value", "json_query", "json_exists", "map_from_entries", "map_entries",
        "row", "normalize", "checksum",
        "numeric_histogram", "set_agg", "set_union", "word_stem", "to_char", "to_date", "to_timestamp",
        "array_agg_distinct",
    ]

    /// Window functions that are not aggregates: they mean nothing without OVER.
    static let windowOnlyFunctions: Set<String> = [
        "rank", "row_number", "dense_rank", "lag", "lead", "ntile", "first_value", "last_value", "nth_value",
        "percent_rank", "cume_dist",
    ]

    static let aggregateNames: Set<String> = [
        "count", "approx_distinct", "sum", "avg", "min", "max", "array_agg", "arbitrary", "any_value",
        "max_by", "min_by", "count_if", "bool_and", "bool_or", "every", "stddev", "stddev_samp", "stddev_pop",
        "variance", "var_samp", "var_pop", "approx_percentile", "listagg", "covar_samp", "covar_pop", "corr",
        "regr_slope", "regr_intercept", "skewness", "kurtosis", "geometric_mean", "bitwise_and_agg", "bitwise_or_agg",
        "histogram", "map_agg", "multimap_agg", "approx_most_frequent", "map_union",
    ]

    private static let timeFieldFunctions: Set<String> = [
        "year", "quarter", "month", "week", "week_of_year", "year_of_week", "yow", "day", "day_of_month",
        "day_of_week", "dow", "day_of_year", "doy", "hour", "minute", "second", "millisecond",
    ]

    func translateCall(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let name = call.name.folded
        let at = call.name.start
        if let window = call.window { return try translateWindowCall(call, window: window, scope: scope, ctes: ctes) }
        if ReadOnlyGuard.deniedFunctions.contains(name) {
            throw .refused(statement: "function \(call.name.text)", at: location(at))
        }
        let isAggregate = Self.aggregateNames.contains(name)
        if Self.windowOnlyFunctions.contains(name) {
            throw .invalid(message: "\(call.name.text) requires an OVER clause", at: location(at))
        }
        if !isAggregate, call.filter != nil {
            throw .invalid(message: "FILTER is only valid for aggregate functions", at: location(at))
        }
        if !isAggregate, call.distinct || call.star {
            throw .invalid(message: "\(call.name.text) is not an aggregate function", at: location(at))
        }
        if !call.orderBy.isEmpty, name != "array_agg", name != "listagg" {
            throw .unsupported(construct: "ORDER BY inside \(call.name.text)", at: location(at))
        }
        if name == "grouping" { return try groupingCall(call, scope: scope, ctes: ctes) }
        if let result = try translateLambdaCall(call, scope: scope, ctes: ctes) { return result }
        if name == "timezone" { return try zoneName(call, scope: scope, ctes: ctes) }
        if name == "try" { return try tryCall(call, scope: scope, ctes: ctes) }
        if name == "at_timezone" || name == "with_timezone" {
            return try zoneConversion(call, scope: scope, ctes: ctes)
        }
        if isAggregate {
            aggregateArgumentDepth += 1
            defer { aggregateArgumentDepth -= 1 }
            var args: [TExpr] = []
            for argument in call.arguments { args.append(try translateExpression(argument, scope: scope, ctes: ctes)) }
            return try aggregate(call, name: name, args: args, scope: scope, ctes: ctes)
        }
        var args: [TExpr] = []
        for argument in call.arguments { args.append(try translateExpression(argument, scope: scope, ctes: ctes)) }
        if Self.timeFieldFunctions.contains(name) {
            try arity(call, args, 1)
            return try timeField(name, args[0], at: at, function: call.name.text)
        }
        switch name {
        // Time
        case "current_timezone":
            // Athena's and Lake's sessions run in UTC, as `now()` here does.
            try arity(call, args, 0)
            return TExpr(constant: .string("UTC"), at: at)
        case "now", "current_timestamp":
            try arity(call, args, 0)
            return TExpr(constant: .timestamp(now), at: at).inUTC()
        case "localtimestamp":
            try arity(call, args, 0)
            return TExpr(constant: .timestamp(now), at: at)
        case "current_date":
            try arity(call, args, 0)
            return TExpr(constant: .date(TrinoTime.floorDiv(now, TrinoTime.millisPerDay)), at: at)
        case "from_iso8601_timestamp", "from_iso8601_timestamp_nanos":
            try arity(call, args, 1)
            try requireText(args[0], call)
            if let text = args[0].constantString {
                if let (instant, zone) = WrittenZone.parse(text) {
                    var result = TExpr(constant: .timestamp(instant), at: at)
                    result.zone = zone
                    if name == "from_iso8601_timestamp" { result.zone?.fraction = nil }
                    return result
                }
                guard let millis = TrinoTime.parseTimestamp(text) else {
                    throw .invalid(message: "'\(text)' is not an ISO 8601 timestamp", at: location(args[0].at))
                }
                return TExpr(constant: .timestamp(millis), at: at).inUTC()
            }
            // Each value keeps the zone it was written with in Trino; CloudTrail writes UTC (`Z`).
            return call1("tm_from_iso8601_timestamp", args, .timestamp, at: at).inUTC()
        case "from_iso8601_date":
            try arity(call, args, 1)
            try requireText(args[0], call)
            if let text = args[0].constantString, let days = TrinoTime.parseISODate(text) {
                return TExpr(constant: .date(days), at: at)
            }
            return call1("tm_from_iso8601_date", args, .date, at: at)
        case "date":
            try arity(call, args, 1)
            return try cast(args[0], to: .simple("date"), isTry: false, at: at)
        case "date_trunc":
            try arity(call, args, 2)
            let unit = try unitArgument(args[0], call)
            try requireTime(args[1], call)
            let type: SQLType = args[1].type == .date ? .date : .timestamp
            if let millis = args[1].constantTime {
                if let zone = args[1].zone {
                    var result = TExpr(
                        constant: .timestamp(TrinoTime.truncate(unit, millis + zone.offsetMillis) - zone.offsetMillis),
                        at: at)
                    result.zone = WrittenZone(name: zone.name, offsetMillis: zone.offsetMillis)
                    return result
                }
                let truncated = TrinoTime.truncate(unit, millis)
                return type == .date
                    ? TExpr(constant: .date(TrinoTime.floorDiv(truncated, TrinoTime.millisPerDay)), at: at)
                    : TExpr(constant: .timestamp(truncated), at: at)
            }
            return callN("tm_date_trunc", args, type, at: at)
        case "date_add":
            try arity(call, args, 3)
            let unit = try unitArgument(args[0], call)
            try requireInteger(args[1], call)
            try requireTime(args[2], call)
            let type: SQLType = args[2].type == .date ? .date : (args[2].type == .unknown ? .unknown : .timestamp)
            if case .number(let digits) = args[1].constant, let amount = Int64(digits),
                let millis = args[2].constantTime
            {
                let offset = args[2].zone?.offsetMillis ?? 0
                guard let local = TrinoTime.add(unit, amount, to: millis + offset) else {
                    throw .invalid(message: TrinoTime.outOfRange("date_add"), at: location(at))
                }
                let shifted = local - offset
                if type == .date {
                    return TExpr(constant: .date(TrinoTime.floorDiv(shifted, TrinoTime.millisPerDay)), at: at)
                }
                var result = TExpr(constant: .timestamp(shifted), at: at)
                result.zone = args[2].zone.map { WrittenZone(name: $0.name, offsetMillis: $0.offsetMillis) }
                return result
            }
            return callN("tm_date_add", args, type, at: at)
        case "date_diff":
            try arity(call, args, 3)
            let unit = try unitArgument(args[0], call)
            try requireTime(args[1], call)
            try requireTime(args[2], call)
            if let a = args[1].constantTime, let b = args[2].constantTime {
                return TExpr(constant: .number(String(TrinoTime.difference(unit, from: a, to: b))), at: at)
            }
            let (from, to) = onOneClock(args[1], args[2])
            return callN("tm_date_diff", [args[0], from, to], .bigint, at: at)
        case "date_format", "format_datetime":
            try arity(call, args, 2)
            try requireTime(args[0], call)
            try requireText(args[1], call)
            let function = name == "date_format" ? "tm_date_format" : "tm_format_datetime"
            if let instant = args[0].constantTime, let format = args[1].constantString {
                let millis = instant + (args[0].zone?.offsetMillis ?? 0)
                let zone = args[0].zone.map { (id: $0.name, offsetMillis: $0.offsetMillis) }
                let formatted =
                    name == "date_format"
                    ? TrinoTime.dateFormat(millis, format) : TrinoTime.formatDateTime(millis, format, zone: zone)
                guard let formatted else {
                    throw .unsupported(construct: "\(name) pattern '\(format)'", at: location(args[1].at))
                }
                return TExpr(constant: .string(formatted), at: at)
            }
            if name == "format_datetime", let zone = args[0].zone {
                // Its zone's offset at each instant, for `Z`, and the local time there.
                return callN(
                    "tm_format_datetime", [asInstant(args[0]), args[1], TExpr(constant: .string(zone.name), at: at)],
                    .varchar, at: at)
            }
            return callN(function, args, .varchar, at: at)
        case "parse_datetime":
            return try parseDateTime(call, args)
        case "to_iso8601":
            try arity(call, args, 1)
            try requireTime(args[0], call)
            if let zone = args[0].zone, zone.isLocalText {
                return callN(
                    "tm_to_iso8601_in_zone", [asInstant(args[0]), TExpr(constant: .string(zone.name), at: at)],
                    .varchar, at: at)
            }
            // A plain timestamp has no zone to write: `2022-01-22T05:00:00.000`, not `...Z`.
            return call1(
                args[0].type == .timestamp && args[0].zone == nil ? "tm_to_iso8601_local" : "tm_to_iso8601", args,
                .varchar, at: at)
        case "to_unixtime":
            try arity(call, args, 1)
            try requireTime(args[0], call)
            return call1("tm_to_unixtime", [asInstant(args[0])], .double, at: at)
        case "from_unixtime":
            if args.count == 2 {
                // `from_unixtime(t, zone)` is the instant shown in `zone`: `at_timezone(from_unixtime(t), zone)`.
                let instant = Call(
                    name: call.name, arguments: [call.arguments[0]], distinct: false, orderBy: [], star: false,
                    filter: nil, window: nil, ignoreNulls: false)
                let shown = Call(
                    name: Identifier(text: "at_timezone", quoted: false, start: at, end: at),
                    arguments: [.call(instant), call.arguments[1]], distinct: false, orderBy: [], star: false,
                    filter: nil, window: nil, ignoreNulls: false)
                return try zoneConversion(shown, scope: scope, ctes: ctes)
            }
            try arity(call, args, 1...2)
            return call1("tm_from_unixtime", args, .timestamp, at: at).inUTC()

        // JSON
        case "json_extract_scalar":
            try arity(call, args, 2)
            try requireJSONInput(args[0], call)
            try checkPath(args[1], call)
            return callN("tm_json_extract_scalar", args, .varchar, at: at)
        case "json_extract":
            try arity(call, args, 2)
            try requireJSONInput(args[0], call)
            try checkPath(args[1], call)
            return callN("tm_json_extract", args, .json, at: at)
        case "json_format":
            try arity(call, args, 1)
            return call1("tm_json_format", args, .varchar, at: at)
        case "json_parse":
            try arity(call, args, 1)
            try requireText(args[0], call)
            return call1("tm_json_parse", args, .json, at: at)
        case "json_array_get":
            try arity(call, args, 2)
            return callN("tm_json_array_get", args, .json, at: at)
        case "json_array_length":
            try arity(call, args, 1)
            return call1("tm_json_array_length", args, .bigint, at: at)
        case "json_array_contains":
            try arity(call, args, 2)
            return callN("tm_json_array_contains", args, .boolean, at: at)
        case "json_size":
            try arity(call, args, 2)
            try checkPath(args[1], call)
            return callN("tm_json_size", args, .bigint, at: at)

        // Maps and arrays
        case "element_at":
            try arity(call, args, 2)
            let type: SQLType
            switch args[0].type {
            case .map: type = .varchar
            case .array(let element): type = element
            case .unknown, .null: type = .unknown
            default:
                throw .invalid(
                    message:
                        "element_at takes a map or an array, not \(args[0].type.name)\(args[0].type == .varchar ? " (JSON text here: use json_extract_scalar)" : "")",
                    at: location(args[0].at))
            }
            if case .array = args[0].type { try requireInteger(args[1], call) }
            let elementType = args[0].mapTypes?.value ?? type
            return callN(elementType == .json ? "tm_element_at_json" : "tm_element_at", args, elementType, at: at)
        case "cardinality":
            try arity(call, args, 1)
            try requireContainer(args[0], call)
            return call1("tm_cardinality", args, .bigint, at: at)
        case "map_keys", "map_values":
            try arity(call, args, 1)
            guard [.map, .unknown, .null].contains(args[0].type) else {
                throw .invalid(message: "\(name) takes a map, not \(args[0].type.name)", at: location(args[0].at))
            }
            let types = args[0].mapTypes
            var element = (name == "map_keys" ? types?.key : types?.value) ?? .varchar
            if element == .unknown { element = .varchar }
            // Integer keys, and values that are JSON or numbers, keep their JSON form.
            let asJSON = name == "map_keys" ? element == .bigint : [.json, .bigint, .double].contains(element)
            if !asJSON { element = .varchar }
            return .node(
                Fragment("tm_\(name)(", at: at) + args[0].sql + (asJSON ? ", 1)" : ", 0)"), .array(element), at: at,
                kids: args)
        case "contains":
            try arity(call, args, 2)
            if args[1].type == .ipaddress, [.varchar, .unknown, .null].contains(args[0].type) {
                return callN("tm_cidr_contains", args, .boolean, at: at)
            }
            try requireContainer(args[0], call)
            return callN("tm_contains", args, .boolean, at: at)
        case "array_join":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            try requireContainer(args[0], call)
            return callN("tm_array_join", args, .varchar, at: at)
        case "split":
            try arity(call, args, 2)
            return callN("tm_split", args, .array(.varchar), at: at)

        // Text
        case "lower", "upper":
            try arity(call, args, 1)
            try requireText(args[0], call)
            return call1("tm_" + name, args, .varchar, at: at)
        case "length":
            try arity(call, args, 1)
            // SQLite's length counts a BLOB's bytes, as Trino's length(varbinary) does.
            if args[0].type != .varbinary { try requireText(args[0], call) }
            return call1("length", args, .bigint, at: at)
        case "substr", "substring":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            try requireText(args[0], call)
            return callN("tm_substr", args, .varchar, at: at)
        case "strpos", "index":
            try arity(call, args, 2)
            return callN("instr", args, .bigint, at: at)
        case "position":
            try arity(call, args, 2)
            return callN("instr", [args[1], args[0]], .bigint, at: at)
        case "starts_with", "ends_with":
            try arity(call, args, 2)
            return callN("tm_" + name, args, .boolean, at: at)
        case "replace":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            try requireText(args[0], call)
            let replacement = args.count == 3 ? args[2] : TExpr(constant: .string(""), at: at)
            return callN("replace", [args[0], args[1], replacement], .varchar, at: at)
        case "map":
            return try mapConstructor(call, args)
        case "map_concat":
            return try mapConcatenation(call, args)
        case "split_to_map":
            return try splitToMap(call, args)
        case "concat":
            guard !args.isEmpty else { throw arityError(call, "at least 1") }
            for arg in args {
                if case .array = arg.type { return try arrayConcatenation(args, at: at) }
            }
            if let binary = try binaryConcatenation(args, at: at) { return binary }
            return .node(
                Fragment("(", at: at) + Fragment.join(args.map(\.sql), " || ") + ")", .varchar, at: at, kids: args)
        case "trim", "ltrim", "rtrim":
            if args.count == 2 {
                try requireText(args[1], call)
                return callN(name, args, .varchar, at: at)
            }
            try arity(call, args, 1)
            try requireText(args[0], call)
            return .node(
                Fragment(name + "(", at: at) + args[0].sql + ", ' ' || char(9, 10, 11, 12, 13))", .varchar, at: at,
                kids: args)
        case "split_part":
            try arity(call, args, 3)
            return callN("tm_split_part", args, .varchar, at: at)
        case "regexp_like":
            try arity(call, args, 2)
            return callN("tm_regexp_like", args, .boolean, at: at)
        case "regexp_extract":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            return callN("tm_regexp_extract", args, .varchar, at: at)
        case "regexp_extract_all":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            return callN("tm_regexp_extract_all", args, .array(.varchar), at: at)
        case "regexp_replace":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            return callN("tm_regexp_replace", args, .varchar, at: at)

        // Conditionals and numbers
        case "coalesce":
            guard !args.isEmpty else { throw arityError(call, "at least 1") }
            if args.count == 1 { return args[0] }
            return callN("coalesce", args, args.first { $0.type != .null }?.type ?? .null, at: at)
        case "nullif":
            try arity(call, args, 2)
            return callN("nullif", args, args[0].type, at: at)
        case "if":
            guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
            guard [.boolean, .unknown, .null].contains(args[0].type) else {
                throw .invalid(
                    message: "if takes a boolean condition, not \(args[0].type.name)", at: location(args[0].at))
            }
            var sql = Fragment("CASE WHEN ", at: at) + args[0].sql + " THEN " + args[1].sql
            if args.count == 3 {
                sql.append(" ELSE ")
                sql.append(args[2].sql)
            }
            sql.append(" END")
            return .node(
                sql, args[1].type != .null ? args[1].type : (args.count == 3 ? args[2].type : .null), at: at, kids: args
            )
        case "greatest", "least":
            guard args.count >= 2 else { throw arityError(call, "at least 2") }
            return callN(name == "greatest" ? "max" : "min", args, args[0].type, at: at)
        default:
            if let result = try translateMathCall(call, args) { return result }
            if let result = try translateRandomCall(call, args) { return result }
            if let result = try translateScalarCall(call, args) { return result }
            if let result = try translateArrayCall(call, args) { return result }
            if let result = try translateStringCall(call, args) { return result }
            if let result = try translateBinaryCall(call, args) { return result }
            if name == "row" {
                throw .unsupported(
                    construct: "a row value outside a comparison (rows compared with =, <> or IN run)", at: location(at)
                )
            }
            if Self.knownUnsupported.contains(name) {
                throw .unsupported(construct: "function \(call.name.text)", at: location(at))
            }
            throw .unknownFunction(name: call.name.text, at: location(at))
        }
    }
}

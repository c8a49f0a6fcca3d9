// CAST and TRY_CAST to Trino's types, with Trino's rules for what converts and what fails.
extension TranslationContext {
    func cast(_ value: TExpr, to target: TypeName, isTry: Bool, at: Int) throws(QueryError) -> TExpr {
        let strict = isTry ? "0" : "1"
        func wrap(_ function: String, _ type: SQLType) -> TExpr {
            .node(Fragment("\(function)(", at: at) + value.sql + ", \(strict))", type, at: at, kids: [value])
        }
        if let converted = try castFromJSON(value, to: target, isTry: isTry, at: at) { return converted }
        guard case .simple(let name) = target else {
            throw .unsupported(construct: "CAST to \(target.description)", at: location(at))
        }
        switch name {
        case "varchar", "char", "string":
            if let zone = value.zone, let instant = value.constantTime {
                return TExpr(constant: .string(zone.present(instant)), at: at)
            }
            if value.type == .timestamp, value.zone != nil {
                return .node(zonedText(value), .varchar, at: at, kids: [value])
            }
            switch value.type {
            case .varchar, .null, .timestamp, .date:
                var result = value.withoutZone()
                result.type = value.type == .null ? .null : .varchar
                if case .timestamp = value.type { result.constant = nil }
                if case .date = value.type { result.constant = nil }
                return result
            case .double:
                // Java's form, as Trino writes a DOUBLE: CAST(1e10 AS varchar) is '1.0E10'.
                return .node(Fragment("tm_double_text(", at: at) + value.sql + ")", .varchar, at: at, kids: [value])
            case .bigint, .unknown:
                return .node(Fragment("CAST(", at: at) + value.sql + " AS TEXT)", .varchar, at: at, kids: [value])
            case .decimal(let scale):
                return .node(
                    Fragment("tm_decimal_text(", at: at) + value.sql + ", \(scale))", .varchar, at: at, kids: [value])
            case .boolean:
                return .node(Fragment("tm_bool_text(", at: at) + value.sql + ")", .varchar, at: at, kids: [value])
            case .json:
                return wrap("tm_json_to_varchar", .varchar)
            case .ipaddress:
                return .node(Fragment("tm_ipaddress_text(", at: at) + value.sql + ")", .varchar, at: at, kids: [value])
            case .interval(let months):
                return .node(
                    Fragment("tm_interval_text(", at: at) + value.sql + (months ? ", 1)" : ", 0)"), .varchar, at: at,
                    kids: [value])
            default:
                throw .invalid(message: "cannot cast \(value.type.name) to varchar", at: location(at))
            }
        case "bigint", "integer", "int", "smallint", "tinyint":
            if case .number(let digits) = value.constant, Int64(digits) != nil { return value }
            return wrap("tm_cast_bigint", .bigint)
        case "double", "real", "float":
            return wrap("tm_cast_double", .double)
        case _ where name == "decimal" || name.hasPrefix("decimal("):
            // DECIMAL(p, s) rounds half up to s digits; a bare DECIMAL is DECIMAL(38, 0).
            let scale = name.split(separator: ",").dropFirst().last.flatMap { Int($0.filter(\.isNumber)) } ?? 0
            let number = value.type.isNumeric ? value : wrap("tm_cast_double", .double)
            return decimalRound(number, digits: Fragment("\(scale)"), scale: scale, at: at)
        case "boolean":
            if value.type == .boolean { return value }
            if value.type.isNumeric {
                return .node("(" + value.sql + Fragment(" <> 0)", at: at), .boolean, at: at, kids: [value])
            }
            return wrap("tm_cast_boolean", .boolean)
        case "date":
            if value.type == .date { return value }
            if let zone = value.zone, let instant = value.constantTime {
                return TExpr(
                    constant: .date(TrinoTime.floorDiv(instant + zone.offsetMillis, TrinoTime.millisPerDay)), at: at)
            }
            if let millis = value.constantTime {
                return TExpr(constant: .date(TrinoTime.floorDiv(millis, TrinoTime.millisPerDay)), at: at)
            }
            if let text = value.constantString {
                guard let millis = TrinoTime.parseTimestamp(text) else {
                    if isTry { return TExpr(constant: .null, at: at) }
                    throw .invalid(message: "cannot cast '\(text)' to date", at: location(value.at))
                }
                return TExpr(constant: .date(TrinoTime.floorDiv(millis, TrinoTime.millisPerDay)), at: at)
            }
            if value.type == .timestamp {
                return .node(Fragment("substr(", at: at) + value.sql + ", 1, 10)", .date, at: at, kids: [value])
            }
            return wrap("tm_cast_date", .date)
        case "timestamp":
            if let zone = value.zone, let instant = value.constantTime {
                // Trino keeps the local time and drops the zone.
                return TExpr(constant: .timestamp(instant + zone.offsetMillis), at: at)
            }
            if value.type == .timestamp {
                // Trino keeps the local time and drops the zone.
                guard let zone = value.zone, zone.offsetMillis != 0 else { return value.withoutZone() }
                return .node(
                    Fragment("tm_date_add('millisecond', \(zone.offsetMillis), ", at: at) + value.sql + ")", .timestamp,
                    at: at, kids: [value.withoutZone()])
            }
            if let millis = value.constantTime { return TExpr(constant: .timestamp(millis), at: at) }
            if let text = value.constantString {
                guard let millis = TrinoTime.parseTimestamp(text) else {
                    if isTry { return TExpr(constant: .null, at: at) }
                    throw .invalid(message: "cannot cast '\(text)' to timestamp", at: location(value.at))
                }
                return TExpr(constant: .timestamp(millis), at: at)
            }
            if value.type == .date {
                return .node(
                    "(" + value.sql + Fragment(" || ' 00:00:00.000')", at: at), .timestamp, at: at, kids: [value])
            }
            return wrap("tm_cast_timestamp", .timestamp)
        case "json":
            switch value.type {
            case .null:
                var result = value
                result.type = .json
                return result
            case .json, .map, .structure, .array:
                var result = value
                result.type = .json
                return result
            case .varchar:
                return .node(Fragment("tm_json_quote(", at: at) + value.sql + ")", .json, at: at, kids: [value])
            case .boolean:
                return .node(Fragment("tm_bool_text(", at: at) + value.sql + ")", .json, at: at, kids: [value])
            case .bigint, .double:
                return .node(Fragment("CAST(", at: at) + value.sql + " AS TEXT)", .json, at: at, kids: [value])
            case .decimal(let scale):
                return .node(
                    Fragment("tm_decimal_text(", at: at) + value.sql + ", \(scale))", .json, at: at, kids: [value])
            default: throw .unsupported(construct: "CAST of \(value.type.name) to json", at: location(at))
            }
        case "ipaddress":
            if let text = value.constantString, let hex = IPAddress.sortable(text) {
                return TExpr(constant: .ipaddress(hex), at: at)
            }
            return wrap("tm_ipaddress", .ipaddress)
        case "varbinary":
            if value.type == .varbinary { return value }
            guard [.varchar, .unknown, .null].contains(value.type) else {
                throw .invalid(message: "cannot cast \(value.type.name) to varbinary", at: location(at))
            }
            return .node(Fragment("CAST(", at: at) + value.sql + " AS BLOB)", .varbinary, at: at, kids: [value])
        default:
            throw .unsupported(construct: "CAST to \(name)", at: location(at))
        }
    }
}

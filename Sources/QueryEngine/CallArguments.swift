// What a function's arguments must be (arity, types, JSON paths, time units), checked before
// it is translated, so a wrong call fails with Trino's kind of message at the argument.
extension TranslationContext {
    func timeField(_ field: String, _ value: TExpr, at: Int, function: String) throws(QueryError) -> TExpr {
        guard TrinoTime.field(field, 0) != nil else {
            throw .unsupported(construct: "date field \(field)", at: location(at))
        }
        guard [.timestamp, .date, .unknown, .null].contains(value.type) else {
            throw .invalid(
                message: "\(function) takes a timestamp or date, not \(value.type.name)", at: location(value.at))
        }
        // A zoned constant's fields are those of its local time.
        if let instant = value.constantTime,
            let result = TrinoTime.field(field, instant + (value.zone?.offsetMillis ?? 0))
        {
            return TExpr(constant: .number(String(result)), at: at)
        }
        return .node(Fragment("tm_extract(", at: at) + "'\(field)', " + value.sql + ")", .bigint, at: at, kids: [value])
    }

    func call1(_ function: String, _ args: [TExpr], _ type: SQLType, at: Int) -> TExpr {
        callN(function, args, type, at: at)
    }

    /// `function(prefix..., args...)`, of `type`.
    func callN(_ function: String, _ args: [TExpr], _ type: SQLType, at: Int, prefix: [String] = []) -> TExpr {
        let parts = prefix.map { Fragment($0) } + args.map(\.sql)
        return .node(Fragment(function + "(", at: at) + Fragment.join(parts, ", ") + ")", type, at: at, kids: args)
    }

    /// Fails unless `call` has a number of arguments in `allowed`.
    func arity(_ call: Call, _ args: [TExpr], _ allowed: ClosedRange<Int>) throws(QueryError) {
        guard allowed.contains(args.count) else {
            let expected =
                allowed.count == 1 ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
            throw .invalid(
                message: "\(call.name.text) takes \(expected) arguments, not \(args.count)",
                at: location(call.name.start))
        }
    }

    func arityError(_ call: Call, _ expected: String) -> QueryError {
        .invalid(
            message: "\(call.name.text) takes \(expected) arguments, not \(call.arguments.count)",
            at: location(call.name.start))
    }

    func arity(_ call: Call, _ args: [TExpr], _ count: Int) throws(QueryError) {
        guard args.count == count else { throw arityError(call, String(count)) }
    }

    func unitArgument(_ value: TExpr, _ call: Call) throws(QueryError) -> TrinoTime.Unit {
        guard let text = value.constantString, let unit = TrinoTime.Unit(trino: text) else {
            throw .invalid(
                message: "\(call.name.text) takes a unit such as 'day' as its first argument", at: location(value.at))
        }
        return unit
    }

    func requireTime(_ value: TExpr, _ call: Call) throws(QueryError) {
        guard [.timestamp, .date, .unknown, .null].contains(value.type) else {
            let hint =
                value.type == .varchar && dialect == .athena
                ? " (eventtime is a string in Athena: use from_iso8601_timestamp(eventtime))" : ""
            throw .invalid(
                message: "\(call.name.text) takes a timestamp, not \(value.type.name)\(hint)", at: location(value.at))
        }
    }

    func requireText(_ value: TExpr, _ call: Call) throws(QueryError) {
        guard [.varchar, .json, .unknown, .null].contains(value.type) else {
            throw .invalid(message: "\(call.name.text) takes varchar, not \(value.type.name)", at: location(value.at))
        }
    }

    func requireJSONInput(_ value: TExpr, _ call: Call) throws(QueryError) {
        switch value.type {
        case .varchar, .json, .unknown, .null, .map, .structure, .array: return
        default:
            throw .invalid(
                message: "\(call.name.text) takes json or varchar, not \(value.type.name)", at: location(value.at))
        }
    }

    func requireInteger(_ value: TExpr, _ call: Call) throws(QueryError) {
        guard [.bigint, .unknown, .null].contains(value.type) else {
            throw .invalid(
                message: "\(call.name.text) takes an integer here, not \(value.type.name)", at: location(value.at))
        }
    }

    func requireContainer(_ value: TExpr, _ call: Call) throws(QueryError) {
        switch value.type {
        case .array, .map, .unknown, .null: return
        default:
            throw .invalid(
                message: "\(call.name.text) takes an array or map, not \(value.type.name)", at: location(value.at))
        }
    }

    func checkPath(_ value: TExpr, _ call: Call) throws(QueryError) {
        if let path = value.constantString, JSONPath.parse(path) == nil {
            throw .unsupported(
                construct: "JSON path '\(path)' (supported: $, .key, [\"key\"], [index])", at: location(value.at))
        }
    }
}

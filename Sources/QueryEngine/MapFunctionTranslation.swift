/// The functions that build maps: the aggregates `histogram`, `map_agg` and `multimap_agg`, and
/// the scalars `map_concat` and `split_to_map`. Maps are JSON objects (see `mapConstructor`).
extension TranslationContext {
    /// A map-building aggregate, or nil when `name` is not one.
    func mapAggregate(_ call: Call, name: String, args: [TExpr], distinct: String) throws(QueryError) -> TExpr? {
        let at = call.name.start
        switch name {
        case "histogram":
            try arity(call, args, 1)
            var result = TExpr.node(
                Fragment("tm_histogram(" + distinct, at: at) + (try mapKey(args[0])) + ")", .map, at: at, kids: args)
            result.mapTypes = (args[0].type, .bigint)
            return result
        case "map_agg", "multimap_agg":
            try arity(call, args, 2)
            let value = args[1]
            if value.type == .varbinary || (value.type == .timestamp && value.zone != nil) {
                throw .unsupported(construct: "\(name) of \(value.type.name) values", at: location(value.at))
            }
            var result = TExpr.node(
                Fragment("tm_\(name)(", at: at) + (try mapKey(args[0])) + ", " + arrayElement(value) + ")", .map,
                at: at, kids: args)
            result.mapTypes = (args[0].type, name == "map_agg" ? value.type : .array(value.type))
            return result
        case "map_union":
            try arity(call, args, 1)
            guard [.map, .unknown, .null].contains(args[0].type) else {
                throw .invalid(message: "map_union takes maps, not \(args[0].type.name)", at: location(args[0].at))
            }
            let integerKeys = args[0].mapTypes?.key == .bigint ? 1 : 0
            var result = TExpr.node(
                Fragment("tm_map_union(", at: at) + args[0].sql + ", \(integerKeys))", .map, at: at, kids: args)
            result.mapTypes = args[0].mapTypes
            return result
        case "approx_most_frequent":
            try arity(call, args, 3)
            for (index, what) in [(0, "buckets"), (2, "capacity")] {
                guard case .number(let digits) = args[index].constant, let count = Int64(digits), count > 0 else {
                    throw .invalid(
                        message: "approx_most_frequent's \(what) must be a positive integer constant",
                        at: location(args[index].at))
                }
            }
            var result = TExpr.node(
                Fragment("tm_approx_most_frequent(", at: at) + (try mapKey(args[1])) + ", " + args[0].sql + ")", .map,
                at: at, kids: args)
            result.mapTypes = (args[1].type, .bigint)
            return result
        default:
            return nil
        }
    }

    /// A key as the aggregate state keeps it: its SQLite value. (Other key types would need
    /// lookups that find them again, which `element_at` does not do for them.)
    private func mapKey(_ key: TExpr) throws(QueryError) -> Fragment {
        switch key.type {
        case .varchar, .bigint, .date, .unknown, .null: return key.sql
        default: throw .unsupported(construct: "map keys of type \(key.type.name)", at: location(key.at))
        }
    }

    /// `map_concat(m1, m2, ...)`: NULL if any map is NULL; a key's value is its last map's.
    func mapConcatenation(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr {
        let at = call.name.start
        guard args.count >= 2 else {
            throw .invalid(message: "There must be two or more concatenation arguments to map_concat", at: location(at))
        }
        var types: (key: SQLType, value: SQLType)?
        for arg in args {
            switch arg.type {
            case .map: types = types ?? arg.mapTypes
            case .null, .unknown: break
            default: throw .invalid(message: "map_concat takes maps, not \(arg.type.name)", at: location(arg.at))
            }
        }
        var result = callN("tm_map_concat", args, .map, at: at)
        result.mapTypes = types ?? (.unknown, .unknown)
        return result
    }

    /// `split_to_map(text, entryDelimiter, keyValueDelimiter)`: a map(varchar, varchar).
    func splitToMap(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr {
        try arity(call, args, 3)
        for arg in args { try requireText(arg, call) }
        var result = callN("tm_split_to_map", args, .map, at: call.name.start)
        result.mapTypes = (.varchar, .varchar)
        return result
    }
}

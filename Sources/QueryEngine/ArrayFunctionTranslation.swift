/// Trino's array functions that compare, cut or join elements (`SQLFunctionsArraySets.swift`).
extension TranslationContext {
    /// The translation of a call to one of these functions, else nil.
    func translateArrayCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func tm(_ function: String, _ type: SQLType, suffix: [String] = []) -> TExpr {
            let parts = args.map(\.sql) + suffix.map { Fragment($0) }
            return .node(Fragment(function + "(", at: at) + Fragment.join(parts, ", ") + ")", type, at: at, kids: args)
        }
        func arrays(_ count: Int) throws(QueryError) {
            try arity(call, args, count)
            for value in args.prefix(name == "array_remove" || name == "array_position" || name == "slice" ? 1 : count)
            {
                switch value.type {
                case .array, .unknown, .null: continue
                default:
                    throw .invalid(
                        message: "\(call.name.text) takes an array, not \(value.type.name)", at: location(value.at))
                }
            }
        }
        switch name {
        case "array_distinct":
            try arrays(1)
            return tm("tm_array_distinct", args[0].type)
        case "array_union", "array_intersect", "array_except":
            try arrays(2)
            return tm("tm_" + name, args[0].type)
        case "arrays_overlap":
            try arrays(2)
            return tm("tm_arrays_overlap", .boolean)
        case "array_remove":
            try arrays(2)
            return tm("tm_array_remove", args[0].type)
        case "array_position":
            try arrays(2)
            return tm("tm_array_position", .bigint)
        case "array_max", "array_min":
            try arrays(1)
            let element: SQLType
            if case .array(let type) = args[0].type { element = type } else { element = .unknown }
            return tm("tm_array_extreme", element, suffix: [name == "array_max" ? "1" : "0"])
        case "array_sort":
            // With a comparator lambda it is translated with the other lambda functions.
            try arrays(1)
            return tm("tm_array_sort", args[0].type)
        case "slice":
            try arrays(3)
            try requireInteger(args[1], call)
            try requireInteger(args[2], call)
            return tm("tm_slice", args[0].type)
        case "flatten":
            try arrays(1)
            if case .array(.array(let element)) = args[0].type { return tm("tm_flatten", .array(element)) }
            return tm("tm_flatten", .array(.unknown))
        case "sequence":
            return try sequence(call, args)
        case "repeat":
            try arity(call, args, 2)
            try requireInteger(args[1], call)
            if args[0].type == .varbinary {
                throw .unsupported(construct: "array of varbinary", at: location(args[0].at))
            }
            return .node(
                Fragment("tm_repeat(json_array(", at: at) + arrayElement(args[0]) + "), " + args[1].sql + ")",
                .array(args[0].type), at: at, kids: args)
        case "contains_sequence":
            try arrays(2)
            return tm("tm_contains_sequence", .boolean)
        case "reverse":
            // One Trino function for both: the elements of an array, the code points of a string.
            try arity(call, args, 1)
            if args[0].type == .varchar { return tm("tm_reverse", .varchar) }
            try arrays(1)
            return tm("tm_array_reverse", args[0].type)
        default:
            return nil
        }
    }

    /// `sequence(start, stop[, step])` of integers, or of dates and timestamps by an interval.
    private func sequence(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr {
        let at = call.name.start
        guard args.count == 2 || args.count == 3 else { throw arityError(call, "2 or 3") }
        if args[0].type == .bigint || args[1].type == .bigint {
            for value in args { try requireInteger(value, call) }
            let step: Fragment =
                args.count == 3
                ? args[2].sql : "CASE WHEN " + args[0].sql + " <= " + args[1].sql + " THEN 1 ELSE -1 END"
            return .node(
                Fragment("tm_sequence(", at: at) + args[0].sql + ", " + args[1].sql + ", " + step + ")",
                .array(.bigint),
                at: at, kids: args)
        }
        try requireTime(args[0], call)
        try requireTime(args[1], call)
        let isDate = args[0].type == .date && args[1].type == .date
        var (amount, months): (Int64, Bool) = (TrinoTime.millisPerDay, false)
        if args.count == 3 {
            guard case .interval(let value, let isMonths) = args[2].constant else {
                throw .unsupported(
                    construct: "sequence with a step that is not a constant interval", at: location(args[2].at))
            }
            (amount, months) = (value, isMonths)
        } else if !isDate {
            throw .invalid(message: "sequence of timestamps takes a step (an interval)", at: location(at))
        }
        if isDate, !months, amount % TrinoTime.millisPerDay != 0 {
            throw .invalid(
                message: "sequence step must be a day interval if start and end values are dates", at: location(at))
        }
        return .node(
            Fragment("tm_sequence_time(", at: at) + args[0].sql + ", " + args[1].sql
                + Fragment(", \(amount), \(months ? 1 : 0), \(isDate ? 1 : 0))", at: at),
            .array(isDate ? .date : .timestamp), at: at, kids: Array(args.prefix(2)))
    }
}

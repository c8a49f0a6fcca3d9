/// Trino's math functions: rounding, logarithms and trigonometry, powers, the IEEE special values,
/// `format_number`. Where SQLite's own function would answer NULL for an infinity or a NaN, the
/// call goes to `tm_math` (`SQLFunctionsDouble.swift`).
extension TranslationContext {
    func translateMathCall(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr? {
        let name = call.name.folded
        let at = call.name.start
        func arity(_ allowed: ClosedRange<Int>) throws(QueryError) { try self.arity(call, args, allowed) }
        func tm(_ function: String, _ type: SQLType, prefix: [String] = []) -> TExpr {
            callN(function, args, type, at: at, prefix: prefix)
        }
        switch name {
        case "abs", "sign":
            try arity(1...1)
            return call1(name, args, args[0].type, at: at)
        case "round":
            guard args.count == 1 || args.count == 2 else { throw arityError(call, "1 or 2") }
            if case .decimal(let scale) = args[0].type {
                // Trino keeps a decimal's type: round(33.333, 2) is 33.330; round(33.3) is 33.
                guard args.count == 2 else { return decimalRound(args[0], digits: Fragment("0"), scale: 0, at: at) }
                return decimalRound(args[0], digits: args[1].sql, scale: scale, at: at)
            }
            return callN("round", args, args[0].type == .bigint ? .bigint : .double, at: at)
        case "floor", "ceil", "ceiling", "exp", "truncate":
            try arity(1...1)
            let function = name == "truncate" ? "trunc" : name
            if case .decimal = args[0].type, name != "exp" {
                return call1(function, args, .decimal(scale: 0), at: at)
            }
            return call1(
                function, args, name == "floor" || name == "ceil" || name == "ceiling" ? args[0].type : .double, at: at)
        case "mod":
            try arity(2...2)
            return callN("tm_mod", args, args[0].type, at: at)
        case "power", "pow":
            try arity(2...2)
            return tm("tm_math", .double, prefix: ["'power'"])
        case "pi":
            try arity(0...0)
            var constant = TExpr(constant: .number("3.141592653589793"), at: at)
            constant.type = .double
            return constant
        case "e":
            try arity(0...0)
            var constant = TExpr(constant: .number("2.718281828459045"), at: at)
            constant.type = .double
            return constant
        case "sqrt", "ln", "log10", "log2", "cos", "sin", "tan", "acos", "asin":
            try arity(1...1)
            return tm("tm_math", .double, prefix: ["'\(name)'"])
        case "log":
            try arity(2...2)
            return tm("tm_math", .double, prefix: ["'log'"])
        case "atan", "cosh", "sinh", "tanh", "radians", "degrees":
            try arity(1...1)
            return tm(name, .double)
        case "format_number":
            try arity(1...1)
            guard args[0].type.isNumeric || [.unknown, .null].contains(args[0].type) else {
                throw .invalid(
                    message: "format_number takes a number, not \(args[0].type.name)", at: location(args[0].at))
            }
            return tm("tm_format_number", .varchar)
        case "to_base", "from_base", "bit_count":
            try arity(2...2)
            if name == "from_base" { try requireText(args[0], call) } else { try requireInteger(args[0], call) }
            try requireInteger(args[1], call)
            return tm("tm_" + name, name == "to_base" ? .varchar : .bigint)
        case "width_bucket":
            try arity(4...4)
            for value in args.prefix(3) where !(value.type.isNumeric || [.unknown, .null].contains(value.type)) {
                throw .invalid(message: "width_bucket takes numbers, not \(value.type.name)", at: location(value.at))
            }
            try requireInteger(args[3], call)
            return tm("tm_width_bucket", .bigint)
        case "infinity":
            try arity(0...0)
            return TExpr(sql: Fragment("9e999", at: at), type: .double, at: at)
        case "nan":
            try arity(0...0)
            return tm("tm_nan", .double)
        case "is_nan", "is_finite", "is_infinite":
            try arity(1...1)
            guard args[0].type.isNumeric || [.unknown, .null].contains(args[0].type) else {
                throw .invalid(
                    message: "\(call.name.text) takes a number, not \(args[0].type.name)", at: location(args[0].at))
            }
            // No NaN is ever held (it fails where it arises), so is_nan is false for any number.
            let test: Fragment
            switch name {
            case "is_nan": test = "(" + args[0].sql + " <> " + args[0].sql + ")"
            case "is_finite": test = "(abs(" + args[0].sql + ") < 9e999)"
            default: test = "(abs(" + args[0].sql + ") = 9e999)"
            }
            return .node(Fragment("", at: at) + test, .boolean, at: at, kids: args)
        default:
            return nil
        }
    }
}

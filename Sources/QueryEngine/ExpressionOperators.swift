// Operators: arithmetic, comparison (a literal is coerced to the other side's type: a time, a
// boolean, an IP address), interval arithmetic on times, and LIKE turned into GLOB.
extension TranslationContext {
    func requireNumeric(_ value: TExpr, _ op: String) throws(QueryError) {
        switch value.type {
        case .bigint, .double, .decimal, .unknown, .null: return
        default: throw .invalid(message: "cannot apply operator \(op) to \(value.type.name)", at: location(value.at))
        }
    }

    func requireBooleanCondition(_ value: TExpr) throws(QueryError) {
        switch value.type {
        case .boolean, .unknown, .null: return
        default:
            throw .invalid(message: "WHEN condition must be boolean, not \(value.type.name)", at: location(value.at))
        }
    }

    func binary(_ op: String, _ l: TExpr, _ r: TExpr, at: Int) throws(QueryError) -> TExpr {
        switch op {
        case "AND", "OR":
            for side in [l, r] where ![.boolean, .unknown, .null].contains(side.type) {
                throw .invalid(message: "\(op) takes booleans, not \(side.type.name)", at: location(side.at))
            }
            return .node("(" + l.sql + Fragment(" \(op) ", at: at) + r.sql + ")", .boolean, at: at, kids: [l, r])
        case "=", "<>", "<", "<=", ">", ">=":
            if l.type == .map || r.type == .map {
                guard op == "=" || op == "<>" else {
                    throw .invalid(
                        message: "cannot apply operator \(op) to maps: they are not orderable", at: location(at))
                }
                // Maps are equal when they hold the same keys with equal values, in any order.
                let equal = TExpr.node(
                    Fragment("tm_map_equal(", at: at) + l.sql + ", " + r.sql + ")", .boolean, at: at, kids: [l, r])
                return op == "="
                    ? equal : .node(Fragment("(NOT ", at: at) + equal.sql + ")", .boolean, at: at, kids: [equal])
            }
            let (a, b) = try coerceForComparison(l, r, op: op, at: at)
            return .node("(" + a.sql + Fragment(" \(op) ", at: at) + b.sql + ")", .boolean, at: at, kids: [a, b])
        case "||":
            for side in [l, r] {
                if case .array = side.type { return try arrayConcatenation([l, r], at: at) }
            }
            if let binary = try binaryConcatenation([l, r], at: at) { return binary }
            return .node("(" + l.sql + Fragment(" || ", at: at) + r.sql + ")", .varchar, at: at, kids: [l, r])
        case "+", "-":
            if case .interval(let amount, let months) = l.constant,
                case .interval(let other, let otherMonths) = r.constant
            {
                guard months == otherMonths else {
                    throw .invalid(
                        message: "cannot apply operator \(op) to \(l.type.name) and \(r.type.name)", at: location(at))
                }
                let (sum, overflow) =
                    op == "+" ? amount.addingReportingOverflow(other) : amount.subtractingReportingOverflow(other)
                guard !overflow else {
                    throw .invalid(message: "interval arithmetic: result out of range", at: location(at))
                }
                return TExpr(constant: .interval(sum, months: months), at: l.at)
            }
            if case .interval = l.type, case .interval = r.type, let sum = try intervalArithmetic(op, l, r, at: at) {
                return sum
            }
            if case .interval(let months) = r.type, case .interval(let amount, _) = r.constant {
                guard op == "+" || amount != .min else {
                    throw .invalid(message: TrinoTime.outOfRange("interval arithmetic"), at: location(at))
                }
                return try shiftTime(l, by: op == "+" ? amount : -amount, months: months, at: at)
            }
            if op == "+", case .interval(let months) = l.type, case .interval(let amount, _) = l.constant {
                return try shiftTime(r, by: amount, months: months, at: at)
            }
            if let computed = try intervalArithmetic(op, l, r, at: at) { return computed }
            if op == "-", l.type == .timestamp, r.type == .timestamp { return timestampDifference(l, r, at: at) }
            if [SQLType.timestamp, .date].contains(l.type), [SQLType.timestamp, .date].contains(r.type) {
                throw .unsupported(construct: "subtracting dates (use date_diff)", at: location(at))
            }
            try requireNumeric(l, op)
            try requireNumeric(r, op)
            return arithmetic(op, l, r, at: at)
        case "*":
            if let scaled = try scaledInterval(l, r, at: at) { return scaled }
            try requireNumeric(l, op)
            try requireNumeric(r, op)
            return arithmetic(op, l, r, at: at)
        case "/", "%":
            try requireNumeric(l, op)
            try requireNumeric(r, op)
            if let exact = decimalArithmetic(op, l, r, at: at) { return exact }
            if case .number(let digits) = r.constant, let value = Double(digits), value != 0 {
                // SQLite already truncates integer division toward zero, as Trino does.
                return .node(
                    "(" + l.sql + Fragment(" \(op) ", at: at) + r.sql + ")", numericResult(l, r), at: at, kids: [l, r])
            }
            // SQLite answers NULL for a zero divisor; Trino fails.
            let function = op == "/" ? "tm_div(" : "tm_mod("
            return .node(
                Fragment(function, at: at) + l.sql + ", " + r.sql + ")", numericResult(l, r), at: at, kids: [l, r])
        default:
            throw .unsupported(construct: "operator \(op)", at: location(at))
        }
    }

    /// `±` with an interval computed per row (`ts - (n * interval '10' minute)`, `(b - a) + (d - c)`):
    /// a timestamp moved by it as `date_add` moves one, or two intervals of one kind added. Nil
    /// when neither side is such an interval.
    private func intervalArithmetic(_ op: String, _ l: TExpr, _ r: TExpr, at: Int) throws(QueryError) -> TExpr? {
        if case .interval(let months) = l.type, case .interval(let otherMonths) = r.type {
            guard months == otherMonths else {
                throw .invalid(
                    message: "cannot apply operator \(op) to \(l.type.name) and \(r.type.name)", at: location(at))
            }
            return .node(
                Fragment(op == "+" ? "tm_add(" : "tm_sub(", at: at) + l.sql + ", " + r.sql + ")", l.type, at: at,
                kids: [l, r])
        }
        let (base, interval, subtracts): (TExpr, TExpr, Bool)
        if case .interval = r.type {
            (base, interval, subtracts) = (l, r, op == "-")
        } else if op == "+", case .interval = l.type {
            (base, interval, subtracts) = (r, l, false)
        } else {
            return nil
        }
        guard case .interval(let months) = interval.type, base.type == .timestamp || base.type == .unknown else {
            throw .invalid(
                message: "cannot apply operator \(op) to \(l.type.name) and \(r.type.name)", at: location(at))
        }
        let amount =
            subtracts
            ? TExpr.node(Fragment("tm_neg(", at: at) + interval.sql + ")", .bigint, at: at, kids: [interval])
            : interval
        let unit = TExpr(constant: .string(months ? "month" : "millisecond"), at: at)
        return callN("tm_date_add", [unit, amount, base], base.type, at: at)
    }

    /// `n * interval` and `interval * n` for a whole number `n`: folded when both are constant.
    private func scaledInterval(_ l: TExpr, _ r: TExpr, at: Int) throws(QueryError) -> TExpr? {
        let (interval, factor): (TExpr, TExpr)
        if case .interval = l.type {
            (interval, factor) = (l, r)
        } else if case .interval = r.type {
            (interval, factor) = (r, l)
        } else {
            return nil
        }
        guard [SQLType.bigint, .null, .unknown].contains(factor.type) else {
            throw .unsupported(construct: "an interval times \(factor.type.name)", at: location(at))
        }
        if case .interval(let amount, let months) = interval.constant, case .number(let digits) = factor.constant,
            let times = Int64(digits)
        {
            let (product, overflow) = amount.multipliedReportingOverflow(by: times)
            guard !overflow else {
                throw .invalid(message: "interval arithmetic: result out of range", at: location(at))
            }
            return TExpr(constant: .interval(product, months: months), at: interval.at)
        }
        return .node(
            Fragment("tm_mul(", at: at) + interval.sql + ", " + factor.sql + ")", interval.type, at: at,
            kids: [interval, factor])
    }

    /// `timestamp - timestamp`: the interval day to second between their instants, held as
    /// milliseconds (folded when both are constant).
    private func timestampDifference(_ l: TExpr, _ r: TExpr, at: Int) -> TExpr {
        if let a = l.constantTime, let b = r.constantTime {
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return TExpr(constant: .interval(difference, months: false), at: l.at) }
        }
        let (a, b) = (asInstant(l), asInstant(r))
        return .node(
            Fragment("tm_sub(tm_epoch_millis(", at: at) + a.sql + "), tm_epoch_millis(" + b.sql + "))",
            .interval(months: false), at: at, kids: [l, r])
    }

    /// `+`, `-`, `*`: SQLite's own operator when a double is involved (no overflow to check),
    /// else the checked `tm_` function, since SQLite turns a bigint overflow into a double.
    private func arithmetic(_ op: String, _ l: TExpr, _ r: TExpr, at: Int) -> TExpr {
        if let exact = decimalArithmetic(op, l, r, at: at) { return exact }
        let type = numericResult(l, r)
        if type == .double {
            return .node("(" + l.sql + Fragment(" \(op) ", at: at) + r.sql + ")", type, at: at, kids: [l, r])
        }
        let function = op == "+" ? "tm_add(" : op == "-" ? "tm_sub(" : "tm_mul("
        return .node(Fragment(function, at: at) + l.sql + ", " + r.sql + ")", type, at: at, kids: [l, r])
    }

    private func numericResult(_ l: TExpr, _ r: TExpr) -> SQLType {
        if l.type == .double || r.type == .double { return .double }
        if case .decimal = l.type { return .double }
        if case .decimal = r.type { return .double }
        if l.type == .bigint && r.type == .bigint { return .bigint }
        if l.type == .bigint, r.type == .null { return .bigint }
        if r.type == .bigint, l.type == .null { return .bigint }
        return .unknown
    }

    /// `ts ± interval`: folded when both are constant, so `eventtime > now() - interval '1' day`
    /// stays a column-against-constant comparison a layout can prune by.
    private func shiftTime(_ base: TExpr, by amount: Int64, months: Bool, at: Int) throws(QueryError) -> TExpr {
        guard [SQLType.timestamp, .date, .unknown].contains(base.type) else {
            throw .invalid(message: "cannot add an interval to \(base.type.name)", at: location(at))
        }
        let resultType: SQLType =
            base.type == .date && (months || amount % TrinoTime.millisPerDay == 0)
            ? .date : (base.type == .unknown ? .unknown : .timestamp)
        if let millis = base.constantTime {
            let offset = base.zone?.offsetMillis ?? 0
            guard let local = TrinoTime.add(months ? .month : .millisecond, amount, to: millis + offset) else {
                throw .invalid(message: TrinoTime.outOfRange("interval arithmetic"), at: location(at))
            }
            let shifted = local - offset
            if resultType == .date {
                return TExpr(constant: .date(TrinoTime.floorDiv(shifted, TrinoTime.millisPerDay)), at: base.at)
            }
            var result = TExpr(constant: .timestamp(shifted), at: base.at)
            result.zone = base.zone.map { WrittenZone(name: $0.name, offsetMillis: $0.offsetMillis) }
            return result
        }
        let unit = months ? "month" : (resultType == .date ? "day" : "millisecond")
        let value = resultType == .date && !months ? amount / TrinoTime.millisPerDay : amount
        return .node(
            Fragment("tm_date_add(", at: at) + "'\(unit)', \(value), " + base.sql + ")", resultType, at: at,
            kids: [base])
    }

    /// Brings a constant to the other side's type the way Trino coerces it (`eventTime >=
    /// '2022-01-22 00:00:30'` compares a timestamp), and refuses comparisons Trino refuses.
    func coerceForComparison(_ l: TExpr, _ r: TExpr, op: String, at: Int) throws(QueryError) -> (TExpr, TExpr) {
        var a = l
        var b = r
        if let converted = try coerceConstant(b, toward: a) {
            b = converted
        } else if let converted = try coerceConstant(a, toward: b) {
            a = converted
        }
        if a.type == .date, b.type == .timestamp, a.constant == nil {
            a = .node("(" + a.sql + " || ' 00:00:00.000')", .timestamp, at: a.at, kids: [a])
        }
        if b.type == .date, a.type == .timestamp, b.constant == nil {
            b = .node("(" + b.sql + " || ' 00:00:00.000')", .timestamp, at: b.at, kids: [b])
        }
        (a, b) = onOneClock(a, b)
        if !comparable(a.type, b.type) {
            throw .invalid(
                message: "cannot apply operator \(op) to \(a.type.name) and \(b.type.name)", at: location(at))
        }
        return (a, b)
    }

    private func coerceConstant(_ value: TExpr, toward other: TExpr) throws(QueryError) -> TExpr? {
        guard let constant = value.constant else { return nil }
        switch (constant, other.type) {
        case (.string(let text), .timestamp):
            guard let millis = TrinoTime.parseTimestamp(text) else {
                throw .invalid(message: "cannot cast '\(text)' to timestamp", at: location(value.at))
            }
            return TExpr(constant: .timestamp(millis), at: value.at)
        case (.string(let text), .date):
            guard let millis = TrinoTime.parseTimestamp(text) else {
                throw .invalid(message: "cannot cast '\(text)' to date", at: location(value.at))
            }
            return TExpr(constant: .date(TrinoTime.floorDiv(millis, TrinoTime.millisPerDay)), at: value.at)
        case (.date(let days), .timestamp):
            return TExpr(constant: .timestamp(days * TrinoTime.millisPerDay), at: value.at)
        case (.string(let text), .boolean):
            switch text.lowercased() {
            case "true": return TExpr(constant: .boolean(true), at: value.at)
            case "false": return TExpr(constant: .boolean(false), at: value.at)
            default: throw .invalid(message: "cannot cast '\(text)' to boolean", at: location(value.at))
            }
        case (.boolean(let flag), .varchar) where other.constant == nil:
            // CloudTrail logs some flags as strings ("sessionCredentialFromConsole": "true");
            // published Lake samples compare them with TRUE.
            return TExpr(constant: .string(flag ? "true" : "false"), at: value.at)
        case (.string(let text), .ipaddress):
            guard let hex = IPAddress.sortable(text) else {
                throw .invalid(message: "cannot cast '\(text)' to ipaddress", at: location(value.at))
            }
            return TExpr(constant: .ipaddress(hex), at: value.at)
        default:
            return nil
        }
    }

    private func comparable(_ a: SQLType, _ b: SQLType) -> Bool {
        if a == b { return true }
        let loose: [SQLType] = [.unknown, .null]
        if loose.contains(a) || loose.contains(b) { return true }
        if a.isNumeric && b.isNumeric { return true }
        let texts: [SQLType] = [.varchar, .json]
        if texts.contains(a) && texts.contains(b) { return true }
        if case .array = a, case .array = b { return true }
        return false
    }

    func like(_ value: Expr, _ pattern: Expr, _ escape: Expr?, negated: Bool, at: Int, scope: Scope, ctes: CTEs)
        throws(QueryError) -> TExpr
    {
        let v = try translateExpression(value, scope: scope, ctes: ctes)
        guard [.varchar, .json, .unknown, .null].contains(v.type) else {
            throw .invalid(message: "LIKE takes varchar, not \(v.type.name)", at: location(value.start))
        }
        let p = try translateExpression(pattern, scope: scope, ctes: ctes)
        let e = try escape.map { expression throws(QueryError) in
            try translateExpression(expression, scope: scope, ctes: ctes)
        }
        if let text = p.constantString, e == nil || e?.constantString != nil {
            // Trino's LIKE is case-sensitive, SQLite's is not; GLOB is, so a constant pattern
            // becomes a GLOB pattern (native speed).
            let escapeCharacter = e?.constantString.flatMap { $0.count == 1 ? $0.first : nil }
            if let e, escapeCharacter == nil {
                throw .invalid(message: "ESCAPE takes a single character", at: location(e.at))
            }
            let glob = Fragment(SQLText.string(likeToGlob(text, escape: escapeCharacter)), at: p.at)
            return .node(
                "(" + v.sql + Fragment(negated ? " NOT GLOB " : " GLOB ", at: at) + glob + ")", .boolean, at: at,
                kids: [v])
        }
        var call = Fragment("tm_like(", at: at) + v.sql + ", " + p.sql
        if let e {
            call.append(", ")
            call.append(e.sql)
        }
        call.append(")")
        return .node(negated ? "(NOT " + call + ")" : call, .boolean, at: at, kids: [v, p])
    }

    func likeToGlob(_ pattern: String, escape: Character?) -> String {
        var out = ""
        var escaped = false
        for character in pattern {
            if escaped {
                escaped = false
                out += globLiteral(character)
                continue
            }
            if let escape, character == escape {
                escaped = true
                continue
            }
            switch character {
            case "%": out += "*"
            case "_": out += "?"
            default: out += globLiteral(character)
            }
        }
        return out
    }

    private func globLiteral(_ character: Character) -> String {
        switch character {
        case "*": return "[*]"
        case "?": return "[?]"
        case "[": return "[[]"
        default: return String(character)
        }
    }
}

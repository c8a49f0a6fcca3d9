import SQLite

/// `lag`, `lead`, `first_value`, `last_value` and `nth_value` with `IGNORE NULLS`, which SQLite's
/// own window functions lack: a window aggregate keeps the frame's non-NULL values in order and
/// answers the n-th from the frame's start or end. `lag(x, k)` is the k-th from the end of the
/// rows before the current one; `lead(x, k)` the k-th from the start of the rows after it.
extension TranslationContext {
    /// The function, the frame that replaces the window's own (lag and lead ignore frames), and
    /// lag's or lead's default, which stands where no such value exists.
    func ignoringNulls(_ call: Call, _ args: [TExpr]) throws(QueryError) -> (
        function: Fragment, frame: String?, fallback: Fragment?
    ) {
        let name = call.name.folded
        let at = call.name.start
        guard ["lag", "lead", "first_value", "last_value", "nth_value"].contains(name) else {
            throw .invalid(message: "IGNORE NULLS is not valid for \(call.name.text)", at: location(at))
        }
        let value = args[0]
        switch value.type {
        case .array, .map, .structure, .json:
            throw .unsupported(construct: "IGNORE NULLS over \(value.type.name)", at: location(value.at))
        default: break
        }
        func offset(_ index: Int, default fallback: Int64) throws(QueryError) -> Int64 {
            guard index < args.count else { return fallback }
            guard case .number(let digits) = args[index].constant, let n = Int64(digits), n >= 1 else {
                throw .unsupported(
                    construct: "\(call.name.text) IGNORE NULLS with an offset that is not a constant of at least 1",
                    at: location(args[index].at))
            }
            return n
        }
        switch name {
        case "first_value", "last_value":
            let end = name == "first_value" ? "first" : "last"
            return (Fragment("tm_nth_\(end)(", at: at) + value.sql + ", 1)", nil, nil)
        case "nth_value":
            let n = try offset(1, default: 1)
            return (Fragment("tm_nth_first(", at: at) + value.sql + ", \(n))", nil, nil)
        default:
            let n = try offset(1, default: 1)
            let lag = name == "lag"
            let function = Fragment("tm_nth_\(lag ? "last" : "first")(", at: at) + value.sql + ", \(n))"
            let frame =
                lag
                ? "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING"
                : "ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING"
            return (function, frame, args.count == 3 ? args[2].sql : nil)
        }
    }
}

/// The non-NULL values of a window frame, oldest first. SQLite adds rows at the frame's end and
/// takes them from its start, so a row leaving is the oldest one added.
final class NonNullFrame: WindowAggregateState {
    private let fromStart: Bool
    private var values: [SQLiteValue] = []
    private var head = 0
    private var n = 1

    init(fromStart: Bool) { self.fromStart = fromStart }

    func step(_ arguments: FunctionArguments) {
        n = Int(clamping: arguments.int64(1))
        guard !arguments.isNull(0) else { return }
        values.append(arguments.sqliteValue(0))
    }

    func inverse(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0), head < values.count else { return }
        head += 1
        if head > 1024, head * 2 > values.count {
            values.removeFirst(head)
            head = 0
        }
    }

    func value(_ result: FunctionResult) {
        let count = values.count - head
        guard n >= 1, n <= count else { return result.null() }
        result.value(values[fromStart ? head + n - 1 : values.count - n])
    }

    func final(_ result: FunctionResult) { value(result) }
}

import SQLite

/// `approx_percentile(x, p)` and `approx_percentile(x, ARRAY[p, ...])`. Trino estimates with a
/// quantile digest whose answer, while the digest holds every value, is the value at position
/// ⌊p·n⌋ of the n sorted values (the first whose running count passes p·n), the largest for
/// p = 1. TrailMeter keeps every value, so it gives that answer exactly, where Athena's may move
/// by the digest's 1% rank error on large inputs.
extension TranslationContext {
    func approxPercentile(_ call: Call, _ args: [TExpr]) throws(QueryError) -> TExpr {
        let at = call.name.start
        if args.count == 3 {
            throw .unsupported(construct: "approx_percentile with a weight", at: location(at))
        }
        try arity(call, args, 2)
        let value = args[0]
        guard value.type.isNumeric || [.unknown, .null].contains(value.type) else {
            throw .invalid(message: "approx_percentile takes a number, not \(value.type.name)", at: location(value.at))
        }
        let percentage = args[1]
        let isArray: Bool
        switch percentage.type {
        case .array(let element) where element.isNumeric || element == .unknown: isArray = true
        case let type where type.isNumeric || type == .unknown || type == .null: isArray = false
        default:
            throw .invalid(
                message: "approx_percentile takes a percentage or an array of them, not \(percentage.type.name)",
                at: location(percentage.at))
        }
        // Trino keeps a bigint a bigint; every other number is estimated as a double.
        let type: SQLType = value.type == .bigint ? .bigint : .double
        return .node(
            Fragment("tm_approx_percentile(", at: at) + value.sql + ", " + percentage.sql
                + ", \(type == .bigint ? 1 : 0))", isArray ? .array(type) : type, at: at, kids: args)
    }
}

/// The state of `tm_approx_percentile(x, p, asInteger)`: every non-NULL value, and the
/// percentage (a number, or a JSON array of them) of the first row.
final class ApproxPercentile: AggregateState {
    private var values: [SortKey] = []
    private var percentages: [Double]?
    private var isArray = false
    private var asInteger = false
    private var failure: String?

    func step(_ arguments: FunctionArguments) {
        if percentages == nil, failure == nil {
            asInteger = arguments.int64(2) == 1
            readPercentages(arguments)
        }
        guard !arguments.isNull(0) else { return }
        let value = arguments.sqliteValue(0)
        if !asInteger, case .integer(let number) = value {
            values.append(SortKey(value: .real(Double(number))))
        } else {
            values.append(SortKey(value: value))
        }
    }

    private func readPercentages(_ arguments: FunctionArguments) {
        var read: [Double]?
        switch arguments.type(1) {
        case .text:
            isArray = true
            var text = arguments.text(1) ?? ""
            read = text.withUTF8 { bytes in
                let scan = JSONScan(bytes: UnsafeRawBufferPointer(bytes))
                guard let root = scan.root(), let elements = scan.elements(in: root) else { return nil }
                var numbers: [Double] = []
                for element in elements {
                    guard let number = Double(String(decoding: scan.canonical(element), as: UTF8.self)) else {
                        return nil
                    }
                    numbers.append(number)
                }
                return numbers
            }
        case .integer, .real: read = [arguments.double(1)]
        default: read = nil
        }
        guard let read else {
            failure = "approx_percentile: the percentage must be a number or an array of numbers"
            return
        }
        guard read.allSatisfy({ (0...1).contains($0) }) else {
            failure = "Percentile must be between 0 and 1"
            return
        }
        percentages = read
    }

    func final(_ result: FunctionResult) {
        if let failure { return result.error(failure) }
        guard let percentages, !values.isEmpty else { return result.null() }
        values.sort()
        let picked = percentages.map { percentage in
            values[min(Int((percentage * Double(values.count)).rounded(.down)), values.count - 1)].value
        }
        guard isArray else { return result.value(picked[0]) }
        let texts = picked.map { value -> String in
            switch value {
            case .integer(let number): return String(number)
            case .real(let number): return "\(number)"
            default: return "null"
            }
        }
        result.text("[" + texts.joined(separator: ",") + "]")
    }
}

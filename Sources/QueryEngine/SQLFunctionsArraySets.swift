import SQLite

/// Trino's array functions that compare elements (`array_distinct`, `array_union`,
/// `array_position`, `array_max`, ...) or cut and join arrays (`slice`, `flatten`, `reverse`,
/// which also reverses a string), over JSON-array text. Elements compare by value: a string by
/// its text, a number by its value (`1` and `1.0` are one), as `JSONValues.sqlValue` reads them.
extension SQLFunctions {
    static func registerArraySets(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_array_distinct", argumentCount: 1) { args, result in
            withArrays(args, count: 1, result) { arrays in result.text(json(distinct(arrays[0]))) }
        }
        try define(c, "tm_array_union", argumentCount: 2) { args, result in
            withArrays(args, count: 2, result) { arrays in result.text(json(distinct(arrays[0] + arrays[1]))) }
        }
        try define(c, "tm_array_intersect", argumentCount: 2) { args, result in
            withArrays(args, count: 2, result) { arrays in
                let other = Set(arrays[1].map(\.key))
                result.text(json(distinct(arrays[0]).filter { other.contains($0.key) }))
            }
        }
        try define(c, "tm_array_except", argumentCount: 2) { args, result in
            withArrays(args, count: 2, result) { arrays in
                let other = Set(arrays[1].map(\.key))
                result.text(json(distinct(arrays[0]).filter { !other.contains($0.key) }))
            }
        }
        try define(c, "tm_arrays_overlap", argumentCount: 2) { args, result in
            withArrays(args, count: 2, result) { arrays in
                let other = Set(arrays[1].filter { $0.value != .null }.map(\.key))
                if arrays[0].contains(where: { $0.value != .null && other.contains($0.key) }) {
                    return result.bool(true)
                }
                // No common element: unknown when a NULL might have been one.
                if arrays.contains(where: { $0.contains { $0.value == .null } }) { return result.null() }
                result.bool(false)
            }
        }
        try define(c, "tm_array_remove", argumentCount: 2) { args, result in
            withArrays(args, count: 1, result) { arrays in
                let removed = Element.key(of: args[1].value)
                result.text(json(arrays[0].filter { $0.key != removed }))
            }
        }
        try define(c, "tm_array_position", argumentCount: 2) { args, result in
            withArrays(args, count: 1, result) { arrays in
                guard !args.isNull(1) else { return result.null() }
                let wanted = Element.key(of: args[1].value)
                result.int64(Int64((arrays[0].firstIndex { $0.key == wanted } ?? -1) + 1))
            }
        }
        try define(c, "tm_array_extreme", argumentCount: 2) { args, result in
            withArrays(args, count: 1, result) { arrays in
                let elements = arrays[0]
                guard !elements.isEmpty, !elements.contains(where: { $0.value == .null }) else { return result.null() }
                let largest = args.int64(1) == 1
                let chosen = elements.dropFirst().reduce(elements[0]) { best, element in
                    let (a, b) = (SortKey(value: best.value), SortKey(value: element.value))
                    return (largest ? a < b : b < a) ? element : best
                }
                result.value(chosen.value)
            }
        }
        try define(c, "tm_array_sort", argumentCount: 1) { args, result in
            withArrays(args, count: 1, result) { arrays in
                // Ascending, NULLs last (`SortKey` ranks them after every value); equal elements
                // keep their order.
                let sorted = arrays[0].enumerated().sorted { a, b in
                    let (x, y) = (SortKey(value: a.element.value), SortKey(value: b.element.value))
                    return x < y || (!(y < x) && a.offset < b.offset)
                }
                result.text(json(sorted.map(\.element)))
            }
        }
        try define(c, "tm_slice", argumentCount: 3) { args, result in
            withArrays(args, count: 1, result) { arrays in
                guard !args.isNull(1), !args.isNull(2) else { return result.null() }
                let (start, length) = (args.int64(1), args.int64(2))
                guard start != 0 else { return result.error("SQL array indices start at 1") }
                guard length >= 0 else { return result.error("length must be greater than or equal to 0") }
                let count = Int64(arrays[0].count)
                let from = start > 0 ? start - 1 : count + start
                guard from >= 0, from < count else { return result.text("[]") }
                let to = length > count - from ? count : from + length
                result.text(json(Array(arrays[0][Int(from)..<Int(to)])))
            }
        }
        try define(c, "tm_flatten", argumentCount: 1) { args, result in
            withArrays(args, count: 1, result) { arrays in
                var texts: [String] = []
                for element in arrays[0] where element.value != .null {
                    guard case .text(let inner) = element.value, inner.hasPrefix("[") else {
                        return result.error("flatten takes an array of arrays")
                    }
                    texts += elements(of: inner)?.map(\.json) ?? []
                }
                result.text("[" + texts.joined(separator: ",") + "]")
            }
        }
        try define(c, "tm_reverse", argumentCount: 1) { args, result in
            guard let text = args.text(0) else { return result.null() }
            var reversed = String.UnicodeScalarView()
            reversed.append(contentsOf: text.unicodeScalars.reversed())
            result.text(String(reversed))
        }
        try define(c, "tm_array_reverse", argumentCount: 1) { args, result in
            withArrays(args, count: 1, result) { arrays in result.text(json(arrays[0].reversed())) }
        }
    }

    /// One element: its JSON text, its value as SQLite sees it, and the key it compares by.
    struct Element {
        let json: String
        let value: SQLiteValue
        var key: String { Self.key(of: value) }

        static func key(of value: SQLiteValue) -> String {
            switch value {
            case .null: return "n"
            case .integer(let number): return "d" + String(Double(number))
            case .real(let number): return "d" + String(number)
            case .text(let text): return "s" + text
            case .blob(let bytes): return "b" + bytes.map(String.init).joined(separator: ",")
            }
        }
    }

    private static func elements(of text: String) -> [Element]? {
        var text = text
        return text.withUTF8 { bytes in
            let scan = JSONScan(bytes: UnsafeRawBufferPointer(bytes))
            guard let root = scan.root(), let ranges = scan.elements(in: root) else { return nil }
            return ranges.map { range in
                Element(
                    json: String(decoding: scan.canonical(range), as: UTF8.self),
                    value: JSONValues.sqlValue(scan, range))
            }
        }
    }

    /// The elements of the first `count` arguments, each a JSON array; NULL when one is NULL.
    private static func withArrays(
        _ args: FunctionArguments, count: Int, _ result: FunctionResult, _ body: ([[Element]]) -> Void
    ) {
        var arrays: [[Element]] = []
        for index in 0..<count {
            guard let text = args.text(index) else { return result.null() }
            guard let elements = elements(of: text) else { return result.error("not an array: \(text.prefix(40))") }
            arrays.append(elements)
        }
        body(arrays)
    }

    /// The first of each run of equal elements, in order.
    private static func distinct(_ elements: [Element]) -> [Element] {
        var seen: Set<String> = []
        return elements.filter { seen.insert($0.key).inserted }
    }

    private static func json<S: Sequence<Element>>(_ elements: S) -> String {
        "[" + elements.map(\.json).joined(separator: ",") + "]"
    }
}

/// `sequence(start, stop[, step])`: integers, or dates and timestamps by a day-to-second or
/// year-to-month step; at most 10,000 entries, as in Trino.
extension SQLFunctions {
    static let sequenceLimit = 10_000

    static func registerSequences(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_sequence", argumentCount: 3) { args, result in
            guard !args.isNull(0), !args.isNull(1), !args.isNull(2) else { return result.null() }
            let (start, stop, step) = (args.int64(0), args.int64(1), args.int64(2))
            guard step != 0 else { return result.error("step must not be zero") }
            guard start == stop || (stop > start) == (step > 0) else {
                return result.error(
                    "sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start"
                )
            }
            let count = (Double(stop) - Double(start)) / Double(step) + 1
            guard count <= Double(sequenceLimit) else {
                return result.error("result of sequence function must not have more than \(sequenceLimit) entries")
            }
            result.text(
                "[" + stride(from: start, through: stop, by: Int(step)).map(String.init).joined(separator: ",") + "]")
        }
        // tm_sequence_time(start, stop, amount, months, isDate): amount in milliseconds or months.
        try define(c, "tm_sequence_time", argumentCount: 5) { args, result in
            guard let (start, _) = time(args, 0, result), let (stop, _) = time(args, 1, result) else { return }
            let (amount, months, isDate) = (args.int64(2), args.int64(3) == 1, args.int64(4) == 1)
            guard amount != 0 else { return result.error("step must not be zero") }
            guard start == stop || (stop > start) == (amount > 0) else {
                return result.error(
                    "sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start"
                )
            }
            var values: [String] = []
            var index: Int64 = 0
            while true {
                let (offset, overflow) = amount.multipliedReportingOverflow(by: index)
                guard !overflow,
                    let value = months
                        ? TrinoTime.add(.month, offset, to: start) : TrinoTime.add(.millisecond, offset, to: start),
                    amount > 0 ? value <= stop : value >= stop
                else { break }
                guard values.count < sequenceLimit else {
                    return result.error("result of sequence function must not have more than \(sequenceLimit) entries")
                }
                let text =
                    isDate
                    ? TrinoTime.formatDate(days: TrinoTime.floorDiv(value, TrinoTime.millisPerDay))
                    : TrinoTime.format(value)
                values.append(JSONScan.quote(text))
                index += 1
            }
            result.text("[" + values.joined(separator: ",") + "]")
        }
    }
}

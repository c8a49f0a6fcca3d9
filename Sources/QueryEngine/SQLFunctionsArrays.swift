import SQLite

/// Array helpers over JSON-array text: `ngrams`, `combinations`, `trim_array`,
/// `array_histogram`, and the vector functions over arrays or maps of numbers.
extension SQLFunctions {
    static func registerArrayHelpers(_ c: Connection) throws(SQLiteError) {
        // tm_repeat(json_array(x), n): x, n times.
        try define(c, "tm_repeat", argumentCount: 2) { args, result in
            withElements(args, result) { elements in
                let count = args.int64(1)
                guard count >= 0 else {
                    return result.error("count argument of repeat function must be greater than or equal to 0")
                }
                guard count <= 10_000 else {
                    return result.error("count argument of repeat function must be less than or equal to 10000")
                }
                result.text(array(Array(repeating: elements.first ?? "null", count: Int(count))))
            }
        }
        try define(c, "tm_contains_sequence", argumentCount: 2) { args, result in
            guard let sequence = args.bytes(1) else { return result.null() }
            let scan = JSONScan(bytes: sequence)
            guard let root = scan.root(), let ranges = scan.elements(in: root) else { return result.null() }
            let wanted = ranges.map { scan.canonical($0) }
            withElements(args, result) { elements in
                let have = elements.map { Array($0.utf8) }
                guard wanted.count <= have.count else { return result.bool(false) }
                result.bool(
                    wanted.isEmpty
                        || (0...(have.count - wanted.count)).contains { start in
                            wanted.indices.allSatisfy { have[start + $0] == wanted[$0] }
                        })
            }
        }
        try define(c, "tm_ngrams", argumentCount: 2) { args, result in
            withElements(args, result) { elements in
                let n = Int(args.int64(1))
                guard n > 0 else { return result.error("N must be positive") }
                if elements.count <= n { return result.text(array([array(elements)])) }
                result.text(array((0...(elements.count - n)).map { array(Array(elements[$0..<($0 + n)])) }))
            }
        }
        try define(c, "tm_combinations", argumentCount: 2) { args, result in
            withElements(args, result) { elements in
                let n = Int(args.int64(1))
                guard (0...5).contains(n) else { return result.error("combination size must be between 0 and 5") }
                var out: [String] = []
                var chosen: [Int] = []
                func choose(from start: Int) {
                    if chosen.count == n {
                        out.append(array(chosen.map { elements[$0] }))
                        return
                    }
                    guard start < elements.count else { return }
                    for index in start..<elements.count {
                        chosen.append(index)
                        choose(from: index + 1)
                        chosen.removeLast()
                    }
                }
                if n <= elements.count { choose(from: 0) }
                result.text(array(out))
            }
        }
        try define(c, "tm_trim_array", argumentCount: 2) { args, result in
            withElements(args, result) { elements in
                let n = Int(args.int64(1))
                guard n >= 0, n <= elements.count else {
                    return result.error("size must not be negative or exceed the array's cardinality")
                }
                result.text(array(Array(elements.dropLast(n))))
            }
        }
        try define(c, "tm_array_histogram", argumentCount: 1) { args, result in
            withElements(args, result) { elements in
                var order: [String] = []
                var counts: [String: Int] = [:]
                for element in elements where element != "null" {
                    let key = element.hasPrefix("\"") ? element : JSONScan.quote(element)
                    if counts[key] == nil { order.append(key) }
                    counts[key, default: 0] += 1
                }
                result.text("{" + order.map { "\($0):\(counts[$0]!)" }.joined(separator: ",") + "}")
            }
        }
        try define(c, "tm_vector", argumentCount: 3) { args, result in vector(args, result) }
    }

    /// The canonical JSON text of each element of the array in argument 0.
    private static func withElements(
        _ args: FunctionArguments, _ result: FunctionResult, _ body: ([String]) -> Void
    ) {
        guard let bytes = args.bytes(0), args.count == 1 || !args.isNull(1) else { return result.null() }
        let scan = JSONScan(bytes: bytes)
        guard let root = scan.root(), let ranges = scan.elements(in: root) else { return result.null() }
        body(ranges.map { String(decoding: scan.canonical($0), as: UTF8.self) })
    }

    private static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

    /// `tm_vector(kind, a, b)`: `cosine_similarity`, `cosine_distance`, `euclidean_distance`,
    /// `dot_product` of two arrays of numbers (same length) or two maps (by key).
    private static func vector(_ args: FunctionArguments, _ result: FunctionResult) {
        guard let kind = args.text(0), !args.isNull(1), !args.isNull(2) else { return result.null() }
        guard let left = numbers(args.bytes(1)), let right = numbers(args.bytes(2)) else {
            return result.error("Vectors must hold numbers and no nulls")
        }
        var pairs: [(Double, Double)] = []
        var leftOnly: [Double] = []
        var rightOnly: [Double] = []
        if left.keyed {
            let rightValues = Dictionary(right.values.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
            for (key, value) in left.values {
                if let other = rightValues[key] { pairs.append((value, other)) } else { leftOnly.append(value) }
            }
            let leftKeys = Set(left.values.map(\.0))
            rightOnly = right.values.filter { !leftKeys.contains($0.0) }.map(\.1)
        } else {
            guard left.values.count == right.values.count else {
                return result.error("The arguments must have the same length")
            }
            pairs = zip(left.values.map(\.1), right.values.map(\.1)).map { ($0, $1) }
        }
        let dot = pairs.reduce(0) { $0 + $1.0 * $1.1 }
        let normLeft = (pairs.map(\.0) + leftOnly).reduce(0) { $0 + $1 * $1 }.squareRoot()
        let normRight = (pairs.map(\.1) + rightOnly).reduce(0) { $0 + $1 * $1 }.squareRoot()
        switch kind {
        case "dot_product": result.double(dot)
        case "euclidean_distance":
            let squares = pairs.reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            result.double(
                (squares + leftOnly.reduce(0) { $0 + $1 * $1 } + rightOnly.reduce(0) { $0 + $1 * $1 }).squareRoot())
        default:
            guard normLeft > 0, normRight > 0 else { return result.null() }
            let similarity = dot / (normLeft * normRight)
            result.double(kind == "cosine_similarity" ? similarity : 1 - similarity)
        }
    }

    /// Numbers of a JSON array (keyed by position) or object (keyed by key).
    private static func numbers(_ bytes: UnsafeRawBufferPointer?) -> (keyed: Bool, values: [(String, Double)])? {
        guard let bytes else { return nil }
        let scan = JSONScan(bytes: bytes)
        guard let root = scan.root() else { return nil }
        func number(_ range: Range<Int>) -> Double? {
            Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
        if let elements = scan.elements(in: root) {
            var values: [(String, Double)] = []
            for (index, element) in elements.enumerated() {
                guard let value = number(element) else { return nil }
                values.append((String(index), value))
            }
            return (false, values)
        }
        guard let members = scan.members(in: root) else { return nil }
        var values: [(String, Double)] = []
        for (key, value) in members {
            guard let number = number(value) else { return nil }
            values.append((String(decoding: UnsafeRawBufferPointer(rebasing: bytes[key]), as: UTF8.self), number))
        }
        return (true, values)
    }
}

import SQLite

/// `histogram`, `map_agg` and `multimap_agg`: maps built over a group's rows. A NULL key is
/// skipped, as in Trino. Trino lists a built map's entries in its hash table's slot order, which
/// depends on how the rows were split among workers; here they come sorted by key, so the same
/// rows give the same map on every layout and every run.
final class MapAggregate: AggregateState {
    enum Kind {
        /// `histogram(x)`: each value with how often it occurs.
        case histogram
        /// `map_agg(key, value)`: each key with the first value seen for it.
        case firstValue
        /// `multimap_agg(key, value)`: each key with all its values, in row order.
        case allValues
        /// `approx_most_frequent(buckets, value, capacity)`: the `buckets` most frequent values
        /// with their counts, most frequent first (ties by value). Counted exactly, where Trino
        /// keeps `capacity` counters and may undercount past that many distinct values.
        case mostFrequent
    }

    private let kind: Kind
    private var entries: [SQLiteValue: Entry] = [:]

    private struct Entry {
        let keyText: String
        var values: [String]
        var count: Int
    }

    init(_ kind: Kind) { self.kind = kind }

    private var buckets = Int.max

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0) else { return }
        if kind == .mostFrequent { buckets = Int(arguments.int64(1)) }
        let value = kind == .histogram || kind == .mostFrequent ? "" : jsonElement(arguments, 1)
        let key = arguments.sqliteValue(0)
        if var entry = entries[key] {
            entry.count += 1
            if kind == .allValues { entry.values.append(value) }
            entries[key] = entry
        } else {
            let text: String
            switch key {
            case .integer(let number): text = String(number)
            default: text = arguments.text(0) ?? ""
            }
            entries[key] = Entry(keyText: text, values: [value], count: 1)
        }
    }

    func final(_ result: FunctionResult) {
        guard !entries.isEmpty else { return result.null() }
        var keys = entries.keys.sorted(by: { SortKey(value: $0) < SortKey(value: $1) })
        if kind == .mostFrequent {
            keys = Array(
                keys.enumerated().sorted { a, b in
                    let (x, y) = (entries[a.element]!.count, entries[b.element]!.count)
                    return x != y ? x > y : a.offset < b.offset
                }.map(\.element).prefix(buckets))
        }
        var out = "{"
        for (index, key) in keys.enumerated() {
            let entry = entries[key]!
            if index > 0 { out += "," }
            out += JSONScan.quote(entry.keyText) + ":"
            switch kind {
            case .histogram, .mostFrequent: out += String(entry.count)
            case .firstValue: out += entry.values[0]
            case .allValues: out += "[" + entry.values.joined(separator: ",") + "]"
            }
        }
        result.text(out + "}")
    }
}

/// `map_union(map)`: every key of a group's maps, with the value of the first map that has it
/// (Trino takes "an arbitrary input map"'s), keys sorted as `MapAggregate` sorts them. The second
/// argument is 1 for integer keys, which sort as numbers.
final class MapUnion: AggregateState {
    private var entries: [SQLiteValue: (key: [UInt8], value: [UInt8])] = [:]

    func step(_ arguments: FunctionArguments) {
        guard let bytes = arguments.bytes(0) else { return }
        let integerKeys = arguments.int64(1) != 0
        let scan = JSONScan(bytes: bytes)
        guard let root = scan.root(), let members = scan.members(in: root) else { return }
        for (key, value) in members {
            let text = scan.keyText(key) ?? []
            let sortable: SQLiteValue =
                integerKeys
                ? Int64(String(decoding: text, as: UTF8.self)).map(SQLiteValue.integer) ?? .text("")
                : .text(String(decoding: text, as: UTF8.self))
            if entries[sortable] == nil { entries[sortable] = (Array(scan.bytes[key]), scan.canonical(value)) }
        }
    }

    func final(_ result: FunctionResult) {
        guard !entries.isEmpty else { return result.null() }
        var out: [UInt8] = [0x7B]
        for (index, key) in entries.keys.sorted(by: { SortKey(value: $0) < SortKey(value: $1) }).enumerated() {
            if index > 0 { out.append(0x2C) }
            out += entries[key]!.key + [0x3A] + entries[key]!.value
        }
        out.append(0x7D)
        result.text(out)
    }
}

extension SQLFunctions {
    /// The map-building aggregates and scalars: `tm_histogram(key)`, `tm_map_agg(key, value)`,
    /// `tm_multimap_agg(key, value)`, `tm_map_concat(map, ...)`, `tm_split_to_map(text, entry,
    /// pair)`.
    static func registerMapBuilders(_ c: Connection) throws(SQLiteError) {
        try c.defineAggregate("tm_histogram", argumentCount: 1) { MapAggregate(.histogram) }
        try c.defineAggregate("tm_map_agg", argumentCount: 2) { MapAggregate(.firstValue) }
        try c.defineAggregate("tm_multimap_agg", argumentCount: 2) { MapAggregate(.allValues) }
        try c.defineAggregate("tm_approx_most_frequent", argumentCount: 2) { MapAggregate(.mostFrequent) }
        try c.defineAggregate("tm_map_union", argumentCount: 2) { MapUnion() }
        try define(c, "tm_map_concat", argumentCount: -1) { args, result in
            var maps: [[UInt8]] = []
            for index in 0..<args.count {
                guard let bytes = args.bytes(index) else { return result.null() }
                maps.append(Array(bytes))
            }
            result.text(MapBuilding.concatenated(maps))
        }
        try define(c, "tm_map_equal", argumentCount: 2) { args, result in
            guard let left = args.bytes(0), let right = args.bytes(1) else { return result.null() }
            switch MapBuilding.equal(Array(left), Array(right)) {
            case .some(let equal): result.int64(equal ? 1 : 0)
            case .none: result.null()
            }
        }
        try define(c, "tm_split_to_map", argumentCount: 3) { args, result in
            guard let text = args.text(0), let entry = args.text(1), let pair = args.text(2) else {
                return result.null()
            }
            switch MapBuilding.splitToMap(text, entryDelimiter: entry, keyValueDelimiter: pair) {
            case .success(let map): result.text(map)
            case .failure(let failure): result.error(failure.message)
            }
        }
    }
}

/// How Trino's scalar map builders order and check their entries.
enum MapBuilding {
    /// `map_concat`: the last map's entries first, then each earlier map's new keys, from the
    /// last map backwards (Trino's `MapConcatFunction`); a key's value is its last map's. Maps are
    /// JSON objects.
    static func concatenated(_ maps: [[UInt8]]) -> String {
        var parsed: [[(key: [UInt8], spelling: [UInt8], value: [UInt8])]] = []
        for map in maps {
            let members = map.withUnsafeBytes { bytes -> [([UInt8], [UInt8], [UInt8])] in
                let scan = JSONScan(bytes: bytes)
                guard let root = scan.root(), let members = scan.members(in: root) else { return [] }
                return members.map { key, value in
                    (scan.keyText(key) ?? [], Array(scan.bytes[key]), scan.canonical(value))
                }
            }
            parsed.append(members.map { (key: $0.0, spelling: $0.1, value: $0.2) })
        }
        let filled = parsed.indices.filter { !parsed[$0].isEmpty }
        guard let first = filled.first, let last = filled.last, first != last else {
            return String(decoding: maps[filled.last ?? maps.count - 1], as: UTF8.self)
        }
        var seen: Set<[UInt8]> = []
        var out: [UInt8] = [0x7B]
        for index in stride(from: last, through: first, by: -1) {
            for member in parsed[index] where seen.insert(member.key).inserted {
                if out.count > 1 { out.append(0x2C) }
                out += member.spelling + [0x3A] + member.value
            }
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Trino's map equality: the same keys, each with an equal value; NULL when no value
    /// differs but some pair cannot be compared (a NULL value).
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool? {
        func entries(_ map: [UInt8]) -> [[UInt8]: [UInt8]] {
            map.withUnsafeBytes { bytes in
                let scan = JSONScan(bytes: bytes)
                guard let root = scan.root(), let members = scan.members(in: root) else { return [:] }
                var entries: [[UInt8]: [UInt8]] = [:]
                for (key, value) in members { entries[scan.keyText(key) ?? []] = scan.canonical(value) }
                return entries
            }
        }
        let (a, b) = (entries(left), entries(right))
        guard a.count == b.count else { return false }
        var undecided = false
        for (key, value) in a {
            guard let other = b[key] else { return false }
            if value == Array("null".utf8) || other == Array("null".utf8) {
                undecided = true
            } else if value != other {
                return false
            }
        }
        return undecided ? nil : true
    }

    struct Failure: Error {
        let message: String
    }

    /// `split_to_map(text, entryDelimiter, keyValueDelimiter)`, whose entries Trino collects in a
    /// Java `HashMap` and writes in that map's iteration order (see `JavaHashMap`).
    static func splitToMap(_ text: String, entryDelimiter: String, keyValueDelimiter: String) -> Result<
        String, Failure
    > {
        guard !entryDelimiter.isEmpty else { return .failure(Failure(message: "entryDelimiter is empty")) }
        guard !keyValueDelimiter.isEmpty else { return .failure(Failure(message: "keyValueDelimiter is empty")) }
        guard entryDelimiter != keyValueDelimiter else {
            return .failure(Failure(message: "entryDelimiter and keyValueDelimiter must not be the same"))
        }
        var entries: [(key: [UInt8], value: [UInt8])] = []
        var seen: Set<[UInt8]> = []
        let bytes = Array(text.utf8)
        let entrySeparator = Array(entryDelimiter.utf8)
        let pairSeparator = Array(keyValueDelimiter.utf8)
        var start = 0
        while start < bytes.count {
            let end = firstIndex(of: entrySeparator, in: bytes, from: start, to: bytes.count)
            let pair = start..<(end ?? bytes.count)
            let bad = Failure(
                message: "Key-value delimiter must appear exactly once in each entry. Bad input: '"
                    + String(decoding: bytes[pair], as: UTF8.self) + "'")
            guard let keyEnd = firstIndex(of: pairSeparator, in: bytes, from: pair.lowerBound, to: pair.upperBound)
            else { return .failure(bad) }
            let valueStart = keyEnd + pairSeparator.count
            if firstIndex(of: pairSeparator, in: bytes, from: valueStart, to: pair.upperBound) != nil {
                return .failure(bad)
            }
            let key = Array(bytes[pair.lowerBound..<keyEnd])
            guard seen.insert(key).inserted else {
                return .failure(
                    Failure(message: "Duplicate keys (\(String(decoding: key, as: UTF8.self))) are not allowed"))
            }
            entries.append((key, Array(bytes[valueStart..<pair.upperBound])))
            guard let end else { break }
            start = end + entrySeparator.count
        }
        let ordered = JavaHashMap.iterationOrder(of: entries.map { JavaHashMap.sliceHash($0.key) })
        var out = "{"
        for (index, position) in ordered.enumerated() {
            if index > 0 { out += "," }
            out += JSONScan.quote(String(decoding: entries[position].key, as: UTF8.self)) + ":"
            out += JSONScan.quote(String(decoding: entries[position].value, as: UTF8.self))
        }
        return .success(out + "}")
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard needle.count <= end - start else { return nil }
        for index in start...(end - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}

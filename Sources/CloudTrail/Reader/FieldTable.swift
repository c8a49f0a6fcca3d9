/// What the parser does with the value of a known key.
enum FieldAction {
    /// Store the value in column `index` (scalars as text, objects and arrays as compact JSON).
    case column(Int, ColumnKind)
    /// The value is a struct whose known fields (level `level` of the table) are flattened into columns.
    case object(level: Int)
}

/// The known keys at every level of a CloudTrail record (level 0 is the record itself), looked up
/// by their bytes. Plain values in flat arrays: the parser looks keys up some twenty times per
/// event, so the lookup allocates nothing and touches no reference counts.
/// Lookup folds ASCII case, since a few producers spell keys differently.
struct FieldTable {
    private struct Entry {
        let keyStart: Int32
        let keyLength: Int32
        let action: FieldAction
    }
    private var entries: [Entry] = []
    /// Each entry's key folded to lower case, and as the schema spells it, at the same offsets.
    private var keyBytes: [UInt8] = []
    private var exactKeyBytes: [UInt8] = []
    /// For level `l` and key length `n`: the range of `entries` to search, at `l * maxKeyLength + n`.
    private var buckets: [Range<Int32>] = []
    private var maxKeyLength = 0
    /// Levels in the table: the record, and each struct whose fields are flattened.
    private(set) var levelCount = 0
    /// Each level's dotted lower-case path (`useridentity.sessioncontext`; empty for the record);
    /// its index is the code `emptyobjects` names the object by.
    private(set) var levelPaths: [[UInt8]] = [[]]

    /// The table for `EventSchema.columns`.
    static let cloudTrail = FieldTable(columns: EventSchema.columns)

    private init(columns: [EventColumn]) {
        // Level tree first: each struct path gets a level number, children listed per level.
        var levels: [[(key: [UInt8], exact: [UInt8], action: FieldAction)]] = [[]]
        var levelOfPath: [String: Int] = ["": 0]
        for (index, column) in columns.enumerated() where !column.jsonPath.isEmpty {
            var level = 0
            var path = ""
            for (depth, component) in column.jsonPath.enumerated() {
                let key = Array(component.lowercased().utf8)
                let exact = Array(component.utf8)
                if depth == column.jsonPath.count - 1 {
                    levels[level].append((key, exact, .column(index, column.kind)))
                    continue
                }
                path += "." + component.lowercased()
                if let existing = levelOfPath[path] {
                    level = existing
                } else {
                    levels.append([])
                    levelOfPath[path] = levels.count - 1
                    levelPaths.append(Array(path.dropFirst().utf8))
                    levels[level].append((key, exact, .object(level: levels.count - 1)))
                    level = levels.count - 1
                }
            }
        }
        levelCount = levels.count
        maxKeyLength = levels.flatMap { $0.map(\.key.count) }.max()! + 1
        for fields in levels {
            for length in 0..<maxKeyLength {
                let start = Int32(entries.count)
                for field in fields where field.key.count == length {
                    entries.append(
                        Entry(keyStart: Int32(keyBytes.count), keyLength: Int32(length), action: field.action))
                    keyBytes += field.key
                    exactKeyBytes += field.key.count == field.exact.count ? field.exact : field.key
                }
                buckets.append(start..<Int32(entries.count))
            }
        }
    }

    /// The action for the raw (unescaped) key bytes at `level`, nil for an unknown key.
    @inline(__always) func lookup(_ key: UnsafeRawBufferPointer, level: Int) -> FieldAction? {
        guard key.count < maxKeyLength else { return nil }
        let bucket = buckets[level * maxKeyLength + key.count]
        // Keys nearly always come spelled as the schema spells them: compared whole first, a
        // word at a time; folding case byte by byte is left for the rest. At most one entry
        // matches with case folded, so the order of the two passes does not change the answer.
        let exact = exactKeyBytes.withUnsafeBytes { known in
            entries.withUnsafeBufferPointer { entries in
                for index in bucket where Self.equal(key, known.baseAddress! + Int(entries[Int(index)].keyStart)) {
                    return entries[Int(index)].action as FieldAction?
                }
                return nil
            }
        }
        if let exact { return exact }
        return keyBytes.withUnsafeBufferPointer { known in
            entries.withUnsafeBufferPointer { entries in
                for index in bucket {
                    let entry = entries[Int(index)]
                    let expected = known.baseAddress! + Int(entry.keyStart)
                    var matches = true
                    for offset in 0..<key.count {
                        var byte = key[offset]
                        if byte &- 0x41 < 26 { byte |= 0x20 }
                        if byte != expected[offset] {
                            matches = false
                            break
                        }
                    }
                    if matches { return entry.action }
                }
                return nil
            }
        }
    }

    /// True when `key` equals the `key.count` bytes at `known`: eight bytes at a time, the
    /// last word overlapping the one before it.
    @inline(__always) private static func equal(_ key: UnsafeRawBufferPointer, _ known: UnsafeRawPointer) -> Bool {
        let count = key.count
        guard count >= 8 else {
            for offset in 0..<count where key[offset] != known.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            return true
        }
        var offset = 0
        while offset + 8 < count {
            if key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != known.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        return key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == known.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
}

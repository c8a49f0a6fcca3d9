/// What the parser does with the value of a known key.
enum FieldAction {
    /// Store the value in column `index` (scalars as text, objects and arrays as compact JSON).
    case column(Int, ColumnKind)
    /// The value is a struct whose known fields are flattened into columns.
    case object(FieldTree)
}

/// The known keys at one level of a CloudTrail record, looked up by their bytes without
/// allocating. Lookup folds ASCII case, since a few producers spell keys differently.
final class FieldTree {
    private struct Entry {
        let key: [UInt8]
        let action: FieldAction
    }
    /// Entries bucketed by key length: most levels have a handful of keys per length.
    private var byLength: [[Entry]] = []

    /// The tree for `EventSchema.columns`.
    static let cloudTrail: FieldTree = {
        let root = FieldTree()
        for (index, column) in EventSchema.columns.enumerated() where !column.jsonPath.isEmpty {
            root.insert(column.jsonPath[...], action: .column(index, column.kind))
        }
        return root
    }()

    private func insert(_ path: ArraySlice<String>, action: FieldAction) {
        let key = Array(path.first!.lowercased().utf8)
        if path.count == 1 {
            add(Entry(key: key, action: action))
            return
        }
        let child: FieldTree
        if let existing = entry(forLowercased: key), case .object(let tree) = existing {
            child = tree
        } else {
            child = FieldTree()
            add(Entry(key: key, action: .object(child)))
        }
        child.insert(path.dropFirst(), action: action)
    }

    private func add(_ entry: Entry) {
        while byLength.count <= entry.key.count { byLength.append([]) }
        byLength[entry.key.count].append(entry)
    }

    private func entry(forLowercased key: [UInt8]) -> FieldAction? {
        key.withUnsafeBufferPointer { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// The action for the raw (unescaped) key bytes, nil for an unknown key.
    @inline(__always) func lookup(_ key: UnsafeRawBufferPointer) -> FieldAction? {
        guard key.count < byLength.count else { return nil }
        for entry in byLength[key.count] {
            var matches = true
            entry.key.withUnsafeBufferPointer { expected in
                for index in 0..<key.count {
                    var byte = key[index]
                    if byte &- 0x41 < 26 { byte |= 0x20 }
                    if byte != expected[index] { matches = false; break }
                }
            }
            if matches { return entry.action }
        }
        return nil
    }
}

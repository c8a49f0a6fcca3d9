/// Rebuilds a whole CloudTrail record as compact JSON from its stored columns.
///
/// The store keeps each field once: in its flattened column, or, for fields no column holds,
/// in the `eventjson` chunk, which therefore stores only the record's unmapped fields (nested as
/// they were). Rebuilding puts both back together in CloudTrail's field order, with the unmapped
/// fields last in each object. Strings come back as JSON strings, `readOnly`-like booleans as
/// JSON booleans, maps and arrays as they were written.
public enum EventJSON {
    private struct Node: Sendable {
        let key: [UInt8]
        /// The dotted lower-case path (`useridentity.sessioncontext`).
        let path: String
        /// The code `emptyobjects` names this object by, found once here rather than per record.
        let emptyCode: [UInt8]?
        var column: (index: Int, kind: ColumnKind)?
        var children: [Node] = []

        mutating func insert(_ rest: ArraySlice<String>, column: (index: Int, kind: ColumnKind)) {
            guard let first = rest.first else {
                self.column = column
                return
            }
            let bytes = Array(first.utf8)
            if let existing = children.firstIndex(where: { $0.key == bytes }) {
                children[existing].insert(rest.dropFirst(), column: column)
            } else {
                let lower = first.lowercased()
                let childPath = path.isEmpty ? lower : path + "." + lower
                var node = Node(
                    key: bytes, path: childPath,
                    emptyCode: EventSchema.emptyObjectCode(childPath).map { Array($0.utf8) })
                node.insert(rest.dropFirst(), column: column)
                children.append(node)
            }
        }
    }

    private static let root: Node = {
        var root = Node(key: [], path: "", emptyCode: nil)
        for (index, column) in EventSchema.columns.enumerated() where !column.jsonPath.isEmpty {
            root.insert(column.jsonPath[...], column: (index, column.kind))
        }
        return root
    }()

    /// Appends the record to `out`. `value(i)` gives column `i`'s stored bytes for the record
    /// (nil for NULL); column `EventSchema.eventJSONIndex` gives the unmapped fields.
    public static func rebuild(into out: inout [UInt8], value: (Int) -> UnsafeRawBufferPointer?) {
        let unmapped = value(EventSchema.eventJSONIndex)
        let empty = value(EventSchema.emptyObjectsIndex).map { $0.split(separator: 0x2C) } ?? []
        _ = write(root, into: &out, value: value, unmapped: unmapped, empty: empty)
    }

    /// Writes `node` as an object; returns false (writing nothing) when it would be empty and
    /// `empty` (the record's `emptyobjects`) does not name it.
    private static func write(
        _ node: Node, into out: inout [UInt8], value: (Int) -> UnsafeRawBufferPointer?,
        unmapped: UnsafeRawBufferPointer?, empty: [Slice<UnsafeRawBufferPointer>]
    ) -> Bool {
        let start = out.count
        out.append(0x7B)
        var members = 0
        let extras = unmapped.map(members(of:)) ?? []
        for child in node.children {
            if let column = child.column {
                guard let bytes = value(column.index) else { continue }
                openMember(child.key, &out, &members)
                appendValue(bytes, kind: column.kind, into: &out)
            } else {
                let nested = extras.first { $0.key.elementsEqual(child.key) && $0.value.first == 0x7B }
                let mark = out.count
                openMember(child.key, &out, &members)
                if !write(child, into: &out, value: value, unmapped: nested?.value, empty: empty) {
                    out.removeLast(out.count - mark)
                    members -= 1
                }
            }
        }
        for extra in extras
        where
            !(node.children.contains { $0.column == nil && extra.key.elementsEqual($0.key) }
            && extra.value.first == 0x7B)
        {
            openMember(Array(extra.key), &out, &members)
            out.append(contentsOf: extra.value)
        }
        guard members > 0 || (node.emptyCode.map { code in empty.contains { $0.elementsEqual(code) } } ?? false) else {
            out.removeLast(out.count - start)
            return false
        }
        out.append(0x7D)
        return true
    }

    private static func openMember(_ key: [UInt8], _ out: inout [UInt8], _ members: inout Int) {
        if members > 0 { out.append(0x2C) }
        members += 1
        out.append(0x22)
        out.append(contentsOf: key)
        out.append(contentsOf: [0x22, 0x3A])
    }

    private static func appendValue(_ bytes: UnsafeRawBufferPointer, kind: ColumnKind, into out: inout [UInt8]) {
        switch kind {
        case .json:
            out.append(contentsOf: bytes)
        case .boolean where bytes.elementsEqual("true".utf8) || bytes.elementsEqual("false".utf8):
            out.append(contentsOf: bytes)
        default:
            appendString(bytes, into: &out)
        }
    }

    /// Appends `bytes` as a JSON string, escaping what JSON requires.
    public static func appendString(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.append(0x22)
        for byte in bytes {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    /// The members of a compact JSON object the parser wrote: raw key bytes and raw value bytes.
    private static func members(of object: UnsafeRawBufferPointer) -> [(
        key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer
    )] {
        var scanner = JSONScanner(object.assumingMemoryBound(to: UInt8.self))
        var result: [(UnsafeRawBufferPointer, UnsafeRawBufferPointer)] = []
        guard scanner.consume(0x7B), !scanner.consume(0x7D) else { return [] }
        repeat {
            guard scanner.peek() == 0x22, let key = try? scanner.scanString(), scanner.consume(0x3A) else {
                return result
            }
            let start = scanner.position
            guard (try? scanner.skipValue()) != nil else { return result }
            result.append(
                (
                    UnsafeRawBufferPointer(rebasing: object[key.start..<key.end]),
                    UnsafeRawBufferPointer(rebasing: object[start..<scanner.position])
                ))
        } while scanner.consume(0x2C)
        return result
    }
}

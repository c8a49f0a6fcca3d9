/// One line of an S3 Inventory CSV data file, split into its fields without building strings:
/// inventory CSV quotes every field and doubles quotes inside one; keys are URL-encoded, so no
/// field spans lines. The buffers are reused from line to line.
struct InventoryLine {
    /// The fields' bytes, unquoted, one after another; `fields` are their ranges.
    private var bytes: [UInt8] = []
    private(set) var fields: [Range<Int>] = []
    /// The key decoded by `decodeKey`.
    private(set) var key: [UInt8] = []

    /// Splits `line`; false when a quoted field is not closed.
    mutating func split(_ line: UnsafeRawBufferPointer) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        var end = line.count
        if end > 0, line[end - 1] == 13 { end -= 1 }
        var index = 0
        while true {
            let start = bytes.count
            if index < end, line[index] == 34 {
                index += 1
                while true {
                    guard index < end else { return false }
                    if line[index] == 34 {
                        if index + 1 < end, line[index + 1] == 34 {
                            bytes.append(34)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    bytes.append(line[index])
                    index += 1
                }
                // Anything between the closing quote and the comma is kept, as a lenient reader does.
                while index < end, line[index] != 44 {
                    bytes.append(line[index])
                    index += 1
                }
            } else {
                while index < end, line[index] != 44 {
                    bytes.append(line[index])
                    index += 1
                }
            }
            fields.append(start..<bytes.count)
            guard index < end else { return true }
            index += 1  // the comma
        }
    }

    func field(_ index: Int) -> ArraySlice<UInt8> { bytes[fields[index]] }

    func text(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// The field as a byte count: digits only.
    func size(_ index: Int) -> Int64? {
        let digits = field(index)
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= 48 && digit <= 57 else { return nil }
            value = value * 10 + Int64(digit - 48)
        }
        return value
    }

    /// URL-decodes the field into `key` (`+` is a space, `%XX` a byte); false when an escape is
    /// malformed or the bytes are not UTF-8.
    mutating func decodeKey(_ index: Int) -> Bool {
        key.removeAll(keepingCapacity: true)
        let encoded = field(index)
        var position = encoded.startIndex
        var highBytes = false
        while position < encoded.endIndex {
            var byte = encoded[position]
            if byte == 43 {
                byte = 32
            } else if byte == 37 {
                guard encoded.endIndex - position >= 3, let high = Self.hex(encoded[position + 1]),
                    let low = Self.hex(encoded[position + 2])
                else { return false }
                byte = high << 4 | low
                position += 2
            }
            if byte >= 0x80 { highBytes = true }
            key.append(byte)
            position += 1
        }
        return !highBytes || String(validating: key, as: UTF8.self) != nil
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}

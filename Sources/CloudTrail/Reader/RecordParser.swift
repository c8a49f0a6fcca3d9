import CJSONScan
import Foundation

/// Parses CloudTrail records (JSON objects) into an `EventBatch`: known fields flattened into
/// their columns; fields no column holds kept, compact and nested as they were, in the stored
/// `eventjson` chunk (see `EventJSON`), from which the whole record is rebuilt on demand.
///
/// A key that appears twice in a record's fields (known keys compared as the field table folds
/// them, ASCII case ignored) stops the parse: keeping either value would be a guess (README).
/// Values stored as JSON text (`requestParameters` and the like) are kept verbatim.
struct RecordParser {
    /// The columns of the events parsed so far. A column catches up with NULLs only when it next
    /// gets a value (or when the batch is handed over), so the records' absent fields, most of
    /// the schema, cost nothing per record.
    private let fill: ColumnFill
    /// `fill`'s cursors, one per column: each stored value is written through them. The parser
    /// is not copied (it lives in one `LogBatchReader`), so they stay its own.
    private let cursors: UnsafeMutablePointer<ColumnCursor>
    private var eventTimeMs: [Int64] = []
    private var recordBytes: [UInt32] = []
    /// For each struct level of the field table, the record that last opened it.
    private var structOpenedBy: [Int]
    /// Unmapped keys met in each open object, by depth: hash to the key's range in the text.
    private var unmappedKeys: [[UInt64: Range<Int>]] = []
    private var recordNumber = 0
    private let fields = FieldTable.cloudTrail
    private let timeColumn = EventSchema.eventTimeIndex
    private let jsonColumn = EventSchema.eventJSONIndex
    private let emptyObjectsColumn = EventSchema.emptyObjectsIndex
    /// The unmapped-fields object being written for the current record: whether it was opened,
    /// how many nesting levels are open in it, and whether each open level has a member yet (for
    /// commas; an entry counts only while its level is open, so it is not cleared per record).
    private var keptUnmapped = false
    private var openLevels = 0
    private var levelHasMember: [Bool] = []
    /// Keys of the known structs the parser is inside, by depth: written out only when a level
    /// below them turns out to hold an unmapped field.
    private var pendingKeys: [(start: Int, end: Int)] = []

    /// Set while a file is being read; a file that ends with it set is rolled back.
    var failed = false

    /// The events parsed so far, every column filled to the same length.
    var batch: EventBatch {
        var batch = EventBatch()
        batch.columns = fill.copy(rows: count)
        batch.eventTimeMs = eventTimeMs
        batch.recordBytes = recordBytes
        return batch
    }

    /// Number of events parsed so far.
    var count: Int { eventTimeMs.count }

    /// Drops the events from row `count` on (a file that failed half way).
    mutating func rollBack(to count: Int) {
        fill.rollBack(to: count)
        eventTimeMs.removeLast(eventTimeMs.count - count)
        recordBytes.removeLast(recordBytes.count - count)
        recordNumber = count
        for index in structOpenedBy.indices { structOpenedBy[index] = -1 }
    }

    /// Moves the events out, leaving the parser empty.
    mutating func takeBatch() -> EventBatch {
        var batch = EventBatch()
        batch.columns = fill.take(rows: count)
        swap(&batch.eventTimeMs, &eventTimeMs)
        swap(&batch.recordBytes, &recordBytes)
        recordNumber = 0
        for index in structOpenedBy.indices { structOpenedBy[index] = -1 }
        return batch
    }

    init(expectedBytes: Int, recycled: consuming [ColumnValues] = []) {
        fill = ColumnFill(columnCount: EventSchema.columns.count, recycled: recycled)
        cursors = fill.cursors
        structOpenedBy = Array(repeating: -1, count: FieldTable.cloudTrail.levelCount)
        let estimatedEvents = max(16, expectedBytes / 1200)
        fill.reserve(
            values: estimatedEvents,
            bytes: EventSchema.columns.indices.map { $0 == timeColumn ? estimatedEvents * 20 : 0 })
        eventTimeMs.reserveCapacity(estimatedEvents)
        recordBytes.reserveCapacity(estimatedEvents)
    }

    /// Reserves room for `bytes[c]` bytes of text in column `c`.
    mutating func reserveColumns(bytes: [Int]) {
        fill.reserve(values: 0, bytes: bytes)
    }

    /// Parses the record object at the scanner's position. Returns how many of its top-level keys
    /// were known CloudTrail fields (zero suggests the object is not a CloudTrail record).
    mutating func parseRecord(_ scanner: inout JSONScanner) throws(ParseStop) -> Int {
        openLevels = 0
        keptUnmapped = false
        // Left over only by a record that failed half way.
        if !pendingKeys.isEmpty { pendingKeys.removeAll(keepingCapacity: true) }
        let start = scanner.position
        let row = recordNumber
        fill.makeRoom(row: row)
        // The unmapped fields are written as they are met, so that column catches up first.
        cursors[jsonColumn].pad(to: row)
        let (known, _) = try parseObject(&scanner, level: 0, depth: 0)
        let size = UInt32(clamping: scanner.position - start)
        if keptUnmapped {
            cursors[jsonColumn].closeValue(row)
            cursors[jsonColumn].writtenBy = row
        }
        if cursors[emptyObjectsColumn].writtenBy == row { cursors[emptyObjectsColumn].closeValue(row) }
        var time = EventTime.missing
        if cursors[timeColumn].writtenBy == row && !cursors[timeColumn].isNull![row] {
            time = EventTime.milliseconds(cursors[timeColumn].value(row)) ?? EventTime.missing
        }
        eventTimeMs.append(time)
        recordBytes.append(size)
        recordNumber += 1
        return known
    }

    /// Parses an object at `level` of the field table. Returns how many of its keys were known,
    /// and whether a known field in it (or in a known object in it) had a value other than null.
    private mutating func parseObject(_ scanner: inout JSONScanner, level: Int, depth: Int) throws(ParseStop) -> (
        known: Int, valued: Bool
    ) {
        try json(scanner.expect(0x7B, "'{' (a record is a JSON object)"))
        scanner.skipWhitespace()
        if scanner.consume(0x7D) { return (0, false) }
        while unmappedKeys.count <= depth { unmappedKeys.append([:]) }
        if !unmappedKeys[depth].isEmpty { unmappedKeys[depth].removeAll(keepingCapacity: true) }
        var known = 0
        var valued = false
        repeat {
            scanner.skipWhitespace()
            guard scanner.peek() == 0x22 else {
                throw .json(.init(expected: "a quoted key", offset: scanner.position))
            }
            let keyOffset = scanner.position
            let key = try json(scanner.scanString())
            scanner.skipWhitespace()
            try json(scanner.expect(0x3A, "':' after the key"))
            scanner.skipWhitespace()
            let action =
                key.escaped
                ? nil
                : fields.lookup(
                    UnsafeRawBufferPointer(start: scanner.base + key.start, count: key.end - key.start), level: level)
            switch action {
            case .column(let index, let kind)?:
                known += 1
                guard cursors[index].writtenBy != recordNumber else { throw duplicate(key, scanner, at: keyOffset) }
                if try storeValue(&scanner, column: index, kind: kind) { valued = true }
            case .object(let child)?:
                known += 1
                guard structOpenedBy[child] != recordNumber else { throw duplicate(key, scanner, at: keyOffset) }
                structOpenedBy[child] = recordNumber
                if scanner.peek() == 0x7B {
                    pendingKeys.append((key.start, key.end))
                    if try parseObject(&scanner, level: child, depth: depth + 1).valued {
                        valued = true
                    } else {
                        noteEmptyObject(level: child)
                    }
                    pendingKeys.removeLast()
                } else {
                    try keepUnmapped(&scanner, key: key, depth: depth)
                }
            case nil:
                try noteUnmapped(key, scanner, at: keyOffset, depth: depth)
                try keepUnmapped(&scanner, key: key, depth: depth)
            }
            scanner.skipWhitespace()
        } while scanner.consume(0x2C)
        try json(scanner.expect(0x7D, "',' or '}'"))
        if openLevels > depth {
            writeUnmapped(0x7D)
            openLevels = depth
        }
        return (known, valued)
    }

    /// Names the known object at `level` in the record's `emptyobjects` value, by its code (the
    /// level, in decimal): it is present but no known field in it has a value.
    private func noteEmptyObject(level: Int) {
        let row = recordNumber
        fill.makeRoom(column: emptyObjectsColumn, bytes: 21)
        let cursor = cursors + emptyObjectsColumn
        if cursor.pointee.writtenBy == row {
            cursor.pointee.write(0x2C)
        } else {
            cursor.pointee.pad(to: row)
            cursor.pointee.writtenBy = row
        }
        var divisor = 1
        while divisor * 10 <= level { divisor *= 10 }
        while divisor > 0 {
            cursor.pointee.write(UInt8(0x30 + level / divisor % 10))
            divisor /= 10
        }
    }

    /// Records an unmapped key of the object at `depth`; a key met before in it is a duplicate.
    private mutating func noteUnmapped(
        _ key: (start: Int, end: Int, escaped: Bool), _ scanner: JSONScanner, at offset: Int, depth: Int
    ) throws(ParseStop) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in key.start..<key.end { hash = (hash ^ UInt64(scanner.base[index])) &* 0x100_0000_01b3 }
        if let earlier = unmappedKeys[depth][hash] {
            if earlier.count == key.end - key.start
                && memcmp(scanner.base + earlier.lowerBound, scanner.base + key.start, earlier.count) == 0
            {
                throw duplicate(key, scanner, at: offset)
            }
            return  // Two keys with one hash: too rare to track both.
        }
        unmappedKeys[depth][hash] = key.start..<key.end
    }

    private func duplicate(_ key: (start: Int, end: Int, escaped: Bool), _ scanner: JSONScanner, at offset: Int)
        -> ParseStop
    {
        let bytes = UnsafeBufferPointer(start: scanner.base + key.start - 1, count: key.end - key.start + 2)
        return .duplicateKey(String(decoding: bytes, as: UTF8.self), offset: offset)
    }

    /// Copies a field no column holds into the record's unmapped-fields object, opening the
    /// enclosing struct levels there first.
    private mutating func keepUnmapped(
        _ scanner: inout JSONScanner, key: (start: Int, end: Int, escaped: Bool), depth: Int
    ) throws(ParseStop) {
        let start = scanner.position
        let whitespaceBefore = scanner.whitespaceSkipped
        try json(scanner.skipValue(depth: depth + 1))
        let compact = scanner.whitespaceSkipped == whitespaceBefore
        while levelHasMember.count <= depth { levelHasMember.append(false) }
        while openLevels <= depth {
            if openLevels > 0 {
                if levelHasMember[openLevels - 1] { writeUnmapped(0x2C) }
                levelHasMember[openLevels - 1] = true
                let parentKey = pendingKeys[openLevels - 1]
                appendKey(parentKey.start, parentKey.end, scanner)
            }
            writeUnmapped(0x7B)
            levelHasMember[openLevels] = false
            openLevels += 1
            keptUnmapped = true
        }
        if levelHasMember[depth] { writeUnmapped(0x2C) }
        levelHasMember[depth] = true
        appendKey(key.start, key.end, scanner)
        copyJSON(jsonColumn, scanner, from: start, to: scanner.position, compact: compact)
    }

    private func appendKey(_ start: Int, _ end: Int, _ scanner: JSONScanner) {
        fill.makeRoom(column: jsonColumn, bytes: end - start + 3)
        let cursor = cursors + jsonColumn
        cursor.pointee.write(0x22)
        cursor.pointee.write(scanner.base + start, count: end - start)
        cursor.pointee.write(0x22)
        cursor.pointee.write(0x3A)
    }

    /// Writes one byte of the unmapped-fields object.
    private func writeUnmapped(_ byte: UInt8) {
        fill.makeRoom(column: jsonColumn, bytes: 1)
        cursors[jsonColumn].write(byte)
    }

    /// Stores the value at the scanner in `column`; returns false when it was JSON null.
    private mutating func storeValue(_ scanner: inout JSONScanner, column: Int, kind: ColumnKind) throws(ParseStop)
        -> Bool
    {
        guard let first = scanner.peek() else {
            throw .json(.init(expected: "a JSON value", offset: scanner.position))
        }
        let row = recordNumber
        let cursor = cursors + column
        // A JSON null writes nothing, but its key counts: a second one is still a duplicate.
        cursor.pointee.writtenBy = row
        cursor.pointee.pad(to: row)
        switch first {
        case 0x22 where kind != .json:
            let string = try json(scanner.scanString())
            let count = string.end - string.start
            fill.makeRoom(column: column, bytes: count)
            if string.escaped {
                // The scanner has checked the escapes already.
                let (written, _) = EventJSON.unescape(
                    UnsafeRawBufferPointer(start: scanner.base + string.start, count: count), into: cursor.pointee.next)
                cursor.pointee.byteCount += written
            } else {
                cursor.pointee.write(scanner.base + string.start, count: count)
            }
        case 0x6E:
            _ = try json(scanner.scanLiteral())
            cursor.pointee.closeValue(row, null: true)
            return false
        case 0x7B, 0x5B, 0x22:
            let start = scanner.position
            let whitespaceBefore = scanner.whitespaceSkipped
            try json(scanner.skipValue())
            copyJSON(
                column, scanner, from: start, to: scanner.position,
                compact: scanner.whitespaceSkipped == whitespaceBefore)
        default:
            let literal = try json(scanner.scanLiteral())
            fill.makeRoom(column: column, bytes: literal.end - literal.start)
            cursor.pointee.write(scanner.base + literal.start, count: literal.end - literal.start)
        }
        cursor.pointee.closeValue(row)
        return true
    }

    /// Copies JSON text into `column`, dropping whitespace outside strings unless the range is
    /// known compact.
    private func copyJSON(_ column: Int, _ scanner: JSONScanner, from start: Int, to end: Int, compact: Bool) {
        fill.makeRoom(column: column, bytes: end - start)
        let cursor = cursors + column
        if compact {
            cursor.pointee.write(scanner.base + start, count: end - start)
        } else {
            cursor.pointee.byteCount += cjson_copy_compact(cursor.pointee.next, scanner.base + start, end - start)
        }
    }
}

/// A scanner step inside the record parser.
@inline(__always) private func json<T>(_ step: @autoclosure () throws(JSONScanner.Failure) -> T) throws(ParseStop) -> T
{
    do { return try step() } catch { throw .json(error) }
}

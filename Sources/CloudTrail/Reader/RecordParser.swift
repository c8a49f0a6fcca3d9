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
    /// The events parsed so far. A column catches up with NULLs only when it next gets a value
    /// (or when the batch is handed over), so the records' absent fields, most of the schema,
    /// cost nothing per record.
    private var columnsInProgress = EventBatch()
    /// For each column, the record that last wrote it: a second write is a duplicate key.
    private var writtenBy: [Int]
    /// For each struct level of the field table, the record that last opened it.
    private var structOpenedBy: [Int]
    /// Unmapped keys met in each open object, by depth: hash to the key's range in the text.
    private var unmappedKeys: [[UInt64: Range<Int>]] = []
    private var recordNumber = 0
    private let fields = FieldTable.cloudTrail
    private let timeColumn = EventSchema.eventTimeIndex
    private let jsonColumn = EventSchema.eventJSONIndex
    /// The unmapped-fields object being written for the current record: how many nesting levels
    /// are open in it, and whether each open level has a member yet (for commas).
    private var openLevels = 0
    private var levelHasMember: [Bool] = []
    /// Keys of the known structs the parser is inside, by depth: written out only when a level
    /// below them turns out to hold an unmapped field.
    private var pendingKeys: [(start: Int, end: Int)] = []

    /// The storage of `columnsInProgress.columns` and `writtenBy` while `parseRecord` runs.
    private struct Lent {
        var columns: UnsafeMutablePointer<ColumnValues>! = nil
        var writtenBy: UnsafeMutablePointer<Int>! = nil
    }
    private var lent = Lent()

    /// Set while a file is being read; a file that ends with it set is rolled back.
    var failed = false

    /// The events parsed so far, every column filled to the same length.
    var batch: EventBatch {
        var padded = columnsInProgress
        padded.padColumns()
        return padded
    }

    /// Number of events parsed so far.
    var count: Int { columnsInProgress.eventTimeMs.count }

    /// Drops the events from row `count` on (a file that failed half way).
    mutating func rollBack(to count: Int) {
        for column in columnsInProgress.columns.indices { columnsInProgress.columns[column].truncate(to: count) }
        columnsInProgress.eventTimeMs.removeLast(columnsInProgress.eventTimeMs.count - count)
        columnsInProgress.recordBytes.removeLast(columnsInProgress.recordBytes.count - count)
        recordNumber = count
        for index in writtenBy.indices { writtenBy[index] = -1 }
        for index in structOpenedBy.indices { structOpenedBy[index] = -1 }
    }

    /// Moves the events out, leaving the parser empty.
    mutating func takeBatch() -> EventBatch {
        columnsInProgress.padColumns()
        defer {
            columnsInProgress = EventBatch()
            recordNumber = 0
            for index in writtenBy.indices { writtenBy[index] = -1 }
            for index in structOpenedBy.indices { structOpenedBy[index] = -1 }
        }
        return columnsInProgress
    }

    init(expectedBytes: Int) {
        writtenBy = Array(repeating: -1, count: EventSchema.columns.count)
        structOpenedBy = Array(repeating: -1, count: FieldTable.cloudTrail.levelCount)
        let estimatedEvents = max(16, expectedBytes / 1200)
        for index in columnsInProgress.columns.indices {
            let share = index == timeColumn ? estimatedEvents * 20 : 0
            columnsInProgress.columns[index].reserve(values: estimatedEvents, bytes: share)
        }
        columnsInProgress.eventTimeMs.reserveCapacity(estimatedEvents)
        columnsInProgress.recordBytes.reserveCapacity(estimatedEvents)
    }

    /// Reserves room for `bytes[c]` bytes of text in column `c`.
    mutating func reserveColumns(bytes: [Int]) {
        for (column, count) in zip(columnsInProgress.columns.indices, bytes) {
            columnsInProgress.columns[column].bytes.reserveCapacity(count)
        }
    }

    /// Parses the record object at the scanner's position. Returns how many of its top-level keys
    /// were known CloudTrail fields (zero suggests the object is not a CloudTrail record).
    mutating func parseRecord(_ scanner: inout JSONScanner) throws(ParseStop) -> Int {
        // The columns and `writtenBy` are lent to the parse as plain pointers: each value stored
        // then skips the arrays' uniqueness and bounds checks (a few per value, some forty
        // values per event).
        var columns: [ColumnValues] = []
        var written: [Int] = []
        swap(&columns, &columnsInProgress.columns)
        swap(&written, &writtenBy)
        defer {
            swap(&columns, &columnsInProgress.columns)
            swap(&written, &writtenBy)
            lent = Lent()
        }
        return try columns.withUnsafeMutableBufferPointer { (columns) throws(ParseStop) in
            try written.withUnsafeMutableBufferPointer { (written) throws(ParseStop) in
                lent = Lent(columns: columns.baseAddress, writtenBy: written.baseAddress)
                return try parseLentRecord(&scanner)
            }
        }
    }

    private mutating func parseLentRecord(_ scanner: inout JSONScanner) throws(ParseStop) -> Int {
        openLevels = 0
        levelHasMember.removeAll(keepingCapacity: true)
        pendingKeys.removeAll(keepingCapacity: true)
        let start = scanner.position
        // The unmapped fields are written as they are met, so that column catches up first.
        lent.columns[jsonColumn].pad(to: recordNumber)
        let known = try parseObject(&scanner, level: 0, depth: 0)
        let size = UInt32(clamping: scanner.position - start)
        if levelHasMember.first == true {
            lent.columns[jsonColumn].closeValue()
            lent.writtenBy[jsonColumn] = recordNumber
        }
        var time = EventTime.missing
        if lent.writtenBy[timeColumn] == recordNumber && !lent.columns[timeColumn].isNull[recordNumber] {
            let range = lent.columns[timeColumn].range(recordNumber)
            time =
                lent.columns[timeColumn].bytes.withUnsafeBytes {
                    EventTime.milliseconds(UnsafeRawBufferPointer(rebasing: $0[range]))
                } ?? EventTime.missing
        }
        columnsInProgress.eventTimeMs.append(time)
        columnsInProgress.recordBytes.append(size)
        recordNumber += 1
        return known
    }

    private mutating func parseObject(_ scanner: inout JSONScanner, level: Int, depth: Int) throws(ParseStop) -> Int {
        try json(scanner.expect(0x7B, "'{' (a record is a JSON object)"))
        scanner.skipWhitespace()
        if scanner.consume(0x7D) { return 0 }
        while unmappedKeys.count <= depth { unmappedKeys.append([:]) }
        if !unmappedKeys[depth].isEmpty { unmappedKeys[depth].removeAll(keepingCapacity: true) }
        var known = 0
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
                guard lent.writtenBy[index] != recordNumber else { throw duplicate(key, scanner, at: keyOffset) }
                try storeValue(&scanner, column: index, kind: kind)
            case .object(let child)?:
                known += 1
                guard structOpenedBy[child] != recordNumber else { throw duplicate(key, scanner, at: keyOffset) }
                structOpenedBy[child] = recordNumber
                if scanner.peek() == 0x7B {
                    pendingKeys.append((key.start, key.end))
                    _ = try parseObject(&scanner, level: child, depth: depth + 1)
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
            lent.columns[jsonColumn].bytes.append(0x7D)
            openLevels = depth
        }
        return known
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
                if levelHasMember[openLevels - 1] { lent.columns[jsonColumn].bytes.append(0x2C) }
                levelHasMember[openLevels - 1] = true
                let parentKey = pendingKeys[openLevels - 1]
                appendKey(parentKey.start, parentKey.end, scanner)
            }
            lent.columns[jsonColumn].bytes.append(0x7B)
            levelHasMember[openLevels] = false
            openLevels += 1
        }
        if levelHasMember[depth] { lent.columns[jsonColumn].bytes.append(0x2C) }
        levelHasMember[depth] = true
        appendKey(key.start, key.end, scanner)
        copyJSON(&lent.columns[jsonColumn], scanner, from: start, to: scanner.position, compact: compact)
    }

    private mutating func appendKey(_ start: Int, _ end: Int, _ scanner: JSONScanner) {
        lent.columns[jsonColumn].bytes.append(0x22)
        lent.columns[jsonColumn].bytes.append(
            contentsOf: UnsafeBufferPointer(start: scanner.base + start, count: end - start))
        lent.columns[jsonColumn].bytes.append(contentsOf: [0x22, 0x3A])
    }

    private mutating func storeValue(_ scanner: inout JSONScanner, column: Int, kind: ColumnKind) throws(ParseStop) {
        guard let first = scanner.peek() else {
            throw .json(.init(expected: "a JSON value", offset: scanner.position))
        }
        // A JSON null writes nothing, but its key counts: a second one is still a duplicate.
        lent.writtenBy[column] = recordNumber
        lent.columns[column].pad(to: recordNumber)
        switch first {
        case 0x22 where kind != .json:
            let string = try json(scanner.scanString())
            if string.escaped {
                // The scanner has checked the escapes already.
                EventJSON.appendUnescaped(
                    UnsafeRawBufferPointer(start: scanner.base + string.start, count: string.end - string.start),
                    into: &lent.columns[column].bytes)
            } else {
                lent.columns[column].appendValue(
                    UnsafeBufferPointer(start: scanner.base + string.start, count: string.end - string.start))
                return
            }
        case 0x6E:
            _ = try json(scanner.scanLiteral())
            lent.columns[column].appendNull()
            return
        case 0x7B, 0x5B, 0x22:
            let start = scanner.position
            let whitespaceBefore = scanner.whitespaceSkipped
            try json(scanner.skipValue())
            copyJSON(
                &lent.columns[column], scanner, from: start, to: scanner.position,
                compact: scanner.whitespaceSkipped == whitespaceBefore)
        default:
            let literal = try json(scanner.scanLiteral())
            lent.columns[column].bytes.append(
                contentsOf: UnsafeBufferPointer(start: scanner.base + literal.start, count: literal.end - literal.start)
            )
        }
        lent.columns[column].closeValue()
    }

    /// Copies JSON text, dropping whitespace outside strings unless the range is known compact.
    private func copyJSON(
        _ column: inout ColumnValues, _ scanner: JSONScanner, from start: Int, to end: Int, compact: Bool
    ) {
        let source = UnsafeBufferPointer(start: scanner.base + start, count: end - start)
        if compact {
            column.bytes.append(contentsOf: source)
            return
        }
        // Room for the whole range first; CJSONScan writes the compact text into it, and what
        // whitespace it dropped is cut off again.
        let first = column.bytes.count
        column.bytes.append(contentsOf: repeatElement(0, count: source.count))
        let written = column.bytes.withUnsafeMutableBufferPointer { bytes in
            cjson_copy_compact(bytes.baseAddress! + first, source.baseAddress!, source.count)
        }
        column.bytes.removeLast(source.count - written)
    }
}

/// A scanner step inside the record parser.
@inline(__always) private func json<T>(_ step: @autoclosure () throws(JSONScanner.Failure) -> T) throws(ParseStop) -> T
{
    do { return try step() } catch { throw .json(error) }
}

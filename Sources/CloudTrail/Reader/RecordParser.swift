/// Parses CloudTrail records (JSON objects) into an `EventBatch`: known fields flattened into
/// their columns; fields no column holds kept, compact and nested as they were, in the stored
/// `eventjson` chunk (see `EventJSON`), from which the whole record is rebuilt on demand.
struct RecordParser {
    private(set) var batch = EventBatch()
    /// For each column, the record that last wrote it: a duplicate key keeps its first value.
    private var writtenBy: [Int]
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

    /// Set while a file is being read; a file that ends with it set is rolled back.
    var failed = false

    /// Drops the events from row `count` on (a file that failed half way).
    mutating func rollBack(to count: Int) {
        for column in batch.columns.indices { batch.columns[column].truncate(to: count) }
        batch.eventTimeMs.removeLast(batch.eventTimeMs.count - count)
        batch.recordBytes.removeLast(batch.recordBytes.count - count)
        recordNumber = count
        for index in writtenBy.indices { writtenBy[index] = -1 }
    }

    /// Moves the events out, leaving the parser empty.
    mutating func takeBatch() -> EventBatch {
        defer {
            batch = EventBatch()
            recordNumber = 0
            for index in writtenBy.indices { writtenBy[index] = -1 }
        }
        return batch
    }

    init(expectedBytes: Int) {
        writtenBy = Array(repeating: -1, count: EventSchema.columns.count)
        let estimatedEvents = max(16, expectedBytes / 1200)
        for index in batch.columns.indices {
            let share = index == timeColumn ? estimatedEvents * 20 : 0
            batch.columns[index].reserve(values: estimatedEvents, bytes: share)
        }
        batch.eventTimeMs.reserveCapacity(estimatedEvents)
        batch.recordBytes.reserveCapacity(estimatedEvents)
    }

    /// Parses the record object at the scanner's position. Returns how many of its top-level keys
    /// were known CloudTrail fields (zero suggests the object is not a CloudTrail record).
    mutating func parseRecord(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> Int {
        openLevels = 0
        levelHasMember.removeAll(keepingCapacity: true)
        pendingKeys.removeAll(keepingCapacity: true)
        let start = scanner.position
        let known = try parseObject(&scanner, level: 0, depth: 0)
        let size = UInt32(clamping: scanner.position - start)
        if levelHasMember.first == true {
            batch.columns[jsonColumn].closeValue()
            writtenBy[jsonColumn] = recordNumber
        }
        for column in batch.columns.indices where writtenBy[column] != recordNumber {
            batch.columns[column].appendNull()
        }
        var time = EventTime.missing
        if !batch.columns[timeColumn].isNull[recordNumber] {
            let range = batch.columns[timeColumn].range(recordNumber)
            time =
                batch.columns[timeColumn].bytes.withUnsafeBytes {
                    EventTime.milliseconds(UnsafeRawBufferPointer(rebasing: $0[range]))
                } ?? EventTime.missing
        }
        batch.eventTimeMs.append(time)
        batch.recordBytes.append(size)
        recordNumber += 1
        return known
    }

    private mutating func parseObject(_ scanner: inout JSONScanner, level: Int, depth: Int) throws(JSONScanner.Failure)
        -> Int
    {
        try scanner.expect(0x7B, "'{' (a record is a JSON object)")
        scanner.skipWhitespace()
        if scanner.consume(0x7D) { return 0 }
        var known = 0
        repeat {
            scanner.skipWhitespace()
            guard scanner.peek() == 0x22 else { throw .init(expected: "a quoted key", offset: scanner.position) }
            let key = try scanner.scanString()
            scanner.skipWhitespace()
            try scanner.expect(0x3A, "':' after the key")
            scanner.skipWhitespace()
            let action =
                key.escaped
                ? nil
                : fields.lookup(
                    UnsafeRawBufferPointer(start: scanner.base + key.start, count: key.end - key.start), level: level)
            switch action {
            case .column(let index, let kind)?:
                known += 1
                try storeValue(&scanner, column: index, kind: kind)
            case .object(let child)? where scanner.peek() == 0x7B:
                known += 1
                pendingKeys.append((key.start, key.end))
                _ = try parseObject(&scanner, level: child, depth: depth + 1)
                pendingKeys.removeLast()
            case .object?:
                known += 1
                try keepUnmapped(&scanner, key: key, depth: depth)
            case nil:
                try keepUnmapped(&scanner, key: key, depth: depth)
            }
            scanner.skipWhitespace()
        } while scanner.consume(0x2C)
        try scanner.expect(0x7D, "',' or '}'")
        if openLevels > depth {
            batch.columns[jsonColumn].bytes.append(0x7D)
            openLevels = depth
        }
        return known
    }

    /// Copies a field no column holds into the record's unmapped-fields object, opening the
    /// enclosing struct levels there first.
    private mutating func keepUnmapped(
        _ scanner: inout JSONScanner, key: (start: Int, end: Int, escaped: Bool), depth: Int
    ) throws(JSONScanner.Failure) {
        let start = scanner.position
        let whitespaceBefore = scanner.whitespaceSkipped
        try scanner.skipValue(depth: depth + 1)
        let compact = scanner.whitespaceSkipped == whitespaceBefore
        while levelHasMember.count <= depth { levelHasMember.append(false) }
        while openLevels <= depth {
            if openLevels > 0 {
                if levelHasMember[openLevels - 1] { batch.columns[jsonColumn].bytes.append(0x2C) }
                levelHasMember[openLevels - 1] = true
                let parentKey = pendingKeys[openLevels - 1]
                appendKey(parentKey.start, parentKey.end, scanner)
            }
            batch.columns[jsonColumn].bytes.append(0x7B)
            levelHasMember[openLevels] = false
            openLevels += 1
        }
        if levelHasMember[depth] { batch.columns[jsonColumn].bytes.append(0x2C) }
        levelHasMember[depth] = true
        appendKey(key.start, key.end, scanner)
        copyJSON(&batch.columns[jsonColumn], scanner, from: start, to: scanner.position, compact: compact)
    }

    private mutating func appendKey(_ start: Int, _ end: Int, _ scanner: JSONScanner) {
        batch.columns[jsonColumn].bytes.append(0x22)
        batch.columns[jsonColumn].bytes.append(
            contentsOf: UnsafeBufferPointer(start: scanner.base + start, count: end - start))
        batch.columns[jsonColumn].bytes.append(contentsOf: [0x22, 0x3A])
    }

    private mutating func storeValue(_ scanner: inout JSONScanner, column: Int, kind: ColumnKind) throws(JSONScanner
        .Failure)
    {
        guard let first = scanner.peek() else { throw .init(expected: "a JSON value", offset: scanner.position) }
        if writtenBy[column] == recordNumber {
            try scanner.skipValue()
            return
        }
        switch first {
        case 0x22 where kind != .json:
            let string = try scanner.scanString()
            if string.escaped {
                // The scanner has checked the escapes already.
                EventJSON.appendUnescaped(
                    UnsafeRawBufferPointer(start: scanner.base + string.start, count: string.end - string.start),
                    into: &batch.columns[column].bytes)
            } else {
                batch.columns[column].bytes.append(
                    contentsOf: UnsafeBufferPointer(
                        start: scanner.base + string.start, count: string.end - string.start))
            }
        case 0x6E:
            _ = try scanner.scanLiteral()
            return
        case 0x7B, 0x5B, 0x22:
            let start = scanner.position
            let whitespaceBefore = scanner.whitespaceSkipped
            try scanner.skipValue()
            copyJSON(
                &batch.columns[column], scanner, from: start, to: scanner.position,
                compact: scanner.whitespaceSkipped == whitespaceBefore)
        default:
            let literal = try scanner.scanLiteral()
            batch.columns[column].bytes.append(
                contentsOf: UnsafeBufferPointer(start: scanner.base + literal.start, count: literal.end - literal.start)
            )
        }
        batch.columns[column].closeValue()
        writtenBy[column] = recordNumber
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
        var inString = false
        var escapeNext = false
        column.bytes.reserveCapacity(column.bytes.count + source.count)
        for byte in source {
            if inString {
                if escapeNext {
                    escapeNext = false
                } else if byte == 0x5C {
                    escapeNext = true
                } else if byte == 0x22 {
                    inString = false
                }
                column.bytes.append(byte)
            } else {
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09: continue
                case 0x22: inString = true
                default: break
                }
                column.bytes.append(byte)
            }
        }
    }
}

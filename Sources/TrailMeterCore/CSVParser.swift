/// One CSV record and the line it starts on.
public struct CSVRecord: Equatable, Sendable {
    /// 1-based line where the record starts (a quoted field may carry it over several lines).
    public let line: Int
    /// The fields, unquoted.
    public let fields: [String]
}

/// Why a CSV text could not be read: the line and what is wrong there.
public struct CSVSyntaxError: Error, Equatable, Sendable {
    /// 1-based line of the problem.
    public let line: Int
    /// What is wrong, in words for the person who edits the file.
    public let reason: String
    /// When a field passed the reader's size cap: its 1-based number in the record and the first
    /// record's field at that number (the column's name when the text starts with a header).
    public var oversizedField: (number: Int, header: String?)? {
        oversizedFieldNumber.map { ($0, oversizedFieldHeader) }
    }
    var oversizedFieldNumber: Int?
    var oversizedFieldHeader: String?

    init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// A small, strict RFC 4180 reader for files people edit (pricing tables, offer files).
///
/// Written here rather than taken from a library because every error must name its line, quoted
/// fields may span lines (the record keeps the line it starts on), and anything irregular (a stray
/// quote, text after a closing quote, an unterminated quote) must be refused, not guessed at.
/// Records may end in `\n`, `\r\n` or `\r`, since editors differ.
///
/// The text is read as UTF-8 bytes (every delimiter is ASCII, so no field is cut inside a
/// character): memory is the text, the records, and one field being read, which `maxFieldBytes`
/// caps so that one huge field is refused at its cap rather than read whole.
public enum CSVParser {
    /// Splits `text` into records. Blank lines are skipped; a leading byte-order mark is ignored.
    /// A field longer than `maxFieldBytes` bytes of UTF-8 (quotes not counted) is an error naming it.
    public static func records(_ text: String, maxFieldBytes: Int = .max) throws(CSVSyntaxError) -> [CSVRecord] {
        var text = text
        // withUTF8 only rethrows untyped errors, so the parse hands back a Result.
        return try text.withUTF8 { bytes in
            Result { () throws(CSVSyntaxError) in
                var reader = ByteReader(maxFieldBytes: maxFieldBytes)
                return try reader.records(bytes)
            }
        }.get()
    }

    /// The parse's state over one text's bytes.
    private struct ByteReader {
        let maxFieldBytes: Int
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var fieldLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false

        init(maxFieldBytes: Int) { self.maxFieldBytes = maxFieldBytes }

        func fail(_ why: String) -> CSVSyntaxError { CSVSyntaxError(line: line, reason: why) }

        mutating func append(_ byte: UInt8) throws(CSVSyntaxError) {
            guard field.count < maxFieldBytes else {
                var error = CSVSyntaxError(
                    line: fieldLine,
                    reason: "a field longer than \(maxFieldBytes) bytes, the most this file's fields may hold")
                error.oversizedFieldNumber = fields.count + 1
                error.oversizedFieldHeader = records.first.flatMap {
                    $0.fields.indices.contains(fields.count) ? $0.fields[fields.count] : nil
                }
                throw error
            }
            field.append(byte)
        }

        mutating func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
            afterClosingQuote = false
            fieldLine = line
        }

        mutating func endRecord() {
            let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
            endField()
            if !blank { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
        }

        mutating func records(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVSyntaxError) -> [CSVRecord] {
            let quote = UInt8(ascii: "\"")
            let comma = UInt8(ascii: ",")
            let lf = UInt8(ascii: "\n")
            let cr = UInt8(ascii: "\r")
            var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if inQuotes {
                    if byte == quote {
                        if index < bytes.count, bytes[index] == quote {
                            try append(quote)
                            index += 1
                        } else {
                            inQuotes = false
                            afterClosingQuote = true
                        }
                        continue
                    }
                    try append(byte)
                    // A CR LF pair is one line end, counted at its LF.
                    if byte == lf || (byte == cr && !(index < bytes.count && bytes[index] == lf)) { line += 1 }
                    continue
                }
                switch byte {
                case comma: endField()
                case quote:
                    guard field.isEmpty, !fieldWasQuoted else {
                        throw fail("a quote inside an unquoted field; quote the whole field and double inner quotes")
                    }
                    inQuotes = true
                    fieldWasQuoted = true
                case lf, cr:
                    if byte == cr, index < bytes.count, bytes[index] == lf { index += 1 }
                    line += 1
                    endRecord()
                    recordLine = line
                default:
                    if afterClosingQuote { throw fail("text after a closing quote") }
                    try append(byte)
                }
            }
            if inQuotes { throw fail("a quoted field is never closed") }
            if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
            return records
        }
    }
}

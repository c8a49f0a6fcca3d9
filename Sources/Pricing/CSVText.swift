/// One CSV record and the line it starts on.
struct CSVRecord: Equatable {
    let line: Int
    let fields: [String]
}

/// A small, strict RFC 4180 reader and writer.
///
/// Written here rather than taken from a library because every error must name its line, quoted
/// fields may span lines (the record keeps the line it starts on), and anything irregular (a stray
/// quote, text after a closing quote, an unterminated quote) must be refused, not guessed at.
enum CSVText {
    /// Splits `text` into records. Blank lines are skipped; a leading byte-order mark is ignored.
    static func parse(_ text: String, file: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }

        func fail(_ why: String) -> PricingError {
            .invalidTables([TableIssue(SourceLocation(file: file, line: line), .malformedCSV(why))])
        }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
            afterClosingQuote = false
        }

        var index = 0
        while index < chars.count {
            let c = chars[index]
            index += 1
            if inQuotes {
                if c == "\"" {
                    if index < chars.count, chars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if c.isNewline { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
                afterClosingQuote = false
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw fail("a quote inside an unquoted field; quote the whole field and double inner quotes")
                }
                inQuotes = true
                fieldWasQuoted = true
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                if afterClosingQuote { throw fail("text after a closing quote") }
                field.append(c)
            }
        }
        if inQuotes { throw fail("a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// Writes records with `\n` line ends, quoting only fields that need it.
    static func write(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map(quoteIfNeeded).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    static func quoteIfNeeded(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A CSV file whose first record names its columns, read by column name.
struct CSVTable {
    let file: String
    let columns: [String]
    let rows: [CSVRecord]

    /// Parses `text` and checks the header holds exactly `required` plus any of `optional`.
    init(text: String, file: String, required: [String], optional: [String] = []) throws {
        let records = try CSVText.parse(text, file: file)
        guard let header = records.first else {
            throw PricingError.invalidTables([
                TableIssue(SourceLocation(file: file, line: 1), .missingColumn(required[0]))
            ])
        }
        var issues: [TableIssue] = []
        let headerLocation = SourceLocation(file: file, line: header.line)
        for name in required where !header.fields.contains(name) {
            issues.append(TableIssue(headerLocation, .missingColumn(name)))
        }
        for name in header.fields where !required.contains(name) && !optional.contains(name) {
            issues.append(TableIssue(headerLocation, .unexpectedColumn(name)))
        }
        for record in records.dropFirst() where record.fields.count != header.fields.count {
            issues.append(
                TableIssue(
                    SourceLocation(file: file, line: record.line),
                    .wrongFieldCount(expected: header.fields.count, found: record.fields.count)))
        }
        if !issues.isEmpty { throw PricingError.invalidTables(issues) }
        self.file = file
        self.columns = header.fields
        self.rows = Array(records.dropFirst())
    }

    /// The value of `column` in `row` ("" when the column is optional and absent).
    func value(_ column: String, in row: CSVRecord) -> String {
        guard let index = columns.firstIndex(of: column) else { return "" }
        return row.fields[index]
    }

    func location(of row: CSVRecord) -> SourceLocation {
        SourceLocation(file: file, line: row.line)
    }
}

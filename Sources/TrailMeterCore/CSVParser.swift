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
}

/// A small, strict RFC 4180 reader for files people edit (pricing tables, offer files).
///
/// Written here rather than taken from a library because every error must name its line, quoted
/// fields may span lines (the record keeps the line it starts on), and anything irregular (a stray
/// quote, text after a closing quote, an unterminated quote) must be refused, not guessed at.
/// Records may end in `\n`, `\r\n` or `\r`, since editors differ.
public enum CSVParser {
    /// Splits `text` into records. Blank lines are skipped; a leading byte-order mark is ignored.
    public static func records(_ text: String) throws(CSVSyntaxError) -> [CSVRecord] {
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

        func fail(_ why: String) -> CSVSyntaxError { CSVSyntaxError(line: line, reason: why) }
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
}

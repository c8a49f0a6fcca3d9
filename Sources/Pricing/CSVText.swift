import TrailMeterCore

/// CSV as the pricing tables read and write it: errors become table issues naming the file.
enum CSVText {
    /// Splits `text` into records; a syntax error is reported at `file` and its line, a field over
    /// `maxFieldBytes` with its column's name.
    static func parse(_ text: String, file: String, maxFieldBytes: Int = .max) throws -> [CSVRecord] {
        do {
            return try CSVParser.records(text, maxFieldBytes: maxFieldBytes)
        } catch {
            let location = SourceLocation(file: file, line: error.line)
            guard let field = error.oversizedField else {
                throw PricingError.invalidTables([TableIssue(location, .malformedCSV(error.reason))])
            }
            throw PricingError.invalidTables([
                TableIssue(location, field: field.header ?? "#\(field.number)", .fieldTooLong(limit: maxFieldBytes))
            ])
        }
    }

    /// Writes records with `\n` line ends (the tables are edited and diffed), quoting only fields that need it.
    static func write(_ rows: [[String]]) -> String { CSVWriter.text(rows, lineEnd: .lf) }
}

/// A CSV file whose first record names its columns, read by column name.
struct CSVTable {
    let file: String
    let columns: [String]
    let rows: [CSVRecord]

    /// Parses `text` and checks the header holds exactly `required` plus any of `optional`.
    init(text: String, file: String, required: [String], optional: [String] = []) throws {
        let records = try CSVText.parse(text, file: file, maxFieldBytes: TableFile.maxFieldBytes)
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

import CloudTrail
import Foundation
import QueryEngine
import SQLite
import TrailMeterCore

/// Writes a query's rows to stdout as they come: CSV and JSON a row at a time, through a
/// buffer flushed every few tens of kilobytes, so that memory stays flat whatever the row count.
/// The table format needs widths, so its rows are handed to `RowFormatter` at the end.
final class RowStream {
    let format: QueryCommand.OutputFormat
    let columns: [String]
    private var buffer: [UInt8] = []
    private var rowsWritten = 0
    /// The table renderer: it holds back only its bounded look-ahead to size the columns.
    private var table: TableStream?

    init(format: QueryCommand.OutputFormat, columns: [String]) {
        self.format = format
        self.columns = columns
        buffer.reserveCapacity(1 << 16)
        if format == .table {
            table = TableStream(columns: columns) { [unowned self] line in
                self.append(line)
                self.append("\n")
            }
        }
    }

    /// Takes one row.
    func add(_ row: [SQLiteValue]) {
        switch format {
        case .table:
            table?.add(row)
        case .csv:
            if rowsWritten == 0 { appendCSV(columns) }
            appendCSV(row.map { RowFormatter.text($0) ?? "" })
        case .json:
            append(rowsWritten == 0 ? "[\n  " : ",\n  ")
            appendJSONObject(row)
        }
        rowsWritten += 1
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Ends the output (CSV with only its header when there were no rows, JSON with `]`).
    func finish() {
        switch format {
        case .table: table?.finish()
        case .csv:
            if rowsWritten == 0 { appendCSV(columns) }
        case .json:
            append(rowsWritten == 0 ? "[\n\n]\n" : "\n]\n")
        }
        flush()
    }

    private func appendCSV(_ fields: [String]) {
        append(fields.map(CSVWriter.field).joined(separator: ",") + "\n")
    }

    private func appendJSONObject(_ row: [SQLiteValue]) {
        append("{")
        for (index, (name, value)) in zip(columns, row).enumerated() {
            if index > 0 { append(",") }
            appendQuoted(name)
            append(":")
            switch value {
            case .null: append("null")
            case .integer(let v): append(String(v))
            case .real(let v) where v.isFinite: append(ValuePresentation.doubleText(v))
            default: appendQuoted(RowFormatter.text(value) ?? "")
            }
        }
        append("}")
    }

    private func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { EventJSON.appendString(UnsafeRawBufferPointer($0), into: &buffer) }
    }

    private func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    private func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

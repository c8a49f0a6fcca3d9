/// A place in text the user wrote: a table file's line, or a line and column of SQL.
///
/// One type for every module that reports where input went wrong, so messages read alike:
/// `rates/AmazonS3.csv:12` for a file, `line 3, column 19` for SQL given on the command line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user should see it, e.g. `PricingTables/rates/AmazonAthena.csv`; empty
    /// when the text was not read from a file.
    public var file: String
    /// 1-based line (the line where it starts, for a record or token spanning lines).
    public var line: Int
    /// 1-based column, counting characters; nil when only the line is known.
    public var column: Int?
    /// The UTF-8 byte offset into the text; nil when only the line is known.
    public var offset: Int?

    /// A line of a file.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// A line and column of text not read from a file, with its byte offset.
    public init(line: Int, column: Int, offset: Int) {
        self.file = ""
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The line and column of byte `offset` in `text`.
    public init(offset: Int, in text: String) {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if consumed + width > offset { break }
            consumed += width
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.init(line: line, column: column, offset: offset)
    }

    /// `file:line` (with `:column` when known) for a file; `line L, column C` otherwise.
    public var description: String {
        if file.isEmpty { return "line \(line)" + (column.map { ", column \($0)" } ?? "") }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }
}

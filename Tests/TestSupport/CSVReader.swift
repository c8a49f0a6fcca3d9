import Foundation

/// A strict RFC 4180 reader for checking what TrailMeter writes. Kept apart from the production
/// parser on purpose, so that a test reads output with an independent implementation.
///
/// Strict means: a quote may only open a field or be doubled inside a quoted one; a closing
/// quote must be followed by a comma or a line end; records end in exactly the line end the
/// caller expects (a stray CR or LF outside quotes is an error); every record has as many fields
/// as the first. The last record may or may not be followed by a line end.
public enum CSVReader {
    /// Why the text is not well-formed CSV: the record (1-based) and what is wrong.
    public struct Malformed: Error, CustomStringConvertible {
        public let record: Int
        public let reason: String
        public var description: String { "record \(record): \(reason)" }
    }

    /// A field every CSV writer must quote and every reader must give back whole: a comma, a
    /// quote, a bare LF and a CRLF (which Swift counts as one `Character`).
    public static let trickyField = "a, \"quoted\" b\nnext line\r\nlast line"

    /// A field whose only reason to be quoted is a CRLF: a writer that compares `Character`s
    /// misses it.
    public static let crlfOnlyField = "first line\r\nsecond line"

    /// The records of `text`, whose records end in `lineEnd` (`"\r\n"` as RFC 4180 says, or `"\n"`).
    public static func records(_ text: String, lineEnd: String = "\r\n") throws -> [[String]] {
        precondition(lineEnd == "\r\n" || lineEnd == "\n", "lineEnd is CRLF or LF")
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        func fail(_ reason: String) -> Malformed { Malformed(record: records.count + 1, reason: reason) }
        func endRecord() throws {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if let first = records.first, first.count != fields.count {
                throw fail("\(fields.count) fields where the first record has \(first.count)")
            }
            records.append(fields)
            fields = []
        }
        /// Consumes the line end at the front, if there is one; throws on a stray CR or LF.
        func takeLineEnd() throws -> Bool {
            if lineEnd == "\r\n", scalars.first == "\r", scalars.dropFirst().first == "\n" {
                scalars.removeFirst(2)
                return true
            }
            if lineEnd == "\n", scalars.first == "\n" {
                scalars.removeFirst()
                return true
            }
            if scalars.first == "\r" || scalars.first == "\n" { throw fail("a line break outside quotes") }
            return false
        }

        func readQuoted() throws {
            scalars.removeFirst()
            while let c = scalars.popFirst() {
                if c != "\"" {
                    field.append(c)
                } else if scalars.first == "\"" {
                    field.append("\"")
                    scalars.removeFirst()
                } else {
                    return
                }
            }
            throw fail("a quoted field is never closed")
        }
        func readUnquoted() throws {
            while let c = scalars.first, c != ",", c != "\r", c != "\n" {
                guard c != "\"" else { throw fail("a quote inside an unquoted field") }
                field.append(c)
                scalars.removeFirst()
            }
        }

        var recordPending = false
        while !scalars.isEmpty {
            try scalars.first == "\"" ? readQuoted() : readUnquoted()
            recordPending = true
            // After a field: a comma, the line end, or the end of the text.
            if scalars.first == "," {
                scalars.removeFirst()
                fields.append(String(field))
                field = String.UnicodeScalarView()
                // A comma at the very end leaves an empty last field, which the record gets below.
            } else if try takeLineEnd() {
                try endRecord()
                recordPending = false
            } else if !scalars.isEmpty {
                throw fail("text after a closing quote")
            }
        }
        if recordPending { try endRecord() }
        return records
    }

    /// Records as dictionaries keyed by the header's names.
    public static func table(_ text: String, lineEnd: String = "\r\n") throws -> [[String: String]] {
        let all = try records(text, lineEnd: lineEnd)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

import Foundation

/// A strict enough RFC 4180 reader for checking what the reports write.
public enum CSVReader {
    /// The records of `text`, which must end them with CRLF; with `acceptingLineFeeds` a bare LF
    /// ends a record too (as Unix tools write CSV).
    public static func records(_ text: String, acceptingLineFeeds: Bool = false) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if (c == "\r" && scalars.first == "\n") || (acceptingLineFeeds && c == "\n") {
                if c == "\r" { scalars.removeFirst() }
                fields.append(field)
                field = ""
                records.append(fields)
                fields = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(fields)
        }
        return records
    }

    /// Records as dictionaries keyed by the header's names.
    public static func table(_ text: String) -> [[String: String]] {
        let all = records(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

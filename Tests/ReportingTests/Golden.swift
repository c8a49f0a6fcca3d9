import Foundation
import Testing

/// Golden files beside this source. Set TRAILMETER_UPDATE_GOLDEN=1 to rewrite them from the
/// current output, then review the diff before committing.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TRAILMETER_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
        }
        // Bytes, not String: CRLF must survive, and String equality would merge "\r\n" forms.
        let expected = try Data(contentsOf: url)
        #expect(Data(actual.utf8) == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}

/// A strict enough RFC 4180 reader for checking what the reports write.
enum CSVReader {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\r", scalars.first == "\n" {
                scalars.removeFirst()
                fields.append(field); field = ""
                records.append(fields); fields = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(fields) }
        return records
    }

    /// Records as dictionaries keyed by the header's names.
    static func table(_ text: String) -> [[String: String]] {
        let all = records(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

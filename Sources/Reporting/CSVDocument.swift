/// RFC 4180 text: records end in CRLF; a field is quoted when it holds a comma, a quote, CR or
/// LF, and quotes inside it are doubled. Other fields are written as they are, so numbers stay
/// numbers when a spreadsheet opens the file.
struct CSVDocument {
    private(set) var text = ""

    init(header: [String]) { append(header) }

    mutating func append(_ fields: [String]) {
        text += fields.map(CSVDocument.field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        // Unicode scalars, not Characters: "\r\n" is one Character and would hide both.
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

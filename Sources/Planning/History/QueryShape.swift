import Foundation

/// The text that identifies "the same query" across executions: the SQL with its case and spacing
/// folded and the literals that change from run to run (dates and times, ids, ARNs, IP addresses,
/// long numbers such as epoch times and account ids) replaced by a placeholder naming their kind.
///
/// Other literals stay: `eventname = 'ConsoleLogin'` and `interval '7' day` change what a query
/// reads, so a query with another event name or window is another query.
public enum QueryShape {
    /// The shape of `sql`.
    public static func of(_ sql: String) -> String {
        // Tokens joined by one space, whatever the spacing written: `a=1` and `a = 1` agree.
        var tokens: [String] = []
        let characters = Array(sql)
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "."
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                // A line comment says nothing about what the query reads.
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if character == "'" || character == "\"" {
                var body = ""
                index += 1
                while index < characters.count {
                    if characters[index] == character {
                        if index + 1 < characters.count, characters[index + 1] == character {
                            body.append(character)
                            index += 2
                            continue
                        }
                        break
                    }
                    body.append(characters[index])
                    index += 1
                }
                index += 1
                tokens.append(character == "\"" ? "\"\(body.lowercased())\"" : "'\(placeholder(for: body) ?? body)'")
            } else if isWordCharacter(character) {
                var word = ""
                while index < characters.count, isWordCharacter(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                let isNumber = word.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
                tokens.append(isNumber && word.filter(\.isNumber).count >= 10 ? "<number>" : word.lowercased())
            } else {
                var symbol = String(character)
                index += 1
                while index < characters.count, "<>=!|".contains(characters[index]), "<>=!|".contains(character) {
                    symbol.append(characters[index])
                    index += 1
                }
                tokens.append(symbol)
            }
        }
        while tokens.last == ";" { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }

    /// The kind of a string literal that varies from run to run, or nil to keep its value.
    static func placeholder(for value: String) -> String? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if text.lowercased().hasPrefix("arn:") { return "<arn>" }
        if text.range(of: #"^\d{4}[-/]\d{2}([-/]\d{2})?([ T].*)?$"#, options: .regularExpression) != nil {
            return "<date>"
        }
        if text.range(
            of: #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#,
            options: .regularExpression) != nil
        {
            return "<id>"
        }
        if text.range(of: #"^\d{6,}$"#, options: .regularExpression) != nil { return "<id>" }
        if text.range(of: #"^(AKIA|ASIA)[A-Z0-9]{12,}$"#, options: .regularExpression) != nil { return "<id>" }
        // Resource ids such as i-0abc12345def67890, sg-0123abcd, vol-..., ami-...
        if text.range(of: #"^[a-z]{1,6}-[0-9a-f]{8,}$"#, options: .regularExpression) != nil { return "<id>" }
        if text.range(of: #"^\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?$"#, options: .regularExpression) != nil {
            return "<ip>"
        }
        return nil
    }
}

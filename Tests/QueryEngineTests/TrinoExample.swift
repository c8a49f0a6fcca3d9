import QueryEngine
import SQLite

/// One example from Trino's function documentation (Fixtures/TrinoExamples/<family>.tsv): an
/// expression, or a whole query, and the result the documentation states for it.
struct TrinoExample: Sendable {
    let family: String
    /// 1-based line in the family's file.
    let line: Int
    let expression: String
    let stated: String

    var id: String { "\(family).tsv:\(line)" }

    /// The query run: the expression selected on its own, or the example itself when it is a query.
    var sql: String { expression.hasPrefix("SELECT ") ? expression : "SELECT " + expression }

    /// How an example fared.
    enum Outcome: Sendable {
        case pass
        /// Well-formed Trino TrailMeter refuses: the construct and where.
        case unsupported(String)
        /// A syntax error on SQL Trino accepts.
        case syntax(String)
        /// Any other error (types, columns, SQLite).
        case failed(String)
        /// Ran and gave another answer: what it gave.
        case wrong(String)

        var label: String {
            switch self {
            case .pass: return "pass"
            case .unsupported: return "unsupported"
            case .syntax: return "syntax"
            case .failed: return "failed"
            case .wrong: return "wrong"
            }
        }

        var detail: String {
            switch self {
            case .pass: return ""
            case .unsupported(let text), .syntax(let text), .failed(let text), .wrong(let text): return text
            }
        }
    }

    /// The examples of one family file; `contents` is the file's text.
    static func parse(family: String, contents: String) -> [TrinoExample] {
        var examples: [TrinoExample] = []
        for (index, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            examples.append(
                TrinoExample(family: family, line: index + 1, expression: String(fields[0]), stated: String(fields[1])))
        }
        return examples
    }

    /// Runs the example on `connection` (Athena dialect) and compares its single value.
    func run(on connection: Connection, table: String) -> Outcome {
        let translator = Translator(tableName: table, dialect: .athena, clock: Fixture.clock)
        let rows: [[SQLiteValue]]
        do {
            rows = try UserQuery.prepare(sql, translator: translator, on: connection).allRows()
        } catch {
            switch error {
            case .unsupported, .unknownFunction: return .unsupported(error.description)
            case .syntax: return .syntax(error.description)
            default: return .failed(error.description)
            }
        }
        guard rows.count == 1, let value = rows.first?.first else {
            return .wrong("\(rows.count) rows")
        }
        let actual = Fixture.text(value)
        return TrinoResult.matches(actual: actual, value: value, stated: stated) ? .pass : .wrong(actual)
    }
}

/// Compares an engine value with a result as Trino's documentation writes it. The documentation
/// writes results several ways (`'abc'`, `JSON '[1,2]'`, `{1 -> 2}`, `{k=v}`, `[a, b]`,
/// `['a', 'b']`); both sides are brought to one presentation before comparing, so that only a
/// different value counts as a wrong answer.
enum TrinoResult {
    static func matches(actual: String, value: SQLiteValue, stated: String) -> Bool {
        var expected = stated
        if expected.hasSuffix(" (invalid JSON)") { expected = String(expected.dropLast(" (invalid JSON)".count)) }
        // A JSON value: the documentation gives its text; compare the text exactly.
        if let json = unwrap(expected, prefix: "JSON '") { return actual == json }
        if let typed = unwrap(expected, prefix: "DATE '") { expected = typed }
        if let quoted = unwrap(expected, prefix: "'") { return actual == quoted }
        if expected.lowercased() == "null" { return actual == "NULL" }
        let truth = expected.lowercased()
        if truth == "true" || truth == "false" {
            if case .integer(let flag) = value { return (flag != 0) == (truth == "true") }
            return actual.lowercased() == truth
        }
        if let left = Double(expected), let right = Double(actual) {
            return left == right || abs(left - right) <= 1e-12 * max(abs(left), abs(right))
        }
        if expected.hasPrefix("[") || expected.hasPrefix("{") || expected.hasPrefix("(") {
            return collection(expected) == collection(actual)
        }
        return actual == expected
    }

    /// `text` without `prefix` and its closing quote, when it has both.
    static func unwrap(_ text: String, prefix: String) -> String? {
        guard text.hasPrefix(prefix), text.hasSuffix("'"), text.count >= prefix.count + 1 else { return nil }
        return String(text.dropFirst(prefix.count).dropLast())
    }

    /// A collection in one presentation: quotes, `ROW` and spaces dropped, `->` and ` = ` written
    /// `=`, null written NULL, and numbers in their shortest form.
    static func collection(_ text: String) -> String {
        var result = text.replacing("ROW(", with: "(").replacing(" -> ", with: "=").replacing(" = ", with: "=")
        // A JSON element is written `JSON '[1,23]'` inside a collection: its text is the value.
        result = result.replacing("JSON '", with: "'")
        result = result.replacing("\"", with: "").replacing("'", with: "").replacing(" ", with: "")
        result = result.replacing(":", with: "=")
        var tokens: [String] = []
        var current = ""
        for character in result {
            if "[]{}(),=".contains(character) {
                tokens.append(normalizedAtom(current))
                tokens.append(String(character))
                current = ""
            } else {
                current.append(character)
            }
        }
        tokens.append(normalizedAtom(current))
        return tokens.joined()
    }

    static func normalizedAtom(_ atom: String) -> String {
        if atom.lowercased() == "null" { return "NULL" }
        if let number = Double(atom), atom.contains(".") || atom.contains("e") {
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
        return atom
    }
}

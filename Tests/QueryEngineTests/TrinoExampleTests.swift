import QueryEngine
import SQLite
import Testing

/// Trino's own function examples (Fixtures/TrinoExamples, from docs/src/main/sphinx/functions in
/// trinodb/trino) as a conformance suite: each expression is selected on its own in the Athena
/// dialect and its value compared with the result the documentation states.
@Suite struct TrinoExampleTests {
    static let families = [
        "array", "binary", "bitwise", "comparison", "conditional", "conversion", "datetime", "ipaddress", "json",
        "lambda", "logical", "map", "math", "regexp", "string", "url",
    ]

    /// Today's passes per family: the floors may only rise (raise them as the translator improves).
    static let passFloors: [String: Int] = [
        "array": 45, "binary": 1, "bitwise": 19, "comparison": 13, "conditional": 0, "conversion": 16,
        "datetime": 51, "ipaddress": 4, "json": 74, "lambda": 2, "logical": 28, "map": 22, "math": 4, "regexp": 16,
        "string": 18, "url": 3,
    ]

    /// Examples that give an answer other than the one Trino documents, each with why. The list
    /// may only shrink: a wrong answer not listed here fails the suite, and so does a listed
    /// example that no longer gives a wrong answer (remove it then).
    static let knownWrong: [String: String] = [:]

    static var directory: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/") + "/Fixtures/TrinoExamples"
    }

    static func examples() throws -> [TrinoExample] {
        try families.flatMap { family in
            let contents = try #require(
                SampleSpotChecks.readText(directory + "/\(family).tsv"), "missing \(family).tsv")
            return TrinoExample.parse(family: family, contents: contents)
        }
    }

    @Test func documentedExamplesMeetTodaysFloors() throws {
        let examples = try Self.examples()
        let connection = try Fixture.database()
        var counts: [String: [String: Int]] = [:]
        var failures: [(TrinoExample, TrinoExample.Outcome)] = []
        for example in examples {
            let outcome = example.run(on: connection, table: Fixture.athenaTable)
            counts[example.family, default: [:]][outcome.label, default: 0] += 1
            if case .pass = outcome { continue }
            failures.append((example, outcome))
        }

        let labels = ["pass", "unsupported", "syntax", "failed", "wrong"]
        print("Trino documentation examples: \(examples.count)")
        for family in Self.families {
            let row = labels.map { "\($0) \(counts[family]?[$0] ?? 0)" }.joined(separator: ", ")
            print("  \(family): \(row)")
        }
        let totals = labels.map { label in "\(label) \(counts.values.reduce(0) { $0 + ($1[label] ?? 0) })" }
        print("  total: \(totals.joined(separator: ", "))")
        for (example, outcome) in failures {
            print("  \(outcome.label) \(example.id) \(example.expression) => \(outcome.detail)")
        }

        #expect(examples.count >= 200)
        for family in Self.families {
            #expect((counts[family]?["pass"] ?? 0) >= Self.passFloors[family] ?? 0, "passes in \(family)")
        }
        for (example, outcome) in failures {
            guard case .wrong(let answer) = outcome else { continue }
            #expect(
                Self.knownWrong[example.expression] != nil,
                "\(example.id): \(example.expression) gave \(answer), Trino documents \(example.stated)")
        }
        let wrongNow = Set(failures.filter { $0.1.label == "wrong" }.map(\.0.expression))
        for expression in Self.knownWrong.keys {
            #expect(wrongNow.contains(expression), "no longer wrong, remove from knownWrong: \(expression)")
        }
    }
}

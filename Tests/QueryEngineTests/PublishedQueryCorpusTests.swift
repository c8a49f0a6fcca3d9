import QueryEngine
import SQLite
import Testing

/// The project's own collection of published CloudTrail queries (Fixtures/PublishedQueries: AWS
/// documentation, aws-samples playbooks and integrations, other teams' repositories; none of them
/// from `../shared/samples`), run on the fixture tables. Each file's header records its source,
/// licence and whether it is well-formed as published; docs/QUERY-CORPORA.md has the counts and
/// the reasons.
@Suite struct PublishedQueryCorpusTests {
    /// Today's counts: the floors may only rise (raise them when the translator improves).
    enum Floor {
        static let files = 139
        /// Queries the header calls well-formed that ran.
        static let ranWellFormed = 119
        /// Queries published broken that were refused with a located error (syntax, invalid or
        /// unknown column).
        static let brokenRefused = 20
    }

    static var directory: String {
        // Tests/QueryEngineTests/<this file> -> Tests/QueryEngineTests/Fixtures/PublishedQueries
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/") + "/Fixtures/PublishedQueries"
    }

    /// What a file's header says about it being well-formed as published: nil when it is,
    /// otherwise the recorded reason.
    static func publishedDefect(_ file: String) -> String?? {
        guard let contents = SampleSpotChecks.readText(directory + "/" + file) else { return .none }
        let prefix = "-- well-formed: "
        guard let line = contents.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
            return .none
        }
        let value = line.dropFirst(prefix.count)
        if value == "yes" { return .some(nil) }
        return .some(String(value))
    }

    @Test func corpusMeetsTodaysFloors() throws {
        let report = try ConformanceTests.run(Self.directory)
        var ranWellFormed = 0
        var wellFormed = 0
        var brokenRefused = 0
        var brokenAccepted: [String] = []
        var wellFormedCalledBroken: [String] = []
        for result in report.results {
            let header = try #require(Self.publishedDefect(result.file), "no well-formed line in \(result.file)")
            switch (header, result.outcome) {
            case (nil, .ran):
                wellFormed += 1
                ranWellFormed += 1
            case (nil, .broken(let reason)):
                wellFormed += 1
                wellFormedCalledBroken.append("\(result.file): \(reason)")
            case (nil, _):
                wellFormed += 1
            case (.some, .broken(let reason)) where reason.contains("line "):
                brokenRefused += 1
            case (.some(let defect), let outcome):
                brokenAccepted.append("\(result.file): published broken (\(defect)) but \(outcome.label)")
            }
        }
        print("Published CloudTrail queries (\(Self.directory))")
        print(report.summary)
        print(
            "well-formed as published: \(wellFormed), of which ran: \(ranWellFormed) (\(Self.percent(ranWellFormed, of: wellFormed))); broken as published: \(report.results.count - wellFormed), refused with a located error: \(brokenRefused)"
        )
        for line in wellFormedCalledBroken { print("  well-formed but refused as broken: \(line)") }
        for line in brokenAccepted { print("  not refused: \(line)") }

        #expect(report.results.count >= Floor.files)
        #expect(ranWellFormed >= Floor.ranWellFormed)
        #expect(brokenRefused >= Floor.brokenRefused)
        #expect(report.count("failed") == 0, "a failure is a TrailMeter defect: see the summary above")
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "n/a" }
        let permille = Int((Double(part) * 1000 / Double(whole)).rounded())
        return "\(permille / 10).\(permille % 10)%"
    }
}

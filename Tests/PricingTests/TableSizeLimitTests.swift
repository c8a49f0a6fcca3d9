import Foundation
import TestSupport
import Testing
import TrailMeterCore

@testable import Pricing

/// The caps on a pricing table's fields and files (issue 10: a 50 MB note took 2.7 GB): each
/// test builds a file just past a cap and expects the file, line and field named.
@Suite struct TableSizeLimitTests {
    /// The fixture tables with line 2 of `relative` ending in a last field of `bytes` x's.
    static func tables(withLastFieldOfLine2 relative: String, bytes: Int) throws -> URL {
        let directory = try Support.fixtureTablesCopy()
        let line = try Support.line(2, of: relative, in: directory)
        let kept = line[..<line.lastIndex(of: ",")!]
        try Support.replaceLine(2, of: relative, in: directory, with: kept + "," + String(repeating: "x", count: bytes))
        return directory
    }

    @Test(arguments: [("rates/AmazonAthena.csv", "note"), ("rules.csv", "note"), ("fx.csv", "source")])
    func aFieldPastItsCapNamesFileLineAndColumn(relative: String, column: String) throws {
        let directory = try Self.tables(withLastFieldOfLine2: relative, bytes: TableFile.maxFieldBytes + 1)
        defer { try? FileManager.default.removeItem(at: directory) }
        let issues = Support.loadIssues(directory)
        #expect(issues.count == 1)
        #expect(issues.first?.location == SourceLocation(file: "T/\(relative)", line: 2))
        #expect(issues.first?.field == column)
        #expect(issues.first?.problem == .fieldTooLong(limit: TableFile.maxFieldBytes))
    }

    @Test func aFieldAtItsCapIsRead() throws {
        let directory = try Self.tables(withLastFieldOfLine2: "rates/AmazonAthena.csv", bytes: TableFile.maxFieldBytes)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Support.loadIssues(directory).isEmpty)
    }

    @Test func aFilePastItsCapIsRefusedAtTheLineTheCapFallsOn() throws {
        let directory = try Support.fixtureTablesCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Lines of 64 bytes: the cap falls inside line (cap / 64) + 1 when the header is 23 bytes.
        let url = directory.appendingPathComponent("rules.csv")
        let header = "rule,value,source,note\n"
        let row = "r,v,https://example.org/," + String(repeating: "n", count: 39) + "\n"
        let rows = (TableFile.maxFileBytes - header.utf8.count) / row.utf8.count + 1
        try (header + String(repeating: row, count: rows)).write(to: url, atomically: true, encoding: .utf8)
        let issues = Support.loadIssues(directory)
        #expect(issues.count == 1)
        let expectedLine = (TableFile.maxFileBytes - header.utf8.count) / row.utf8.count + 2
        #expect(issues.first?.location == SourceLocation(file: "T/rules.csv", line: expectedLine))
        let size = header.utf8.count + rows * row.utf8.count
        #expect(issues.first?.problem == .fileTooLarge(bytes: size, limit: TableFile.maxFileBytes))
    }

    @Test func aHugeFieldInAFilePastItsCapIsNamedAsTheField() throws {
        let directory = try Self.tables(withLastFieldOfLine2: "rates/AmazonAthena.csv", bytes: TableFile.maxFileBytes)
        defer { try? FileManager.default.removeItem(at: directory) }
        let issues = Support.loadIssues(directory)
        #expect(issues.map(\.field) == ["note"])
        #expect(issues.first?.location.line == 2)
    }

    @Test func aTableWrongOnEveryLineListsTheFirstProblemsAndCountsTheRest() throws {
        let directory = try Support.fixtureTablesCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        for _ in 0..<150 { try Support.appendLine("x", to: "rules.csv", in: directory) }
        for _ in 0..<100 { try Support.appendLine("y", to: "rates/AmazonS3.csv", in: directory) }
        let issues = Support.loadIssues(directory)
        #expect(issues.count == TableIssue.listedAtMost + 1)
        #expect(issues.last?.problem == .moreProblems(250 - TableIssue.listedAtMost))
    }

    @Test(.enabled(if: BuiltTrailmeter.url != nil, "trailmeter binary not built beside the tests"))
    func validateExitsWithTheFieldNamed() throws {
        let directory = try Self.tables(withLastFieldOfLine2: "rates/AmazonS3.csv", bytes: TableFile.maxFieldBytes + 1)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BuiltTrailmeter.run(["pricing", "validate", directory.path])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "\(directory.path)/rates/AmazonS3.csv:2: field 'note': the field is longer than 64 KiB"))
    }
}

import Foundation
import TestSupport
import Testing

@testable import Reporting

struct ReportWriterTests {
    let projection = ProjectionFixture.projection()
    let workspace: URL

    init() throws {
        workspace = Scratch.directory("reporting")
    }

    private func names(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func writesEveryFileUnderNewParents() throws {
        let target = workspace.appendingPathComponent("Reports/2027-01-fixture")
        try ReportWriter().write(projection, to: target)
        #expect(names(target) == ReportWriter.fileNames.sorted())
        #expect(names(workspace.appendingPathComponent("Reports")) == ["2027-01-fixture"])
        let csv = try String(contentsOf: target.appendingPathComponent("costs.csv"), encoding: .utf8)
        #expect(csv == CostsCSV.render(projection))
        #expect(
            try String(contentsOf: target.appendingPathComponent("report.txt"), encoding: .utf8)
                == TerminalReport.render(projection))
        try FileManager.default.removeItem(at: workspace)
    }

    @Test func replacesAPreviousReportAndLeavesNoSiblings() throws {
        let target = workspace.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: target.appendingPathComponent("summary.md"))
        try ReportWriter().write(projection, to: target)
        #expect(names(workspace) == ["out"])
        #expect(
            try String(contentsOf: target.appendingPathComponent("summary.md"), encoding: .utf8)
                == MarkdownSummary.render(projection))
        try FileManager.default.removeItem(at: workspace)
    }

    @Test func refusesATargetThatIsAFileAndLeavesItAlone() throws {
        let target = workspace.appendingPathComponent("report")
        try Data("not a report".utf8).write(to: target)
        #expect(throws: ReportingError.targetIsNotADirectory(path: target.path)) {
            try ReportWriter().write(projection, to: target)
        }
        #expect(names(workspace) == ["report"])
        #expect(try String(contentsOf: target, encoding: .utf8) == "not a report")
        try FileManager.default.removeItem(at: workspace)
    }

    @Test func refusesATargetUnderAFileAndCreatesNothing() throws {
        let file = workspace.appendingPathComponent("plain-file")
        try Data().write(to: file)
        let error = #expect(throws: ReportingError.self) {
            try ReportWriter().write(projection, to: file.appendingPathComponent("Reports/out"))
        }
        guard case .cannotCreateDirectory(let path, _)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path == file.appendingPathComponent("Reports").path)
        #expect(names(workspace) == ["plain-file"])
        try FileManager.default.removeItem(at: workspace)
    }

    @Test func refusesToReplaceAFolderHoldingOtherFiles() throws {
        let target = workspace.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: target.appendingPathComponent("notes.txt"))
        #expect(throws: ReportingError.targetHoldsOtherFiles(path: target.path, names: ["notes.txt"])) {
            try ReportWriter().write(projection, to: target)
        }
        #expect(names(workspace) == ["home"])
        #expect(names(target) == ["notes.txt"])
        try FileManager.default.removeItem(at: workspace)
    }

    /// Root ignores directory permissions, so this case runs only for other users.
    @Test(.enabled(if: getuid() != 0, "root may write into read-only directories"))
    func leavesNothingInAReadOnlyDirectory() throws {
        let locked = workspace.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path)
            try? FileManager.default.removeItem(at: workspace)
        }
        #expect(throws: ReportingError.self) {
            try ReportWriter().write(projection, to: locked.appendingPathComponent("out"))
        }
        #expect(names(locked).isEmpty)
    }
}

/// Writes the fixture's report where TRAILMETER_SAMPLE_REPORT says, for
/// scripts/check-report-rendering (LibreOffice and Chromium look at real files).
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["TRAILMETER_SAMPLE_REPORT"] != nil, "TRAILMETER_SAMPLE_REPORT not set"))
struct SampleReport {
    @Test func writeSampleReport() throws {
        let path = ProcessInfo.processInfo.environment["TRAILMETER_SAMPLE_REPORT"]!
        try ReportWriter().write(ProjectionFixture.projection(), to: URL(fileURLWithPath: path))
    }
}

import Foundation
import TestSupport
import Testing
import TrailStore

/// The real records in `../shared/samples/cloudtrail` (written by others; read in place, never copied).
@Suite("Shared CloudTrail samples")
struct SampleTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples/cloudtrail")

    static var available: Bool { FileManager.default.fileExists(atPath: samples.path) }

    /// Records per folder, counted independently (Python's json module over each file).
    @Test(
        "Every parseable record is ingested, counted per folder",
        .enabled(if: available, "needs ../shared/samples/cloudtrail beside the repository"),
        arguments: [
            ("aws_cloudtrail_processing_library", 41), ("grafana_lambda_promtail", 2),
            ("panther_analysis_test_events", 464),
            ("stratus_red_team_detonation_logs", 310), ("trailscraper", 7),
        ])
    func perFolder(_ folder: String, _ records: Int) throws {
        let root = Scratch.directory("samples")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("samples.tmstore").path
        let report = try FixtureTrail.ingest([Self.samples.appendingPathComponent(folder)], into: store)
        #expect(report.eventsAdded == records)
        let summary = try StoreSummary.of(try StoreFile.openForReading(store))
        #expect(summary.catalogEvents == records && summary.columnarEvents == records)
        if folder == "aws_cloudtrail_processing_library" {
            #expect(report.filesSkipped.count == 1)
            let skipped = try #require(report.filesSkipped.first)
            #expect(skipped.path.hasSuffix("SerializerTestFileBadJsonFormat.json"))
            #expect(skipped.reason.contains("line 37, column 9"))
        } else {
            #expect(report.filesSkipped.isEmpty)
        }
        if folder == "panther_analysis_test_events" {
            #expect(report.passedOver.map(\.reason) == ["not a log file (by its name)"])
        }
    }
}

import CloudTrail
import Foundation
import TestSupport
import Testing

@testable import TrailStore

@Suite("Sampled ingest")
struct SampledIngestTests {
    /// 80 files a region-day apart in name only: 2 regions × 2 days, 20 files per cell.
    private static func locations() -> [LogFileLocation] {
        (0..<80).map { index in
            let region = index % 2 == 0 ? "us-east-1" : "eu-west-1"
            let day = index % 4 < 2 ? "2024/03/01" : "2024/03/02"
            return LogFileDiscovery.location(
                of:
                    "/trail/AWSLogs/111122223333/CloudTrail/\(region)/\(day)/111122223333_CloudTrail_\(region)_20240301T0000Z_f\(index).json.gz"
            )
        }
    }

    @Test("Every cell keeps its share, the choice follows the seed, and the population is counted")
    func selection() throws {
        let files = Self.locations()
        let spec = try SampleSpec("10%", seed: 7)
        let (chosen, cells) = SampleSelection.choose(files, spec: spec) { _ in 1_000 }
        #expect(cells.count == 4)
        #expect(cells.allSatisfy { $0.populationFiles == 20 && $0.sampledFiles == 2 && $0.populationBytes == 20_000 })
        #expect(chosen.count == 8)
        #expect(SampleSelection.choose(files, spec: spec) { _ in 1_000 }.chosen == chosen)
        let other = SampleSelection.choose(files, spec: try SampleSpec("0.1", seed: 8)) { _ in 1_000 }.chosen
        #expect(other != chosen && other.count == 8)
        // A share too small for a cell still keeps one file of it.
        #expect(SampleSelection.choose(files, spec: try SampleSpec("1%")) { _ in 1 }.chosen.count == 4)
    }

    @Test("Shares outside (0%, 100%] and non-numbers are refused", arguments: ["0%", "101%", "-1", "five", "1.5"])
    func badShares(_ text: String) {
        #expect(throws: TrailStoreError.self) { try SampleSpec(text) }
    }

    @Test("A sampled ingest reads its share and records the cells in the store")
    func ingestRecordsTheSample() throws {
        let root = Scratch.directory("sampled")
        defer { try? FileManager.default.removeItem(at: root) }
        try FixtureTrail.write(to: root, files: 40, eventsPerFile: 10)
        let store = root.appendingPathComponent("trail.tmstore").path
        let file = try StoreFile.openForWriting(store, settings: nil)
        var options = IngestOptions()
        options.sample = try SampleSpec("25%", seed: 3)
        let report = try Ingestor(store: file, options: options).ingest([root.appendingPathComponent("AWSLogs").path])
        #expect(report.filesFound == 40)
        let cells = try StoredSample.cells(of: try StoreFile.openForReading(store))
        #expect(cells == report.sampleCells)
        #expect(cells.reduce(0) { $0 + $1.populationFiles } == 40)
        #expect(Int64(report.filesAdded) == cells.reduce(0) { $0 + $1.sampledFiles })
        #expect(report.filesAdded >= 10 && report.filesAdded < 40)
        #expect(try StoredSample.cells(of: try StoreFile.openForReading(store)).allSatisfy { $0.sampledBytes > 0 })
    }
}

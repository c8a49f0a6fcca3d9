import CloudTrail
import Foundation
import Planning
import QueryEngine
import TestSupport
import Testing
import TrailStore

/// A sample's columnar bytes at the full trail's density, on a busy trail: files of about 17
/// events from four delivery streams, which a full segment interleaves by time. Re-encoded in
/// time order across the many hours a pool gathers, a sampled file's events stayed together and
/// compressed too well: the whole trail's columnar bytes came out about 10% short, and the
/// article queries' columns about 16%.
@Suite("Columnar bytes at full density")
struct FullDensityTests {
    @Test func aBusyTrailsColumnarBytesAreEstimatedClosely() throws {
        let trail = try GeneratedTrail(
            SampleTrailSpec(
                days: 3, eventsPerDay: 20_000, regions: ["us-east-1", "eu-west-1"], accounts: 2,
                start: TrailDate(year: 2022, month: 1, day: 20)))
        defer { trail.remove() }
        let clock = QueryClock.fixed("2022-01-23T00:00:00Z")!
        func measure(_ path: String) throws -> QueryMeasurement {
            try ArticleWorkload.measure(path, table: .unpartitioned, clock: clock)[0]
        }
        let fullPath = try trail.ingest("full.tmstore", sample: nil)
        let full = try SampleProfile.of(storeAt: fullPath)
        let fullRead = Double(try measure(fullPath).columnar.bytesScanned)
        var totals: [Double] = []
        var reads: [Double] = []
        for seed in 0..<3 {
            let path = try trail.ingest("sample\(seed).tmstore", sample: try SampleSpec("5%", seed: UInt64(seed)))
            let confidence = try SampleConfidence.of(storeAt: path)
            let expanded = confidence.expanded(try SampleProfile.of(storeAt: path), [], at: .value).profile
            totals.append(Double(expanded.columnarBytes) / Double(full.columnarBytes))
            reads.append(confidence.fullTrail(try measure(path)).columnar.value / fullRead)
        }
        // Each seed within its sampling error; their mean (the estimator's bias) closer still.
        #expect(
            totals.allSatisfy { abs($0 - 1) < 0.08 } && reads.allSatisfy { abs($0 - 1) < 0.08 }, "\(totals) \(reads)")
        let meanTotal = totals.reduce(0, +) / 3
        let meanRead = reads.reduce(0, +) / 3
        #expect(abs(meanTotal - 1) < 0.04 && abs(meanRead - 1) < 0.04, "\(meanTotal) \(meanRead)")
    }
}

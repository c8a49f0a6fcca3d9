import Foundation
import Metering

extension SampleConfidence {
    /// The figures of the full trail a sample was drawn from, at one end of their intervals:
    /// what a projection is computed from. A full ingest's figures are returned as they are.
    public struct Expansion: Sendable {
        public var profile: SampleProfile
        public var measurements: [QueryMeasurement]
    }

    /// `profile` and `measurements` (measured on this sample's store) as the full trail's
    /// figures at `bound`: sizes, events and files of the whole population, columnar bytes at
    /// full density, and each query's reads on the full trail (`fullTrail(_:)`).
    public func expanded(_ profile: SampleProfile, _ measurements: [QueryMeasurement], at bound: EstimateBound)
        -> Expansion
    {
        guard let figures, let totals = trailTotals else {
            return Expansion(profile: profile, measurements: measurements)
        }
        func bytes(_ estimate: RatioEstimate) -> Int64 { Int64(estimate[bound].rounded()) }
        let weights = StratifiedBootstrap(cells: cells, files: figures.files).fileWeights
        // Per-column bytes carry no interval of their own: each is scaled with the all-columns total.
        let columnScale = totals.columnarBytes.value > 0 ? totals.columnarBytes[bound] / totals.columnarBytes.value : 1
        // The span and segments are the full trail's (`fullTrailSpan`): the sample's own run
        // short at the edges, and the per-day figures (files, partition objects) divide by them.
        let spans = fullTrailSpan(sampleFirst: profile.firstEventMs, sampleLast: profile.lastEventMs)
        let span = spans[bound]
        let buckets = figures.fullTrailBuckets(spanning: spans.segments(at: bound))
        var full = SampleProfile(
            source: profile.source, firstEventMs: span.lowerBound, lastEventMs: span.upperBound,
            events: bytes(totals.events), files: totals.files, gzipBytes: bytes(totals.gzipBytes),
            jsonBytes: bytes(totals.jsonBytes), columnarBytes: bytes(totals.columnarBytes),
            columnBytes: figures.columnarBytesPerColumn(weights: weights).mapValues {
                Int64(($0 * columnScale).rounded())
            },
            segments: Int64(buckets.count), eventBytes: bytes(totals.eventBytes))
        full.catalog = profile.catalog
        let expanded = measurements.map { measurement in
            let reads = fullTrail(measurement)
            var measurement = measurement
            let columnar = measurement.columnar
            measurement.columnar.bytesScanned = bytes(reads.columnar)
            measurement.columnar.segmentsTotal = buckets.count
            // The full trail's segments the query's window meets, read once per scan.
            if columnar.segmentsRead > 0 {
                let met = buckets.filter {
                    Self.bucket($0, span: figures.segmentSpanMs, meets: columnar.eventTimeWindow)
                }
                measurement.columnar.segmentsRead = met.count * max(columnar.scans, 1)
            }
            measurement.rawUnpartitioned.unitsRead = Int(fullTrailFiles(measurement.rawUnpartitioned))
            measurement.rawUnpartitioned.bytesScanned = bytes(reads.rawUnpartitioned)
            measurement.rawProjected.unitsRead = Int(fullTrailFiles(measurement.rawProjected))
            measurement.rawProjected.bytesScanned = bytes(reads.rawProjected)
            measurement.eventWindow.bytesScanned = bytes(reads.eventWindow)
            return measurement
        }
        return Expansion(profile: full, measurements: expanded)
    }

    /// The basis line of a sampled comparison; nil for a full ingest.
    public var basisLine: String? {
        guard let figures else { return nil }
        let sampledFiles = cells.reduce(0) { $0 + $1.sampledFiles }
        let populationFiles = cells.reduce(0) { $0 + $1.populationFiles }
        return
            "Sampled ingest: \(Figure.number(Decimal(share * 100), decimals: 1))% of the trail's gzip bytes (\(sampledFiles) of \(populationFiles) files, \(figures.files.count) in the store); the figures above and each query's reads are the full trail's, estimated from it (columnar bytes re-encoded at the full trail's density). Totals are estimates with a 95% interval: the sampled files redrawn within their account, region and day (\(resamples) times), every ratio priced at its bound together."
    }
}

import CloudTrail
import Foundation
import TrailStore

extension SampleConfidence {
    /// Sampled files nearest an edge whose spacing measures the trail's density there.
    static let edgeFiles = 8
    /// The gap to the population's edge, in measured spacings, that 95% of gaps stay under: the
    /// gap is about exponential with the spacing as its mean, and the spacing is itself measured
    /// over at most `edgeFiles` gaps (the 95% point of F(2, 16) is 3.6, of F(2, 10) 4.1).
    static let edgeGapHigh = 4.0

    /// The full trail's first and last eventTime, estimated from the sample's (a full ingest's
    /// span is its own, exactly).
    ///
    /// A sample's first file is rarely the trail's first: the population holds files before it
    /// that the sample passed over, and likewise after its last. The sampled files' first
    /// eventTimes are a random subset of the population's, so the expected gap between the
    /// trail's first file and the sample's is the sample's spacing of files near that edge (the
    /// nearest `edgeFiles`, so a quiet night at the edge counts as quiet) times the share of files
    /// not sampled; 95% of gaps are under `edgeGapHigh` spacings. Neither edge moves past the
    /// partition days the sample's cells name, which the full trail's files were delivered on.
    public func fullTrailSpan(sampleFirst: Int64, sampleLast: Int64) -> SpanEstimate {
        let own = sampleFirst...max(sampleFirst, sampleLast)
        guard let figures, sampleFirst <= sampleLast else {
            return SpanEstimate(value: own, shortest: own, widest: own)
        }
        let spans = figures.fileEventSpans().compactMap { $0 }
        let sampled = Double(cells.reduce(0) { $0 + $1.sampledFiles })
        let population = Double(cells.reduce(0) { $0 + $1.populationFiles })
        let unsampledShare = population > 0 ? max(0, 1 - sampled / population) : 0
        let days = cells.compactMap { Self.dayStart($0.day) }
        let earliest = days.min().map { min($0, sampleFirst) } ?? sampleFirst
        let latest = days.max().map { max($0 + 86_400_000 - 1, sampleLast) } ?? sampleLast
        /// The expected gap to the population's edge, from the distances of the files to it.
        func gap(_ distances: [Int64]) -> Double {
            guard distances.count >= 2 else { return 0 }
            let nearest = distances.sorted().prefix(Self.edgeFiles + 1)
            return Double(nearest.last! - nearest.first!) / Double(nearest.count - 1) * unsampledShare
        }
        let lowerGap = gap(spans.map { $0.lowerBound - sampleFirst })
        let upperGap = gap(spans.map { sampleLast - $0.upperBound })
        func span(_ spacings: Double) -> ClosedRange<Int64> {
            max(
                earliest, sampleFirst - Int64((lowerGap * spacings).rounded()))...min(
                    latest, sampleLast + Int64((upperGap * spacings).rounded()))
        }
        return SpanEstimate(value: span(1), shortest: own, widest: span(Self.edgeGapHigh))
    }
}

/// The full trail's span of eventTimes estimated from a sample: the estimate, and the shortest
/// and widest it plausibly is (the sample's own, and each edge `edgeGapHigh` spacings out).
///
/// What the span decides is rates per day of data (files, partition objects, gzip bytes when
/// the volume is the sample's), so the interval's ends take the span's ends crosswise: the low
/// end divides by the widest span, the high end by the shortest. Partition objects are whole
/// hourly segments, fewest when the trail ends where the sample does, most at the widest span;
/// the low end counts the fewest, the high end the most.
public struct SpanEstimate: Sendable, Equatable {
    public var value: ClosedRange<Int64>
    public var shortest: ClosedRange<Int64>
    public var widest: ClosedRange<Int64>

    /// The span per day of data is divided by at `bound`.
    public subscript(bound: EstimateBound) -> ClosedRange<Int64> {
        switch bound {
        case .value: value
        case .low: widest
        case .high: shortest
        }
    }

    /// The span whose segments are counted at `bound`.
    public func segments(at bound: EstimateBound) -> ClosedRange<Int64> {
        switch bound {
        case .value: value
        case .low: shortest
        case .high: widest
        }
    }
}

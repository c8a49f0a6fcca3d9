import CloudTrail
import TrailStore

/// A ratio measured on a sample with its 95% interval; a full ingest's interval has zero width.
public struct RatioEstimate: Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double

    public init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }

    /// A ratio known exactly (measured on everything).
    public static func exact(_ value: Double) -> RatioEstimate { RatioEstimate(value: value, low: value, high: value) }

    /// `value`, `low` and `high` times `factor`: a ratio turned into a projected quantity.
    public func scaled(by factor: Double) -> RatioEstimate {
        RatioEstimate(value: value * factor, low: low * factor, high: high * factor)
    }
}

/// The percentile bootstrap of a ratio of sums: units (days or files) drawn with replacement.
public enum RatioBootstrap {
    /// Fixed, so the same sample always gives the same interval (reports are golden files).
    public static let seed: UInt64 = 0xB007_5742_0000_0001
    public static let resamples = 1000

    /// sum(numerator) / sum(denominator) over `units`, with the 2.5th and 97.5th percentiles of the
    /// same ratio over `resamples` resamples of the units.
    public static func interval(
        _ units: [(numerator: Double, denominator: Double)], resamples: Int = resamples, seed: UInt64 = seed
    ) -> RatioEstimate {
        let numerator = units.reduce(0) { $0 + $1.numerator }
        let denominator = units.reduce(0) { $0 + $1.denominator }
        let value = denominator > 0 ? numerator / denominator : 0
        guard units.count > 1 else { return .exact(value) }
        var random = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var top = 0.0
            var bottom = 0.0
            for _ in units.indices {
                let unit = units[Int.random(in: 0..<units.count, using: &random)]
                top += unit.numerator
                bottom += unit.denominator
            }
            if bottom > 0 { ratios.append(top / bottom) }
        }
        ratios.sort()
        guard !ratios.isEmpty else { return .exact(value) }
        func percentile(_ p: Double) -> Double { ratios[min(ratios.count - 1, Int(p * Double(ratios.count - 1)))] }
        return RatioEstimate(value: value, low: percentile(0.025), high: percentile(0.975))
    }
}

/// How sure a sampled store's ratios are: each ratio the projection scales by gzip bytes, with
/// the interval from resampling the sample's files (catalog figures) or days (columnar bytes, which
/// the store keeps per hour, not per file). A store ingested in full gives exact ratios.
public struct SampleConfidence: Sendable {
    /// The sampled ingest's cells (empty for a full ingest).
    public let cells: [SampleCell]
    /// The sample's days and files.
    public let days: [DayFigures]
    public let files: [FileFigures]

    public init(cells: [SampleCell], days: [DayFigures], files: [FileFigures]) {
        self.cells = cells
        self.days = days
        self.files = files
    }

    /// Reads the sample record and per-day figures of the store at `path`.
    public static func of(storeAt path: String) throws(PlanningError) -> SampleConfidence {
        do {
            let store = try StoreFile.openForReading(path)
            return SampleConfidence(
                cells: try StoredSample.cells(of: store), days: try StoreDays.of(store),
                files: try StoreDays.files(of: store))
        } catch {
            throw .sampleStore(path: path, cause: .storeFile(error))
        }
    }

    /// True when the store holds a sample rather than every file found.
    public var isSampled: Bool { cells.contains { $0.sampledFiles < $0.populationFiles } }

    /// Gzip bytes of the whole population the sample was drawn from (the sample's own when full).
    public var populationGzipBytes: Int64 {
        isSampled ? cells.reduce(0) { $0 + $1.populationBytes } : days.reduce(0) { $0 + $1.gzipBytes }
    }

    /// JSON bytes per gzip byte (what Lake and CloudWatch ingest per byte S3 holds).
    public var jsonPerGzip: RatioEstimate { fileRatio { Double($0.jsonBytes) } }
    /// Events per gzip byte.
    public var eventsPerGzip: RatioEstimate { fileRatio { Double($0.events) } }
    /// Columnar bytes of `columns` (all columns when nil) per gzip byte: a columnar query's ratio.
    ///
    /// Caution: chunks compress better as segments fill, so a sample's ratio overstates the full
    /// store's (about 2.6× at 5% of a 4-day trail); the interval covers the sample's spread only.
    public func columnarPerGzip(columns: [String]? = nil) -> RatioEstimate {
        ratio { day in
            Double(
                columns.map { $0.reduce(0) { $0 + (day.columnBytes[$1] ?? 0) } }
                    ?? day.columnBytes.values.reduce(0, +))
        }
    }

    /// `measure` per gzip byte over the sample's days: exact for a full ingest, else bootstrapped.
    public func ratio(_ measure: (DayFigures) -> Double) -> RatioEstimate {
        bootstrapped(days.map { (numerator: measure($0), denominator: Double($0.gzipBytes)) })
    }

    /// `measure` per gzip byte over the sample's files: exact for a full ingest, else bootstrapped.
    public func fileRatio(_ measure: (FileFigures) -> Double) -> RatioEstimate {
        bootstrapped(files.map { (numerator: measure($0), denominator: Double($0.gzipBytes)) })
    }

    private func bootstrapped(_ units: [(numerator: Double, denominator: Double)]) -> RatioEstimate {
        guard isSampled else {
            let denominator = units.reduce(0) { $0 + $1.denominator }
            return .exact(denominator > 0 ? units.reduce(0) { $0 + $1.numerator } / denominator : 0)
        }
        return RatioBootstrap.interval(units)
    }
}

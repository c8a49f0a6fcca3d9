import CloudTrail
import Metering
import TrailMeterCore
import TrailStore

/// A figure estimated for the full trail with its 95% interval; a full ingest's interval has zero width.
public struct RatioEstimate: Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double

    public init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }

    /// A figure known exactly (measured on everything).
    public static func exact(_ value: Double) -> RatioEstimate { RatioEstimate(value: value, low: value, high: value) }

    /// `value`, `low` and `high` times `factor`: a ratio turned into a projected quantity.
    public func scaled(by factor: Double) -> RatioEstimate {
        RatioEstimate(value: value * factor, low: low * factor, high: high * factor)
    }

    /// The figure at `bound`.
    public subscript(bound: EstimateBound) -> Double {
        switch bound {
        case .value: value
        case .low: low
        case .high: high
        }
    }

    /// The interval widened by a second, independent error of relative standard error
    /// `relativeError` (the full-density compression rates'): each end moved out to the root of
    /// the sum of squares of its distance and 1.96 of that error.
    public func widened(byRelativeError relativeError: Double) -> RatioEstimate {
        let margin = 1.96 * relativeError * value
        guard margin > 0 else { return self }
        func out(_ distance: Double) -> Double { (distance * distance + margin * margin).squareRoot() }
        return RatioEstimate(value: value, low: max(0, value - out(value - low)), high: value + out(high - value))
    }

    /// True when `figure` lies inside the interval.
    public func contains(_ figure: Double) -> Bool { low <= figure && figure <= high }
}

/// Which end of the sample's intervals a projection is computed at.
public enum EstimateBound: Sendable, CaseIterable {
    case value, low, high
}

/// How sure a sampled store's figures are, and what they say of the full trail the sample was
/// drawn from. A store ingested in full gives exact figures.
///
/// The estimator follows the sampling design: the files of each (account, region, day) cell are
/// a simple random sample of its files, so a figure of the files' contents (JSON bytes, events,
/// an event window's bytes, columnar bytes) is the cell's sampled files' mean times its population
/// of files, summed over cells. Whole files (the raw layouts' reads) are scaled by gzip bytes
/// instead, per day, which the sample recorded exactly. The interval is a stratified bootstrap
/// over the same units: each cell's sampled files are drawn again with replacement (n − 1 of n,
/// which makes the bootstrap's variance the unbiased one; a cell sampled whole is not redrawn).
/// Files within cells are the resampling unit because the sample's randomness is which files each
/// cell kept: every cell, hence every day, is in the sample, so redrawing days would count
/// day-to-day differences the sample does not suffer from, and could not resample a query that
/// reads one day. A fixed seed drives the redraws, the same for every figure.
public struct SampleConfidence: Sendable {
    /// The sampled ingest's cells (empty for a full ingest).
    public let cells: [SampleCell]
    /// The store's files and events as the resampling sees them; nil for a full ingest.
    public let figures: SampleEventFigures?
    /// Cells a bucket listing names (`CatalogCell.isListed`), by cell key: the catalog knows
    /// every file of them, so what the raw layouts read there is planned, not estimated.
    public let listedCells: [String: CatalogCell]
    /// Bootstrap replicates per interval.
    public var resamples = RatioBootstrap.resamples

    public init(cells: [SampleCell], figures: SampleEventFigures?, listedCells: [String: CatalogCell] = [:]) {
        self.cells = cells
        self.figures = figures
        self.listedCells = listedCells
    }

    /// Reads the sample record of the store at `path`, and its files and events when it holds a sample.
    public static func of(storeAt path: String) throws(PlanningError) -> SampleConfidence {
        do {
            let store = try StoreFile.openForReading(path)
            let cells = try StoredSample.cells(of: store)
            guard cells.contains(where: { $0.sampledFiles < $0.populationFiles }) else {
                return SampleConfidence(cells: cells, figures: nil)
            }
            let population = cells.reduce(0.0) { $0 + Double($1.populationBytes) }
            let sampled = cells.reduce(0.0) { $0 + Double($1.sampledBytes) }
            return SampleConfidence(
                cells: cells, figures: try SampleEventFigures.load(store, density: population / max(sampled, 1)),
                listedCells: try CatalogCells.of(store).filter { $0.value.isListed })
        } catch {
            throw .sampleStore(path: path, cause: .storeFile(error))
        }
    }

    /// True when the store holds a sample rather than every file found.
    public var isSampled: Bool { figures != nil }

    /// The share of the population's gzip bytes the sample holds (1 for a full ingest).
    public var share: Double {
        guard isSampled else { return 1 }
        let population = cells.reduce(0.0) { $0 + Double($1.populationBytes) }
        return population > 0 ? cells.reduce(0.0) { $0 + Double($1.sampledBytes) } / population : 1
    }

    /// The full trail's total of a per-file figure, with its interval (exact sums for a full ingest).
    public func fullTrail(_ perFile: [Double]) -> RatioEstimate { fullTrail(perFile, expansion: .files) }

    /// As `fullTrail(_:)`, expanded as `expansion` says.
    func fullTrail(_ perFile: [Double], expansion: StratifiedBootstrap.Expansion) -> RatioEstimate {
        guard let figures else { return .exact(perFile.reduce(0, +)) }
        return StratifiedBootstrap(cells: cells, files: figures.files)
            .total(perFile, expansion: expansion, resamples: resamples)
    }

    /// The full trail's gzip bytes, JSON bytes, events and events' JSON bytes, and columnar bytes
    /// (every column, at full density); nil for a full ingest (the store's own figures are exact).
    public var trailTotals: TrailTotals? {
        guard let figures else { return nil }
        let files = figures.files
        return TrailTotals(
            gzipBytes: fullTrail(files.map { Double($0.gzipBytes) }, expansion: .gzipPerDay),
            jsonBytes: fullTrail(files.map { Double($0.jsonBytes) }),
            events: fullTrail(files.map { Double($0.events) }),
            eventBytes: fullTrail(figures.eventBytes { _ in true }),
            columnarBytes: fullTrail(figures.columnarBytes(columns: nil) { _ in true }).widened(
                byRelativeError: figures.rateSpread(columns: nil)),
            files: cells.reduce(0) { $0 + $1.populationFiles })
    }

    /// What `measurement`'s query would read on the full trail under each measured layout.
    public func fullTrail(_ measurement: QueryMeasurement) -> LayoutReads {
        LayoutReads(
            columnar: fullTrailBytes(measurement.columnar),
            rawUnpartitioned: fullTrailBytes(measurement.rawUnpartitioned),
            rawProjected: fullTrailBytes(measurement.rawProjected),
            eventWindow: fullTrailBytes(measurement.eventWindow))
    }

    /// What a read measured on this store would take from the full trail: its own bytes for a
    /// full ingest; for a sample, the sampled files' share expanded to their cells (`rawFullTrail`
    /// for the raw layouts).
    public func fullTrailBytes(_ scan: ScanMeasurement) -> RatioEstimate {
        guard let figures, scan.bytesScanned > 0 else { return .exact(Double(scan.bytesScanned)) }
        switch scan.layout {
        case .raw:
            return rawFullTrail(scan, figures: figures).bytes
        case .columnar:
            return fullTrail(
                figures.columnarBytes(columns: Set(scan.columns)) { bucket in
                    Self.bucket(bucket, span: figures.segmentSpanMs, meets: scan.eventTimeWindow)
                }.map { $0 * Double(max(scan.scans, 1)) }
            ).widened(byRelativeError: figures.rateSpread(columns: Set(scan.columns)))
        case .eventWindow:
            return fullTrail(
                figures.eventBytes { time in
                    guard let window = scan.eventTimeWindow else { return true }
                    return time != EventTime.missing && time >= (window.lowerMs ?? .min)
                        && time <= (window.upperMs ?? .max)
                })
        }
    }

    /// True when the segment starting at `bucket` holds time inside `window` (every dated segment
    /// meets an unbounded window): at full density a segment spans its whole bucket.
    static func bucket(_ bucket: Int64, span: Int64, meets window: TimeWindow?) -> Bool {
        guard let window else { return true }
        guard bucket != StoreFile.undatedBucket else { return false }
        return bucket + span - 1 >= (window.lowerMs ?? .min) && bucket <= (window.upperMs ?? .max)
    }

    /// Epoch ms of a partition day `yyyy/MM/dd`.
    static func dayStart(_ day: String) -> Int64? {
        let parts = day.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Int64(CivilCalendar.daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2])) * 86_400_000
    }
}

/// The full trail's size figures estimated from a sample.
public struct TrailTotals: Sendable, Equatable {
    public var gzipBytes: RatioEstimate
    public var jsonBytes: RatioEstimate
    public var events: RatioEstimate
    /// The events' JSON bytes as the log files hold them.
    public var eventBytes: RatioEstimate
    /// Compressed columnar bytes of every column, at full density.
    public var columnarBytes: RatioEstimate
    /// Log files in the population (counted by the sampled ingest).
    public var files: Int64
}

/// What one query reads on the full trail under each measured layout.
public struct LayoutReads: Sendable, Equatable {
    public var columnar: RatioEstimate
    public var rawUnpartitioned: RatioEstimate
    public var rawProjected: RatioEstimate
    public var eventWindow: RatioEstimate

    /// The four layouts' names, in the order of `estimates`.
    public static let names = ["columnar", "raw unpartitioned", "raw projected", "event window"]
    /// The four, in the order of `names`.
    public var estimates: [RatioEstimate] { [columnar, rawUnpartitioned, rawProjected, eventWindow] }
}

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
            columnarBytes: fullTrail(figures.columnarBytes(columns: nil) { _ in true }),
            files: cells.reduce(0) { $0 + $1.populationFiles })
    }

    /// What `measurement`'s query would read on the full trail under each measured layout.
    public func fullTrail(_ measurement: QueryMeasurement) -> LayoutReads {
        guard let figures else {
            return LayoutReads(
                columnar: .exact(Double(measurement.columnar.bytesScanned)),
                rawUnpartitioned: .exact(Double(measurement.rawUnpartitioned.bytesScanned)),
                rawProjected: .exact(Double(measurement.rawProjected.bytesScanned)),
                eventWindow: .exact(Double(measurement.eventWindow.bytesScanned)))
        }
        let columnar = measurement.columnar
        let columnarFiles =
            columnar.bytesScanned == 0
            ? nil
            : figures.columnarBytes(columns: Set(columnar.columns)) { bucket in
                Self.bucket(bucket, span: figures.segmentSpanMs, meets: columnar.eventTimeWindow)
            }.map { $0 * Double(max(columnar.scans, 1)) }
        let events = measurement.eventWindow
        let eventFiles = figures.eventBytes { time in
            guard let window = events.eventTimeWindow else { return true }
            return time != EventTime.missing && time >= (window.lowerMs ?? .min) && time <= (window.upperMs ?? .max)
        }
        return LayoutReads(
            columnar: columnarFiles.map(fullTrail) ?? .exact(0),
            rawUnpartitioned: rawFullTrail(measurement.rawUnpartitioned, figures: figures).bytes,
            rawProjected: rawFullTrail(measurement.rawProjected, figures: figures).bytes,
            eventWindow: events.bytesScanned == 0 ? .exact(0) : fullTrail(eventFiles))
    }

    /// The full trail's files a raw read keeps (whole cells: a partition is a day of an account and region).
    public func fullTrailFiles(_ scan: ScanMeasurement) -> Int64 {
        guard let figures else { return Int64(scan.unitsRead) }
        return Int64(rawFullTrail(scan, figures: figures).files.rounded())
    }

    /// The full trail's gzip bytes and files a raw read takes. Without a listing, every sampled
    /// file stands for its cell (`rawReads`). With one, what the read took from listed cells is
    /// the catalog's own figure, exact (listed objects and ingested files alike); only the
    /// sampled files of cells the listing does not name are expanded, over those cells alone.
    private func rawFullTrail(_ scan: ScanMeasurement, figures: SampleEventFigures) -> (
        bytes: RatioEstimate, files: Double
    ) {
        guard !listedCells.isEmpty else {
            let reads = rawReads(scan, figures: figures)
            return (fullTrail(reads, expansion: .gzipPerDay), fullTrail(reads.map { $0 > 0 ? 1 : 0 }).value)
        }
        let scans = Double(max(scan.scans, 1))
        func kept(_ cell: String) -> Bool {
            guard let window = scan.partitionDayWindow else { return true }
            let day = cell.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            guard let start = Self.dayStart(day) else { return false }
            return start >= (window.lowerMs ?? .min) && start <= (window.upperMs ?? .max)
        }
        var exactBytes = 0.0
        var exactFiles = 0.0
        for (cell, listed) in listedCells where kept(cell) {
            exactBytes += Double(listed.listedBytes) * scans
            exactFiles += Double(listed.listedFiles)
        }
        var sampled: [SampleEventFigures.File] = []
        var sampledReads: [Double] = []
        for file in figures.files {
            if listedCells[file.cell] != nil {
                guard kept(file.cell) else { continue }
                exactBytes += Double(file.gzipBytes) * scans
                exactFiles += 1
            } else {
                sampled.append(file)
                sampledReads.append(kept(file.cell) ? Double(file.gzipBytes) * scans : 0)
            }
        }
        // A read pruned by other partitions too (account, region) took a share of what its days
        // hold: each part stands for that share.
        let planned = exactBytes + sampledReads.reduce(0, +)
        // Nothing the read took is placed in a cell: it is taken as measured.
        guard planned > 0 else { return (.exact(Double(scan.bytesScanned)), Double(scan.unitsRead)) }
        let share = Double(scan.bytesScanned) / planned
        let sampledCells = Set(sampled.map(\.cell))
        let bootstrap = StratifiedBootstrap(
            cells: cells.filter {
                sampledCells.contains(SampleEventFigures.cellKey(account: $0.account, region: $0.region, day: $0.day))
            }, files: sampled)
        let expandedBytes = bootstrap.total(
            sampledReads.map { $0 * share }, expansion: .gzipPerDay, resamples: resamples)
        let expandedFiles = bootstrap.total(
            sampledReads.map { $0 > 0 ? 1 : 0 }, expansion: .files, resamples: resamples)
        let exact = exactBytes * share
        return (
            RatioEstimate(
                value: exact + expandedBytes.value, low: exact + expandedBytes.low, high: exact + expandedBytes.high),
            exactFiles * min(share, 1) + expandedFiles.value
        )
    }

    /// Per file, the gzip bytes a raw read took from it: the whole file when its partition day is
    /// inside the read's `timestamp` window (every file when the read had none). When the read
    /// pruned by other partitions too (its bytes differ from that), each file stands for its share.
    private func rawReads(_ scan: ScanMeasurement, figures: SampleEventFigures) -> [Double] {
        let scans = Double(max(scan.scans, 1))
        let kept = figures.files.map { file -> Double in
            guard let window = scan.partitionDayWindow else { return Double(file.gzipBytes) * scans }
            let day = file.cell.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            guard let start = Self.dayStart(day), start >= (window.lowerMs ?? .min), start <= (window.upperMs ?? .max)
            else { return 0 }
            return Double(file.gzipBytes) * scans
        }
        guard Int64(kept.reduce(0, +)) != scan.bytesScanned else { return kept }
        let gzip = figures.files.reduce(0.0) { $0 + Double($1.gzipBytes) }
        return figures.files.map { Double($0.gzipBytes) * Double(scan.bytesScanned) / max(gzip, 1) }
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

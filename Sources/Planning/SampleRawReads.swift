import Metering
import TrailStore

extension SampleConfidence {
    /// The full trail's files a raw read keeps (whole cells: a partition is a day of an account and region).
    public func fullTrailFiles(_ scan: ScanMeasurement) -> Int64 {
        guard let figures else { return Int64(scan.unitsRead) }
        return Int64(rawFullTrail(scan, figures: figures).files.rounded())
    }

    /// The full trail's gzip bytes and files a raw read takes. Without a listing, every sampled
    /// file stands for its cell (`rawReads`). With one, what the read took from listed cells is
    /// the catalog's own figure, exact (listed objects and ingested files alike); only the
    /// sampled files of cells the listing does not name are expanded, over those cells alone.
    func rawFullTrail(_ scan: ScanMeasurement, figures: SampleEventFigures) -> (
        bytes: RatioEstimate, files: Double
    ) {
        guard !listedCells.isEmpty else {
            let reads = rawReads(scan, figures: figures)
            return (fullTrail(reads, expansion: .gzipPerDay), fullTrail(reads.map { $0 > 0 ? 1 : 0 }).value)
        }
        let scans = Double(max(scan.scans, 1))
        func kept(_ cell: String) -> Bool { Self.partitionDay(of: cell, isInside: scan.partitionDayWindow) }
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
    func rawReads(_ scan: ScanMeasurement, figures: SampleEventFigures) -> [Double] {
        let scans = Double(max(scan.scans, 1))
        let kept = figures.files.map { file -> Double in
            Self.partitionDay(of: file.cell, isInside: scan.partitionDayWindow) ? Double(file.gzipBytes) * scans : 0
        }
        guard Int64(kept.reduce(0, +)) != scan.bytesScanned else { return kept }
        let gzip = figures.files.reduce(0.0) { $0 + Double($1.gzipBytes) }
        return figures.files.map { Double($0.gzipBytes) * Double(scan.bytesScanned) / max(gzip, 1) }
    }

    /// True when the partition day of `cell` (`account|region|day`) lies inside `window` (every
    /// day does when there is none).
    static func partitionDay(of cell: String, isInside window: TimeWindow?) -> Bool {
        guard let window else { return true }
        let day = cell.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard let start = dayStart(day) else { return false }
        return start >= (window.lowerMs ?? .min) && start <= (window.upperMs ?? .max)
    }
}

import CloudTrail
import TrailStore

/// The bootstrap's fixed settings: the same sample always gives the same interval (reports are
/// golden files), and every figure of a sample is redrawn from the same stream.
public enum RatioBootstrap {
    public static let seed: UInt64 = 0xB007_5742_0000_0001
    public static let resamples = 1000
}

/// A sampled store's files grouped by the (account, region, day) cells they were drawn from, with
/// each cell's population: the stratified ratio estimator and its bootstrap (`SampleConfidence`).
struct StratifiedBootstrap {
    /// File indices per group, the group's population gzip bytes and files, and whether its files
    /// are redrawn (a cell sampled whole, or with one file, is not).
    private var groups: [[Int]] = []
    private var populationBytes: [Double] = []
    private var populationFiles: [Int64] = []
    private var redrawn: [Bool] = []
    /// Each group's day, and each day's population gzip bytes.
    private var dayOf: [Int] = []
    private var dayPopulationBytes: [Double] = []
    private var dayCount: Int { dayPopulationBytes.count }
    private let gzip: [Double]

    init(cells: [SampleCell], files: [SampleEventFigures.File]) {
        gzip = files.map { Double($0.gzipBytes) }
        var index: [String: Int] = [:]
        for (position, file) in files.enumerated() {
            if let group = index[file.cell] {
                groups[group].append(position)
            } else {
                index[file.cell] = groups.count
                groups.append([position])
            }
        }
        let recorded = Dictionary(
            cells.map { (SampleEventFigures.cellKey(account: $0.account, region: $0.region, day: $0.day), $0) },
            uniquingKeysWith: { first, _ in first })
        var days: [String: Int] = [:]
        for (cell, group) in index.sorted(by: { $0.value < $1.value }) {
            let own = groups[group].reduce(0.0) { $0 + gzip[$1] }
            let record = recorded[cell]
            // A file outside every recorded cell (ingested in full beside the sample) stands for itself.
            populationBytes.append(record.map { Double($0.populationBytes) } ?? own)
            populationFiles.append(record?.populationFiles ?? Int64(groups[group].count))
            redrawn.append(record.map { $0.sampledFiles < $0.populationFiles } ?? false && groups[group].count > 1)
            let day = String(cell.split(separator: "|", omittingEmptySubsequences: false).last ?? "")
            if let known = days[day] {
                dayOf.append(known)
                dayPopulationBytes[known] += populationBytes[group]
            } else {
                days[day] = dayPopulationBytes.count
                dayOf.append(dayPopulationBytes.count)
                dayPopulationBytes.append(populationBytes[group])
            }
        }
    }

    /// How many population files each file stands for (its cell's population over its sampled
    /// files): `.files` expansion as weights, for figures summed in one pass.
    var fileWeights: [Double] {
        var weights = [Double](repeating: 1, count: gzip.count)
        for group in groups.indices {
            for file in groups[group] { weights[file] = Double(populationFiles[group]) / Double(groups[group].count) }
        }
        return weights
    }

    /// How a sampled figure stands for its population.
    enum Expansion {
        /// Each cell's files times its population's files over its sampled files (unbiased: the
        /// files of a cell are a simple random sample of it). For figures of the files' contents.
        case files
        /// Each day's population gzip bytes times its sampled files' figure per gzip byte: exact
        /// for whole files (the raw layouts read whole partitions, whose sizes the sample recorded).
        /// One ratio per day, not per cell: per-cell ratios over a dozen files add up a bias.
        case gzipPerDay
    }

    /// The population total of per-file `figure`, with the 2.5th and 97.5th percentiles over
    /// `resamples` redraws.
    func total(_ figure: [Double], expansion: Expansion, resamples: Int) -> RatioEstimate {
        let value = estimate(figure, expansion: expansion) { $0 }
        var random = SplitMix64(seed: RatioBootstrap.seed)
        var replicates: [Double] = []
        replicates.reserveCapacity(resamples)
        var drawn: [Int] = []
        for _ in 0..<resamples {
            replicates.append(
                estimate(figure, expansion: expansion) { files in
                    drawn.removeAll(keepingCapacity: true)
                    for _ in 1..<files.count { drawn.append(files[Int.random(in: 0..<files.count, using: &random)]) }
                    return drawn
                })
        }
        guard !replicates.isEmpty else { return .exact(value) }
        replicates.sort()
        func percentile(_ p: Double) -> Double { replicates[Int((p * Double(replicates.count - 1)).rounded())] }
        return RatioEstimate(value: value, low: min(value, percentile(0.025)), high: max(value, percentile(0.975)))
    }

    /// The population total of per-file `figure` scaled by files rather than gzip bytes (each
    /// cell's population files times its files' mean figure), for counts of files; no interval.
    func fileTotal(_ figure: [Double]) -> Double {
        groups.indices.reduce(0.0) { sum, group in
            let top = groups[group].reduce(0.0) { $0 + figure[$1] }
            return sum + Double(populationFiles[group]) * top / Double(groups[group].count)
        }
    }

    /// The population total of `figure` from one draw of the files (`draw` gives a cell's files;
    /// the files themselves for a cell not redrawn), expanded as `expansion` says.
    private func estimate(_ figure: [Double], expansion: Expansion, draw: ([Int]) -> [Int]) -> Double {
        var top = [Double](repeating: 0, count: dayCount)
        var bottom = [Double](repeating: 0, count: dayCount)
        var sum = 0.0
        for group in groups.indices {
            let files = redrawn[group] ? draw(groups[group]) : groups[group]
            switch expansion {
            case .files:
                sum += Double(populationFiles[group]) * files.reduce(0.0) { $0 + figure[$1] } / Double(files.count)
            case .gzipPerDay:
                for file in files {
                    top[dayOf[group]] += figure[file]
                    bottom[dayOf[group]] += gzip[file]
                }
            }
        }
        for day in 0..<dayCount where expansion == .gzipPerDay {
            sum += bottom[day] > 0 ? dayPopulationBytes[day] * top[day] / bottom[day] : top[day]
        }
        return sum
    }
}

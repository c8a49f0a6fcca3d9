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
    /// `resamples` redraws (none needed when no redraw can change it, as for whole files).
    func total(_ figure: [Double], expansion: Expansion, resamples: Int) -> RatioEstimate {
        var sums = DaySums(count: dayCount)
        var fixed: SplitMix64? = nil
        let value = estimate(figure, expansion, random: &fixed, sums: &sums)
        guard redrawChanges(figure, expansion) else { return .exact(value) }
        var random: SplitMix64? = SplitMix64(seed: RatioBootstrap.seed)
        var replicates: [Double] = []
        replicates.reserveCapacity(resamples)
        for _ in 0..<resamples { replicates.append(estimate(figure, expansion, random: &random, sums: &sums)) }
        guard !replicates.isEmpty else { return .exact(value) }
        replicates.sort()
        func percentile(_ p: Double) -> Double { replicates[Int((p * Double(replicates.count - 1)).rounded())] }
        return RatioEstimate(value: value, low: min(value, percentile(0.025)), high: max(value, percentile(0.975)))
    }

    /// Per-day running sums of a figure and of gzip bytes, reused across replicates.
    private struct DaySums {
        var top: [Double]
        var bottom: [Double]
        init(count: Int) {
            top = Array(repeating: 0, count: count)
            bottom = Array(repeating: 0, count: count)
        }
    }

    /// The population total of `figure` from the files themselves (`random` nil) or from one
    /// redraw of each redrawn cell's files (n − 1 of n, with replacement), expanded as `expansion` says.
    private func estimate(
        _ figure: [Double], _ expansion: Expansion, random: inout SplitMix64?, sums: inout DaySums
    ) -> Double {
        for day in 0..<dayCount {
            sums.top[day] = 0
            sums.bottom[day] = 0
        }
        var sum = 0.0
        for group in groups.indices {
            let files = groups[group]
            var top = 0.0
            var bottom = 0.0
            var count = files.count
            if redrawn[group], random != nil {
                let n = UInt64(files.count)
                count -= 1
                for _ in 0..<count {
                    let file = files[Int(random!.next().multipliedFullWidth(by: n).high)]
                    top += figure[file]
                    bottom += gzip[file]
                }
            } else {
                for file in files {
                    top += figure[file]
                    bottom += gzip[file]
                }
            }
            switch expansion {
            case .files: sum += Double(populationFiles[group]) * top / Double(count)
            case .gzipPerDay:
                sums.top[dayOf[group]] += top
                sums.bottom[dayOf[group]] += bottom
            }
        }
        guard expansion == .gzipPerDay else { return sum }
        for day in 0..<dayCount {
            sum += sums.bottom[day] > 0 ? dayPopulationBytes[day] * sums.top[day] / sums.bottom[day] : sums.top[day]
        }
        return sum
    }

    /// False when every redraw gives the same total: per redrawn cell the figure is the same for
    /// every file (`.files`), or per day it is the same multiple of every file's gzip bytes (`.gzipPerDay`).
    private func redrawChanges(_ figure: [Double], _ expansion: Expansion) -> Bool {
        func differs(_ a: Double, _ b: Double) -> Bool { abs(a - b) > 1e-9 * max(abs(a), abs(b), 1) }
        switch expansion {
        case .files:
            return groups.indices.contains { group in
                redrawn[group] && groups[group].contains { differs(figure[$0], figure[groups[group][0]]) }
            }
        case .gzipPerDay:
            var ratio = [Double?](repeating: nil, count: dayCount)
            // Every cell of the day counts: a cell not redrawn still weighs in the day's ratio.
            for group in groups.indices {
                for file in groups[group] where gzip[file] > 0 {
                    let own = figure[file] / gzip[file]
                    if let known = ratio[dayOf[group]] {
                        if differs(known, own) { return true }
                    } else {
                        ratio[dayOf[group]] = own
                    }
                }
            }
            return false
        }
    }
}

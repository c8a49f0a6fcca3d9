import SQLite

extension SQLFunctions {
    /// The aggregates below: `try(...)` leaves them as they are (see `nullingErrors(in:)`).
    static let aggregateFunctionNames: Set<String> = [
        "tm_array_agg", "tm_array_agg_asc", "tm_array_agg_desc", "tm_array_agg_by_asc", "tm_array_agg_by_desc",
        "tm_array_agg_by_keys",
        "tm_max_by", "tm_min_by", "tm_var_samp", "tm_var_pop", "tm_stddev_samp", "tm_stddev_pop",
        "tm_approx_percentile", "tm_covar_samp", "tm_covar_pop", "tm_corr", "tm_regr_slope", "tm_regr_intercept",
        "tm_nth_first", "tm_nth_last", "tm_skewness", "tm_kurtosis", "tm_geometric_mean", "tm_bitwise_and_agg",
        "tm_bitwise_or_agg", "tm_histogram", "tm_map_agg", "tm_multimap_agg", "tm_top_values",
        "tm_approx_most_frequent", "tm_map_union",
    ]

    static func registerAggregates(_ c: Connection) throws(SQLiteError) {
        try c.defineAggregate("tm_array_agg", argumentCount: 1) { ArrayAggregate(order: nil, keyed: false) }
        try c.defineAggregate("tm_array_agg_asc", argumentCount: 1) { ArrayAggregate(order: .ascending, keyed: false) }
        try c.defineAggregate("tm_array_agg_desc", argumentCount: 1) {
            ArrayAggregate(order: .descending, keyed: false)
        }
        try c.defineAggregate("tm_array_agg_by_asc", argumentCount: 2) {
            ArrayAggregate(order: .ascending, keyed: true)
        }
        try c.defineAggregate("tm_array_agg_by_desc", argumentCount: 2) {
            ArrayAggregate(order: .descending, keyed: true)
        }
        try c.defineAggregate("tm_array_agg_by_keys", argumentCount: -1) { ArrayAggregateByKeys() }
        try c.defineAggregate("tm_max_by", argumentCount: 2) { ExtremeBy(maximum: true) }
        try c.defineAggregate("tm_top_values", argumentCount: 4) { TopValues() }
        for (name, sample, root) in [
            ("tm_var_samp", true, false), ("tm_var_pop", false, false), ("tm_stddev_samp", true, true),
            ("tm_stddev_pop", false, true),
        ] {
            try c.defineWindowAggregate(name, argumentCount: 1) { Variance(sample: sample, root: root) }
        }
        try c.defineAggregate("tm_min_by", argumentCount: 2) { ExtremeBy(maximum: false) }
        try c.defineAggregate("tm_approx_percentile", argumentCount: 3) { ApproxPercentile() }
        try c.defineAggregate("tm_skewness", argumentCount: 1) { CentralMoments(kurtosis: false) }
        try c.defineAggregate("tm_kurtosis", argumentCount: 1) { CentralMoments(kurtosis: true) }
        try c.defineAggregate("tm_geometric_mean", argumentCount: 1) { GeometricMean() }
        try c.defineAggregate("tm_bitwise_and_agg", argumentCount: 1) { BitwiseAggregate(and: true) }
        try c.defineAggregate("tm_bitwise_or_agg", argumentCount: 1) { BitwiseAggregate(and: false) }
        try c.defineWindowAggregate("tm_nth_first", argumentCount: 2) { NonNullFrame(fromStart: true) }
        try c.defineWindowAggregate("tm_nth_last", argumentCount: 2) { NonNullFrame(fromStart: false) }
        for (name, statistic) in [
            ("tm_covar_samp", Covariance.Statistic.sampleCovariance), ("tm_covar_pop", .populationCovariance),
            ("tm_corr", .correlation), ("tm_regr_slope", .slope), ("tm_regr_intercept", .intercept),
        ] {
            try c.defineAggregate(name, argumentCount: 2) { Covariance(statistic) }
        }
    }
}

/// A value as ORDER BY compares it: NULLs last (Trino's default), numbers before text, text by bytes.
struct SortKey: Comparable {
    let value: SQLiteValue

    private var rank: Int {
        switch value {
        case .integer, .real: return 0
        case .text: return 1
        case .blob: return 2
        case .null: return 3
        }
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        switch (a.value, b.value) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.integer(let x), .real(let y)): return Double(x) < y
        case (.real(let x), .integer(let y)): return x < Double(y)
        case (.real(let x), .real(let y)): return x < y
        case (.text(let x), .text(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y)
        default: return false
        }
    }
}

/// JSON spelling of an aggregated value; values SQLite's json() produced (subtype 'J') are kept as JSON.
func jsonElement(_ args: FunctionArguments, _ index: Int) -> String {
    switch args.type(index) {
    case .null: return "null"
    case .integer: return String(args.int64(index))
    case .real:
        let double = args.double(index)
        return double.isFinite ? String(double) : "null"
    default:
        let text = args.text(index) ?? ""
        if args[index].subtype == 74 { return text }
        return JSONScan.quote(text)
    }
}

final class ArrayAggregate: AggregateState {
    enum Order { case ascending, descending }
    private let order: Order?
    private let keyed: Bool
    private var items: [(SortKey, String)] = []

    init(order: Order?, keyed: Bool) {
        self.order = order
        self.keyed = keyed
    }

    func step(_ arguments: FunctionArguments) {
        let key = SortKey(value: arguments.sqliteValue(keyed ? 1 : 0))
        items.append((key, jsonElement(arguments, 0)))
    }

    func final(_ result: FunctionResult) {
        // Trino's array_agg over no rows is NULL.
        guard !items.isEmpty else { return result.null() }
        if let order {
            items.sort { a, b in
                if a.0.value == .null || b.0.value == .null { return b.0.value == .null && a.0.value != .null }
                return order == .ascending ? a.0 < b.0 : b.0 < a.0
            }
        }
        result.text("[" + items.map(\.1).joined(separator: ",") + "]")
    }
}

final class ExtremeBy: AggregateState {
    private let maximum: Bool
    private var best: (SortKey, SQLiteValue)?

    init(maximum: Bool) { self.maximum = maximum }

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(1) else { return }
        let key = SortKey(value: arguments.sqliteValue(1))
        if let current = best {
            if maximum ? current.0 < key : key < current.0 { best = (key, arguments.sqliteValue(0)) }
        } else {
            best = (key, arguments.sqliteValue(0))
        }
    }

    func final(_ result: FunctionResult) {
        guard let best else { return result.null() }
        result.value(best.1)
    }
}

/// `variance`, `var_samp`, `var_pop`, `stddev`, `stddev_samp`, `stddev_pop`: Welford's running
/// mean and sum of squared deviations, as Trino keeps them. NULLs are skipped; a sample of fewer
/// than two values has none (NULL), a population of one has 0. Over a sliding window frame a row
/// leaving the frame is taken out by the same update run backwards.
final class Variance: WindowAggregateState {
    private let sample: Bool
    private let root: Bool
    private var count = 0.0
    private var mean = 0.0
    private var squares = 0.0

    init(sample: Bool, root: Bool) {
        self.sample = sample
        self.root = root
    }

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0) else { return }
        let value = arguments.double(0)
        count += 1
        let delta = value - mean
        mean += delta / count
        squares += delta * (value - mean)
    }

    func inverse(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0) else { return }
        guard count > 1 else {
            (count, mean, squares) = (0, 0, 0)
            return
        }
        let value = arguments.double(0)
        count -= 1
        let delta = value - mean
        mean -= delta / count
        squares -= delta * (value - mean)
    }

    func value(_ result: FunctionResult) {
        guard count >= (sample ? 2 : 1) else { return result.null() }
        // Rounding can leave a sliding frame's squares a hair below zero; an overflow's infinity
        // or NaN stays, as Trino's same update gives it.
        let variance = (squares < 0 && squares.isFinite ? 0 : squares) / (sample ? count - 1 : count)
        SQLFunctions.double(root ? variance.squareRoot() : variance, result)
    }

    func final(_ result: FunctionResult) { value(result) }
}

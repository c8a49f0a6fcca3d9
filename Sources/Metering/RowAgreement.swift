import QueryEngine
import SQLite

/// How the rows of the two layouts compared under `verify`, judged by what the query promises
/// (`ResultOrder`): a query without ORDER BY may return its rows in any order, and a LIMIT that
/// ORDER BY does not decide may keep any of them, on Athena as here.
public enum RowAgreement: Sendable, Equatable {
    /// The same rows in the same order.
    case identical
    /// The same rows in another order, which the query leaves open (no ORDER BY, or rows its
    /// ORDER BY ranks equal).
    case reordered
    /// As many rows on each layout, each of them found in the same whole result (the query run
    /// again without its LIMIT, on both layouts): which rows the LIMIT keeps is left open.
    case drawnFromSameResult(rows: Int)
    /// Rows that no reading of the query allows to differ do.
    case differ
    /// Not compared: the statement calls functions whose answers change with every run
    /// (`rand()`, `uuid()`), so no two runs need agree, on Athena either.
    case notCompared(randomFunctions: [String])  // as written: `rand()`, `TABLESAMPLE BERNOULLI`

    /// True unless the rows differ.
    public var agrees: Bool { self != .differ }

    /// The agreement of two layouts' rows from their digests alone. Both layouts run the same
    /// SQL, so the same rows in another order can only be rows the query leaves unordered. Two
    /// limited results with other rows may still be two right choices: `wholeResults` decides.
    static func judge(_ columnar: RowDigest, _ raw: RowDigest) -> RowAgreement {
        if columnar.inOrder == raw.inOrder { return .identical }
        return columnar.sameRows(as: raw) ? .reordered : .differ
    }

    /// The agreement of two limited results from the whole results their LIMIT drew from.
    static func wholeResults(
        columnar: WholeResultCheck, raw: WholeResultCheck, drawn: Int
    ) -> RowAgreement {
        columnar.whole.sameRows(as: raw.whole) && columnar.holdsEveryDrawnRow && raw.holdsEveryDrawnRow
            ? .drawnFromSameResult(rows: drawn) : .differ
    }
}

/// A running digest of a stream of rows: in order, and as a multiset (order left out), so two
/// streams compare without either being kept. Equal digests mean the same rows, bar a 64-bit
/// hash collision. Seeds are per process, so digests compare only within one run.
struct RowDigest {
    private(set) var count = 0
    private var hasher = Hasher()
    /// The sum of each row's own hash: the same for the same rows in any order.
    private var rowHashSum: UInt64 = 0
    /// How often each row's hash occurs, when kept (a LIMIT's rows, to find in a whole result).
    private(set) var rowHashes: [Int: Int]?

    init(keepsRows: Bool = false) {
        rowHashes = keepsRows ? [:] : nil
    }

    mutating func add(_ row: [SQLiteValue]) {
        count += 1
        hasher.combine(row)
        let own = Self.hash(row)
        rowHashSum &+= UInt64(bitPattern: Int64(own))
        rowHashes?[own, default: 0] += 1
    }

    /// The rows in order: equal for the same rows in the same order.
    var inOrder: Digest { Digest(count: count, hash: hasher.finalize()) }

    /// True when both streams hold the same rows, in whatever order.
    func sameRows(as other: RowDigest) -> Bool { count == other.count && rowHashSum == other.rowHashSum }

    static func hash(_ row: [SQLiteValue]) -> Int {
        var hasher = Hasher()
        hasher.combine(row)
        return hasher.finalize()
    }

    struct Digest: Equatable {
        let count: Int
        let hash: Int
    }
}

/// A whole result streamed past a limited one's rows: its digest, and whether every row the
/// limited result kept is among it (as often as kept).
struct WholeResultCheck {
    private(set) var whole = RowDigest()
    private var unmatched: [Int: Int]

    init(drawn: RowDigest) {
        unmatched = drawn.rowHashes ?? [:]
    }

    mutating func add(_ row: [SQLiteValue]) {
        whole.add(row)
        guard !unmatched.isEmpty else { return }
        let hash = RowDigest.hash(row)
        guard let left = unmatched[hash] else { return }
        unmatched[hash] = left > 1 ? left - 1 : nil
    }

    /// True when each row of the limited result was found in the whole one.
    var holdsEveryDrawnRow: Bool { unmatched.isEmpty }
}

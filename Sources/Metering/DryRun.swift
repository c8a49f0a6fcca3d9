import QueryEngine
import SQLite
import TrailStore

/// How far a dry run's bytes can be taken at their word, from the most to the least certain.
public enum DryRunPrecision: String, Sendable, Comparable {
    /// Equal, byte for byte, to what executing the statement meters.
    case exact
    /// What executing it meters is at most this: SQLite may stop reading early, or take bounds
    /// from a subquery at run time that prune more.
    case upperBound = "upper bound"
    /// Some reference to the table is counted as one whole scan: at most that per scan, but a
    /// subquery correlated with the outer rows scans once per outer row, and each scan is billed.
    case upperBoundPerScan = "upper bound per scan"

    private var rank: Int {
        switch self {
        case .exact: 0
        case .upperBound: 1
        case .upperBoundPerScan: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// What a statement would read under both layouts, found without reading event data: the raw
/// layout from the catalog, the columnar layout from the chunk metadata of the referenced
/// columns in the segments the eventTime bounds keep (ARCHITECTURE §4).
public struct DryRunResult: Sendable {
    public let translation: Translation
    public let columnar: ScanMeasurement
    public let raw: ScanMeasurement
    /// The event-window layout (CloudWatch Logs Insights): the ingested bytes of the events in the
    /// columnar scans' eventTime window, segments the window's edge cuts counted whole.
    public let eventWindow: ScanMeasurement
    /// `exact` when no segment straddles the window's edges and the window itself is known.
    public let eventWindowPrecision: DryRunPrecision
    /// The least certain label any of the statement's scans earned.
    public let precision: DryRunPrecision
    /// Why the figures are not exact, one line per reason (empty when exact).
    public let reasons: [String]
}

/// What the columnar table gathers while a dry run steps a statement.
final class DryRunState {
    /// The union of `colUsed` over every plan SQLite asked for: a superset of each reference's columns.
    var columnsPlanned: UInt64 = 0
    /// Scans the statement opened (xFilter calls).
    var scans = 0
    /// True when a bound's value was unknown (NULL or an empty list from a subquery with no rows).
    var unknownBounds = false
}

extension ColumnarTable {
    /// `constraints` without the bounds whose values a dry run cannot know: with no rows, a
    /// subquery gives NULL or an empty list where the executed run has values that prune.
    func dryRunConstraints(_ constraints: ScanConstraints) -> ScanConstraints {
        func known(_ bound: PushedBound) -> Bool { bound.values.map { !$0.isEmpty } ?? false }
        var result = constraints
        result.eventTime = constraints.eventTime.filter(known)
        result.partitions = constraints.partitions.mapValues { $0.filter(known) }.filter { !$0.value.isEmpty }
        if result.eventTime.count != constraints.eventTime.count
            || result.partitions.values.map(\.count).reduce(0, +)
                != constraints.partitions.values.map(\.count).reduce(0, +)
        {
            dryRunState?.unknownBounds = true
        }
        return result
    }

    /// Meters what a scan reading the `needed` columns of `segments` would read, from the chunk
    /// metadata alone: the chunks the cursor would fetch, at their stored sizes.
    func meterFromMetadata(segments: [Int], needed: [Int]) {
        dryRunState?.scans += 1
        for index in segments {
            let segment = catalog.segments[index]
            guard segment.events > 0 else { continue }
            for column in needed where column != StoreFile.fileIDColumn {
                // A column no event of the segment fills has no chunk, and nothing is read.
                if let chunk = segment.chunks[column] { meter.addUnit(bytes: chunk.compressedBytes) }
            }
            meter.addSegment()
            // Which events meet the bounds is in the eventtime chunk, which a dry run does not read.
            meter.addEvents(scanned: Int64(segment.events), matched: Int64(segment.events))
        }
    }
}

extension MeteredStore {
    /// What `sql` would read under both layouts, without reading event data: the statement is
    /// prepared and stepped with the columnar cursor metering chunk metadata and handing over no
    /// rows. References SQLite never scanned (no rows drove them) are counted as whole scans.
    public func dryRun(_ sql: String, dialect: Dialect? = nil) throws(MeteringError) -> DryRunResult {
        let translation = try translate(sql, dialect: dialect, layout: .columnar)
        if assumesAthenaTable, athenaDefinition == nil { usePartitions(translation.partitionsUsed) }
        let wasMetering = isMetering
        isMetering = true
        ledger.reset()
        columnar.resetMeters()
        let state = DryRunState()
        columnar.dryRunState = state
        defer {
            columnar.dryRunState = nil
            isMetering = wasMetering
        }
        try execute(translation, on: columnar, limits: .unlimited) { _ in }
        let shape = StatementShape(sql: translation.sqliteSQL, tableName: Self.columnarTableName)
        var precision = DryRunPrecision.exact
        var reasons: [String] = []
        let unreached = shape.references - state.scans
        if unreached > 0 {
            precision = .upperBoundPerScan
            reasons.append(
                "\(unreached) of \(shape.references) references to the table (a join or a subquery) would scan only for rows a dry run does not produce: each counted as one scan of every segment for the columns the statement uses; a subquery correlated with the outer rows scans once per outer row"
            )
            var whole = ScanConstraints()
            whole.columnsUsed = state.columnsPlanned
            let columns = columnar.columnsUsed(whole)
            let needed = columnar.eventColumnsNeeded(columns)
            for _ in 0..<unreached {
                columnar.meter.beginScan(columns: columns, constraints: whole, partitionsApply: false)
                try columnar.planRawScan(whole, columns: columns)
                columnar.meterFromMetadata(segments: Array(columnar.catalog.segments.indices), needed: needed)
            }
        }
        if state.unknownBounds {
            precision = max(precision, .upperBound)
            reasons.append(
                "bounds that take their values from a subquery are known only at run time, where they may prune more: left out here"
            )
        }
        if shape.mayStopEarly {
            precision = max(precision, .upperBound)
            reasons.append(
                "a LIMIT (or a subquery's first row) without ORDER BY, GROUP BY or an aggregate lets SQLite stop reading once it has enough rows: the run may read fewer segments"
            )
        }
        var columnarMeasurement = columnar.meter.measurement
        columnarMeasurement.source = .planned
        let window = columnarMeasurement.eventTimeWindow
        let meter = try eventWindowMeter()
        let cut = meter.segmentsCut(by: window)
        var eventWindow = try meter.measure(window, edgesWhole: true)
        if cut > 0 {
            eventWindow.pruning.append(
                "\(cut) segments the window's edges cut counted whole: their eventTime chunks not read")
        }
        let windowKnown = unreached <= 0 && !state.unknownBounds
        return DryRunResult(
            translation: translation, columnar: columnarMeasurement, raw: columnar.rawPlan.measurement,
            eventWindow: eventWindow, eventWindowPrecision: cut == 0 && windowKnown ? .exact : .upperBound,
            precision: precision, reasons: reasons)
    }
}

/// What the text of a translated statement tells a dry run: how often it names the layout table,
/// and whether SQLite may stop a scan before its end.
struct StatementShape {
    /// Times the statement names the table (each a scan site).
    let references: Int
    /// True when a LIMIT, EXISTS or a scalar subquery could end a scan early, and no ORDER BY,
    /// GROUP BY, DISTINCT or aggregate makes SQLite read every row first.
    let mayStopEarly: Bool

    private static let aggregates: Set<String> = [
        "count", "sum", "avg", "min", "max", "total", "group_concat", "string_agg",
    ]

    init(sql: String, tableName: String) {
        let words = Self.words(of: sql)
        references = words.filter { $0.word == tableName.lowercased() }.count
        let names = Set(words.map(\.word))
        let readsEverything =
            names.contains("order") || names.contains("group") || names.contains("distinct")
            || words.contains { $0.isCall && Self.aggregates.contains($0.word) }
        // `(SELECT`: a subquery, which SQLite stops after its first row when it is scalar.
        let subqueries = words.filter { $0.word == "select" && $0.isSubquery }.count
        mayStopEarly = (names.contains("limit") || names.contains("exists") || subqueries > 0) && !readsEverything
    }

    /// The statement's words (keywords, names, quoted identifiers), lowercased, outside string
    /// literals, each with whether a `(` follows it and whether one precedes it.
    private static func words(of sql: String) -> [(word: String, isCall: Bool, isSubquery: Bool)] {
        let bytes = Array(sql.utf8)
        var result: [(word: String, isCall: Bool, isSubquery: Bool)] = []
        var index = 0
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
                || byte >= 0x80
        }
        func followedByParenthesis(_ end: Int) -> Bool {
            var next = end
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x09 { next += 1 }
            return next < bytes.count && bytes[next] == 0x28
        }
        func precededByParenthesis(_ start: Int) -> Bool {
            var previous = start - 1
            while previous >= 0, bytes[previous] == 0x20 || bytes[previous] == 0x0A || bytes[previous] == 0x09 {
                previous -= 1
            }
            return previous >= 0 && bytes[previous] == 0x28
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x27 || byte == 0x22 || byte == 0x60 {
                // A string literal is skipped; a quoted identifier is a word. Doubled quotes escape.
                var end = index + 1
                while end < bytes.count {
                    if bytes[end] == byte {
                        if end + 1 < bytes.count, bytes[end + 1] == byte {
                            end += 2
                            continue
                        }
                        break
                    }
                    end += 1
                }
                if byte != 0x27 {
                    let word = String(decoding: bytes[(index + 1)..<min(end, bytes.count)], as: UTF8.self)
                    result.append((word.lowercased(), followedByParenthesis(end + 1), false))
                }
                index = end + 1
            } else if isWordByte(byte) {
                var end = index
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                result.append(
                    (
                        String(decoding: bytes[index..<end], as: UTF8.self).lowercased(), followedByParenthesis(end),
                        precededByParenthesis(index)
                    ))
                index = end
            } else {
                index += 1
            }
        }
        return result
    }
}

extension DryRunResult {
    /// The dry run as a result with no rows, for reports that show a run's meters.
    public var asResult: MeteredResult {
        MeteredResult(
            translation: translation, rows: [], rowCount: 0, columnar: columnar, raw: raw, verification: nil)
    }
}

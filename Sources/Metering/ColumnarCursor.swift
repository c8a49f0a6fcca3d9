import CloudTrail
import QueryEngine
import SQLite
import TrailStore

/// One scan of the columnar layout.
///
/// Every chunk of every needed column of every segment the eventTime bounds keep is read,
/// decoded and metered, whatever SQLite does with the rows: that is what a Lake scan reads. What
/// the cursor saves is handing SQLite rows it would throw away. Rows that fail a pushed text
/// filter are left out (SQLite checks those filters again on the rows it gets). When SQLite
/// passed a LIMIT with an ORDER BY it carries out itself, and every constraint can be decided
/// here, only rows that can be among the first LIMIT rows of the sorted result are handed over:
/// those whose sort key does not sort after the LIMIT-th best key, ties included. The rows handed
/// over keep the scan's order, so SQLite's sort (stable for ties) picks the same rows either way.
final class ColumnarCursor: VirtualTableCursor {
    private let table: ColumnarTable
    private var constraints = ScanConstraints()
    private var needed: [Int] = []
    private var needsFileIDs = false
    private var presenters: [CellPresenter] = []
    private var rowFilter = RowFilter()
    /// Segments the eventTime bounds keep, by catalog index, in scan order.
    private var segments: [Int] = []
    private var segmentPosition = 0
    /// With a LIMIT: segments decoded ahead, with the rows of each to hand over, last first.
    private var ranked: [(segment: DecodedSegment, rows: [Int32])]?
    private var current: DecodedSegment?
    /// Rows of `current` to hand over; nil for all of them.
    private var selected: [Int32]?
    private var position = 0
    private var row = 0
    private var json: [UInt8] = []
    /// `presenters` where `column` reads them for every cell.
    private let cellPresenters = PinnedArray(
        repeatElement(CellPresenter(form: .text), count: LayoutColumns.eventColumnCount))

    init(table: ColumnarTable) {
        self.table = table
    }

    func filter(plan: String?, arguments: FunctionArguments) throws(MeteringError) {
        constraints = ScanPlanning.constraints(plan: plan, arguments: arguments)
        if table.isDryRun { constraints = table.dryRunConstraints(constraints) }
        let used = table.columnsUsed(constraints)
        needed = table.eventColumnsNeeded(used)
        needsFileIDs = used.contains { $0 >= LayoutColumns.eventColumnCount } || table.tableFiles != nil
        if needsFileIDs { needed.append(StoreFile.fileIDColumn) }
        presenters = table.presenters
        for (index, presenter) in presenters.enumerated() { cellPresenters[index] = presenter }
        // A filter on a column that reaches SQLite as a number, or on one not decoded, is left to SQLite.
        let matchers = constraints.textFilters.compactMap(TextMatcher.init).filter {
            presenters[$0.column].presentsText && needed.contains($0.column)
        }
        rowFilter = RowFilter(
            eventTime: constraints.eventTime, matchers: matchers, presenters: cellPresenters,
            files: table.tableFiles?.includes)
        let meter = table.meter
        if table.isMetering {
            meter.beginScan(columns: used, constraints: constraints, partitionsApply: false)
            try table.planRawScan(constraints, columns: used)
        }
        segments = []
        let asTimestamp = table.eventTimeIsTimestamp
        for (index, segment) in table.catalog.segments.enumerated() {
            if !constraints.eventTime.isEmpty {
                let range = asTimestamp ? segment.lakeTimeRange : segment.athenaTimeRange
                if let range {
                    guard constraints.eventTime.allSatisfy({ $0.admitsRange(range.min, range.max) }) else { continue }
                } else if asTimestamp, constraints.eventTime.contains(where: { $0.values != nil }) {
                    continue  // undated events have a NULL eventtime, which meets no comparison
                }
            }
            segments.append(index)
        }
        if table.isMetering {
            let skipped = table.catalog.segments.count - segments.count
            if skipped > 0 {
                meter.explain(
                    "\(skipped) of \(table.catalog.segments.count) segments skipped: their eventTime min/max lie outside \(constraints.eventTime.map(\.description).joined(separator: " and "))"
                )
            } else if constraints.eventTime.isEmpty {
                meter.explain("no eventTime bounds reached the layout: every segment read")
            }
            if let files = table.tableFiles {
                meter.explain(
                    "rows of the \(files.count) files under the Athena table's location (\(files.location.restriction)) only: the chunks hold every file's events and are read as without it"
                )
            }
            let stored = table.catalog.storedEventColumns
            let unused = stored.subtracting(needed).count
            if unused > 0 {
                meter.explain("\(unused) of \(stored.count) columns not referenced: their chunks not read")
            }
        }
        segmentPosition = -1
        ranked = nil
        current = nil
        if table.isDryRun {
            // A dry run meters the chunks this scan would read from their metadata and hands over no rows.
            table.meterFromMetadata(segments: segments, needed: needed)
            return
        }
        if let order = rankingOrder() {
            ranked = try rank(by: order.column, descending: order.descending, limit: order.limit).reversed()
        }
        try advanceSegment()
    }

    /// The ORDER BY column and LIMIT to keep rows by, when every constraint of the scan can be
    /// decided here (otherwise a row counted among the first could fail a check SQLite makes).
    private func rankingOrder() -> (column: Int, descending: Bool, limit: Int)? {
        guard let limit = constraints.rowLimit, limit > 0, limit <= 100_000, let order = constraints.orderBy,
            order.column < LayoutColumns.eventColumnCount, order.column != EventSchema.eventJSONIndex,
            presenters[order.column].presentsText, needed.contains(order.column),
            constraints.partitions.isEmpty, rowFilter.matchers.count == constraints.textFilters.count,
            constraints.eventTime.allSatisfy({ $0.values != nil }),
            constraints.eventTime.isEmpty || needed.contains(EventSchema.eventTimeIndex)
        else { return nil }
        return (order.column, order.descending, Int(limit))
    }

    /// Decodes every kept segment, newest first for a descending order so that the best keys
    /// come early, and keeps the rows that can be among the first `limit`.
    private func rank(by column: Int, descending: Bool, limit: Int) throws(MeteringError) -> [(
        segment: DecodedSegment, rows: [Int32]
    )] {
        var top = TopKeys(limit: limit, descending: descending)
        var filter = rowFilter
        var kept: [(segment: DecodedSegment, rows: [Int32])] = []
        let presenter = presenters[column]
        for index in descending ? segments.reversed() : segments {
            guard let segment = try load(index) else { continue }
            var rows: [Int32] = []
            let rowOrder =
                descending
                ? stride(from: segment.count - 1, through: 0, by: -1)
                : stride(from: 0, through: segment.count - 1, by: 1)
            for row in rowOrder {
                let admitted = presenter.withPresentedText(segment.cell(column, row)) { key in
                    guard top.admits(key), filter.passes(segment, row, eventTime: true) else { return false }
                    top.add(key)
                    return true
                }
                if admitted { rows.append(Int32(row)) }
            }
            if !rows.isEmpty { kept.append((segment, rows)) }
        }
        // Keys were admitted against the best keys seen so far; keep those the final ones admit.
        return kept.sorted { $0.segment.index < $1.segment.index }.compactMap { entry in
            let rows = entry.rows.filter { row in
                presenter.withPresentedText(entry.segment.cell(column, Int(row))) { top.admits($0) }
            }
            return rows.isEmpty ? nil : (entry.segment, descending ? rows.reversed() : rows)
        }
    }

    /// Reads segment `index` and meters it; nil when it holds no events.
    private func load(_ index: Int) throws(MeteringError) -> DecodedSegment? {
        let segment = table.catalog.segments[index]
        guard segment.events > 0 else { return nil }
        let decoded = try table.load(segment: index, needed: needed, needsFileIDs: needsFileIDs)
        if table.isMetering {
            table.meter.addSegment()
            table.meter.addEvents(scanned: Int64(segment.events), matched: matchedEvents(in: segment, decoded))
        }
        return decoded
    }

    private func advanceSegment() throws(MeteringError) {
        while true {
            if ranked != nil {
                guard let next = ranked!.popLast() else {
                    current = nil
                    return
                }
                (current, selected) = next
            } else {
                segmentPosition += 1
                guard segmentPosition < segments.count else {
                    current = nil
                    return
                }
                guard let segment = try load(segments[segmentPosition]) else { continue }
                current = segment
                var filter = rowFilter
                selected =
                    filter.matchers.isEmpty && filter.files == nil
                    ? nil
                    : (0..<segment.count).compactMap { filter.passes(segment, $0, eventTime: false) ? Int32($0) : nil }
            }
            position = 0
            let count = selected?.count ?? current!.count
            guard count > 0 else { continue }
            table.ledger.rowsOffered(count)
            row = selected.map { Int($0[0]) } ?? 0
            return
        }
    }

    private func matchedEvents(in segment: StoreCatalog.Segment, _ decoded: DecodedSegment) -> Int64 {
        guard !constraints.eventTime.isEmpty else { return Int64(segment.events) }
        // A segment whose whole range meets every one-sided bound needs no look at its rows.
        let range = table.eventTimeIsTimestamp ? segment.lakeTimeRange : segment.athenaTimeRange
        if let range,
            constraints.eventTime.allSatisfy({ bound in
                bound.op != .equal && bound.op != .inList
                    && range.min.withUnsafeBytes { bound.admits($0) } && range.max.withUnsafeBytes { bound.admits($0) }
            })
        {
            return Int64(segment.events)
        }
        let times = decoded.columns[EventSchema.eventTimeIndex]
        guard times.count == segment.events else { return Int64(segment.events) }
        return EventTimeMatching.count(times, bounds: constraints.eventTime, asTimestamp: table.eventTimeIsTimestamp)
    }

    func next() throws(MeteringError) {
        position += 1
        if let selected {
            if position < selected.count {
                row = Int(selected[position])
                return
            }
        } else if position < current!.count {
            row = position
            return
        }
        current = nil
        try advanceSegment()
    }

    var isAtEnd: Bool { current == nil }

    var rowID: Int64 { Int64(current!.index) << 32 | Int64(row) }

    func column(_ index: Int, into result: FunctionResult) {
        guard let segment = current else { return result.null() }
        if index < LayoutColumns.eventColumnCount {
            if index == EventSchema.eventJSONIndex { return rebuildJSON(result, segment) }
            guard let cell = segment.cell(index, row) else { return result.null() }
            cellPresenters[index].result(result, cell)
        } else {
            table.fileColumn(index, file: row < segment.fileIndexes.count ? segment.fileIndexes[row] : -1, into: result)
        }
    }

    private func rebuildJSON(_ result: FunctionResult, _ segment: DecodedSegment) {
        json.removeAll(keepingCapacity: true)
        let row = row
        EventJSON.rebuild(into: &json) { column in
            let values = segment.columns[column]
            guard row < values.count, !values.isNull[row] else { return nil }
            return values.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[values.range(row)]) }
        }
        json.withUnsafeBytes { presenters[EventSchema.eventJSONIndex].result(result, $0) }
    }
}

/// The pushed filters a row must pass, decided on the cells as SQLite would decide them. The hot
/// loops work on a local copy, which spares them the exclusivity checks of the cursor's properties.
struct RowFilter {
    var eventTime: [PushedBound] = []
    var matchers: [TextMatcher] = []
    var presenters: PinnedArray<CellPresenter>?
    /// Per catalog file, whether the table reads it (`TableFiles.includes`); nil: every file.
    var files: [Bool]?

    /// True when `row` comes from a file the table reads and passes every text filter and, with
    /// `eventTime`, every eventtime bound.
    mutating func passes(_ segment: DecodedSegment, _ row: Int, eventTime checksTime: Bool) -> Bool {
        if let files {
            let file = row < segment.fileIndexes.count ? segment.fileIndexes[row] : -1
            guard file >= 0, files[file] else { return false }
        }
        guard let presenters else { return true }
        if checksTime, !eventTime.isEmpty {
            let admitted = presenters[EventSchema.eventTimeIndex].withPresentedText(
                segment.cell(EventSchema.eventTimeIndex, row)
            ) { text in
                guard let text else { return false }  // NULL meets no comparison
                return eventTime.allSatisfy { $0.admits(text) }
            }
            guard admitted else { return false }
        }
        for index in matchers.indices {
            let column = matchers[index].column
            guard presenters[column].withPresentedText(segment.cell(column, row), { matchers[index].matches($0) })
            else { return false }
        }
        return true
    }
}

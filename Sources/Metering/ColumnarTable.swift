import CloudTrail
import CSQLite
import QueryEngine
import SQLite
import TrailStore

/// The columnar (Lake-style) layout: rows come from the column chunks of the eventTime segments.
/// Segments whose eventTime range cannot meet the pushed bounds are skipped; only the chunks of
/// the columns the statement uses are read and decoded, once per segment. It also plans what the
/// raw layout would read for the same scan (the files its partition pruning keeps).
final class ColumnarTable: MeteredLayoutTable {
    private let chunkQuery: Statement
    /// What the raw layout would read for the scans of this statement, from the catalog.
    let rawPlan: ScanMeter

    init(catalog: StoreCatalog, ledger: ReadLedger, connection: Connection) throws(MeteringError) {
        do {
            chunkQuery = try connection.prepare("SELECT data FROM chunks WHERE segment_id = ? AND column_id = ?")
        } catch {
            throw .store("cannot prepare chunk reads: \(error.message)")
        }
        rawPlan = ScanMeter(layout: .raw, source: .planned)
        super.init(catalog: catalog, ledger: ledger, meter: ScanMeter(layout: .columnar, source: .executed))
    }

    func resetMeters() {
        meter.reset(unitsTotal: catalog.billableChunkCount, segmentsTotal: catalog.segments.count)
        rawPlan.reset(unitsTotal: catalog.files.count, segmentsTotal: 0)
    }

    override func openCursor() -> LayoutCursor { ColumnarCursor(table: self) }

    /// Reads and decodes one chunk, metering it.
    func decode(segment: StoreCatalog.Segment, column: Int) throws(MeteringError) -> ColumnValues {
        let name = StoreFile.storedColumnNames[column]
        guard let chunk = segment.chunks[column] else {
            // Ingest writes a chunk for every column of every segment; a missing one is damage.
            throw .corruptChunk(segment: segment.id, column: name, detail: "no chunk stored")
        }
        do {
            try chunkQuery.bind([.integer(segment.id), .integer(Int64(column))])
            defer { chunkQuery.reset() }
            guard try chunkQuery.step() else { throw MeteringError.corruptChunk(segment: segment.id, column: name, detail: "no chunk stored") }
            return try chunkQuery.withBlob(at: 0) { blob in
                let billable = column != StoreFile.fileIDColumn
                if billable {
                    ledger.chunkRead(blob.count)
                    if isMetering { meter.addUnit(bytes: chunk.compressedBytes) }
                }
                let encoded = try ChunkEncoding.decompress(blob, encodedSize: chunk.encodedBytes, codec: chunk.codec)
                return try encoded.withUnsafeBytes { try ChunkEncoding.decode($0) }
            }
        } catch let error as MeteringError {
            throw error
        } catch let failure as ChunkEncoding.DecodeFailure {
            throw .corruptChunk(segment: segment.id, column: name, detail: failure.detail)
        } catch {
            throw .store("reading chunk \(name) of segment \(segment.id): \(error)")
        }
    }

    /// Plans the raw layout's reads for one scan with `constraints`.
    func planRawScan(_ constraints: ScanConstraints, columns: [Int]) {
        guard isMetering else { return }
        rawPlan.beginScan(columns: columns, constraints: constraints, partitionsApply: true)
        let kept = catalog.filesKept(partitionBounds: constraints.partitions)
        RawTable.explainPruning(kept: kept.count, of: catalog.files.count, constraints: constraints, partitions: partitions, into: rawPlan)
        for index in kept {
            let file = catalog.files[index]
            rawPlan.addUnit(bytes: file.compressedBytes)
            rawPlan.addEvents(scanned: file.events, matched: 0)
        }
    }
}

/// One scan of the columnar layout.
final class ColumnarCursor: LayoutCursor {
    private let table: ColumnarTable
    private var constraints = ScanConstraints()
    private var segments: [Int] = []
    private var segmentPosition = 0
    private var row = 0
    private var rowsInSegment = 0
    private var needed: [Int] = []
    private var needsFileIDs = false
    private var columns = [ColumnValues](repeating: ColumnValues(), count: StoreFile.fileIDColumn + 1)
    private var fileIndexes: [Int] = []
    private var presenters: [CellPresenter] = []
    private var json: [UInt8] = []
    /// The decoded columns again, as plain pointers: xColumn runs for every cell, and reading
    /// through these costs no reference counting or bounds checks.
    private let views = UnsafeMutableBufferPointer<ColumnView>.allocate(capacity: StoreFile.fileIDColumn + 1)
    private let cellPresenters = UnsafeMutableBufferPointer<CellPresenter>.allocate(capacity: LayoutColumns.eventColumnCount)

    init(table: ColumnarTable) {
        self.table = table
        for index in views.indices { (views.baseAddress! + index).initialize(to: ColumnView()) }
        _ = cellPresenters.initialize(from: repeatElement(CellPresenter(form: .text), count: cellPresenters.count))
    }

    deinit {
        for index in views.indices { views[index].release() }
        views.deallocate()
        cellPresenters.deallocate()
    }

    override func filter(plan: String?, arguments: [OpaquePointer?]) throws(MeteringError) {
        constraints = ScanPlanning.constraints(plan: plan, arguments: arguments)
        let used = table.columnsUsed(constraints)
        needed = table.eventColumnsNeeded(used)
        needsFileIDs = used.contains { $0 >= LayoutColumns.eventColumnCount }
        if needsFileIDs { needed.append(StoreFile.fileIDColumn) }
        presenters = ValuePresentation.presenters(for: table.dialect)
        for (index, presenter) in presenters.enumerated() { cellPresenters[index] = presenter }
        let meter = table.meter
        if table.isMetering {
            meter.beginScan(columns: used, constraints: constraints, partitionsApply: false)
            table.planRawScan(constraints, columns: used)
        }
        segments = []
        let isLake = table.dialect == .lake
        for (index, segment) in table.catalog.segments.enumerated() {
            if !constraints.eventTime.isEmpty {
                let range = isLake ? segment.lakeTimeRange : segment.athenaTimeRange
                if let range {
                    guard constraints.eventTime.allSatisfy({ $0.admitsRange(range.min, range.max) }) else { continue }
                } else if isLake, constraints.eventTime.contains(where: { $0.values != nil }) {
                    continue // undated events have a NULL eventtime, which meets no comparison
                }
            }
            segments.append(index)
        }
        if table.isMetering {
            let skipped = table.catalog.segments.count - segments.count
            if skipped > 0 {
                meter.explain("\(skipped) of \(table.catalog.segments.count) segments skipped: their eventTime min/max lie outside \(constraints.eventTime.map(\.description).joined(separator: " and "))")
            } else if constraints.eventTime.isEmpty {
                meter.explain("no eventTime bounds reached the layout: every segment read")
            }
            let unused = LayoutColumns.eventColumnCount - needed.filter { $0 < LayoutColumns.eventColumnCount }.count
            if unused > 0 { meter.explain("\(unused) of \(LayoutColumns.eventColumnCount) columns not referenced: their chunks not read") }
        }
        segmentPosition = -1
        try advanceSegment()
    }

    private func advanceSegment() throws(MeteringError) {
        while true {
            segmentPosition += 1
            guard segmentPosition < segments.count else { return }
            let segment = table.catalog.segments[segments[segmentPosition]]
            guard segment.events > 0 else { continue }
            for column in needed {
                columns[column] = try table.decode(segment: segment, column: column)
                views[column].release()
                views[column] = ColumnView(columns[column])
            }
            if needsFileIDs { resolveFileIndexes() }
            rowsInSegment = segment.events
            row = 0
            if table.isMetering {
                table.meter.addSegment()
                table.meter.addEvents(scanned: Int64(segment.events), matched: matchedEvents(in: segment))
            }
            return
        }
    }

    private func resolveFileIndexes() {
        let ids = columns[StoreFile.fileIDColumn]
        fileIndexes = (0..<ids.count).map { row in
            ids.bytes.withUnsafeBufferPointer { bytes in
                var value: Int64 = 0
                for byte in bytes[ids.range(row)] { value = value * 10 + Int64(byte &- 48) }
                return table.catalog.fileIndexByID[value] ?? -1
            }
        }
    }

    private func matchedEvents(in segment: StoreCatalog.Segment) -> Int64 {
        guard !constraints.eventTime.isEmpty else { return Int64(segment.events) }
        // A segment whose whole range meets every one-sided bound needs no look at its rows.
        let range = table.dialect == .lake ? segment.lakeTimeRange : segment.athenaTimeRange
        if let range, constraints.eventTime.allSatisfy({ bound in
            bound.op != .equal && bound.op != .inList
                && range.min.withUnsafeBytes { bound.admits($0) } && range.max.withUnsafeBytes { bound.admits($0) }
        }) {
            return Int64(segment.events)
        }
        let times = columns[EventSchema.eventTimeIndex]
        guard times.count == segment.events else { return Int64(segment.events) }
        return EventTimeMatching.count(times, bounds: constraints.eventTime, dialect: table.dialect)
    }

    override func next() throws(MeteringError) {
        row += 1
        if row >= rowsInSegment { try advanceSegment() }
    }

    override var isAtEnd: Bool { segmentPosition >= segments.count }

    override var rowID: Int64 { Int64(segments[segmentPosition]) << 32 | Int64(row) }

    override func column(_ context: OpaquePointer, _ index: Int) {
        if index < LayoutColumns.eventColumnCount {
            if index == EventSchema.eventJSONIndex { return rebuildJSON(context) }
            let view = views[index]
            guard row < view.count, !view.isNull[row] else { return sqlite3_result_null(context) }
            let start = row == 0 ? 0 : Int(view.ends[row - 1])
            cellPresenters[index].result(context, UnsafeRawBufferPointer(start: view.bytes + start, count: Int(view.ends[row]) - start))
        } else {
            let file = row < fileIndexes.count ? fileIndexes[row] : -1
            guard file >= 0, let value = table.catalog.files[file].partitionValues[index - LayoutColumns.eventColumnCount] else {
                return sqlite3_result_null(context)
            }
            value.withUnsafeBytes { ValuePresentation.partition.result(context, $0) }
        }
    }

    private func rebuildJSON(_ context: OpaquePointer) {
        json.removeAll(keepingCapacity: true)
        let row = row
        EventJSON.rebuild(into: &json) { column in
            let values = columns[column]
            guard row < values.count, !values.isNull[row] else { return nil }
            return values.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[values.range(row)]) }
        }
        json.withUnsafeBytes { presenters[EventSchema.eventJSONIndex].result(context, $0) }
    }
}

/// A decoded column copied to memory the cursor owns, read through plain pointers.
struct ColumnView {
    var bytes = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
    var ends = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    var isNull = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
    var count = 0

    init() {}

    init(_ values: ColumnValues) {
        count = values.count
        bytes = UnsafeMutableRawPointer.allocate(byteCount: max(1, values.bytes.count), alignment: 1)
        values.bytes.withUnsafeBytes { if let base = $0.baseAddress { bytes.copyMemory(from: base, byteCount: $0.count) } }
        ends = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, count))
        values.ends.withUnsafeBufferPointer { if let base = $0.baseAddress { ends.initialize(from: base, count: count) } }
        isNull = UnsafeMutablePointer<Bool>.allocate(capacity: max(1, count))
        values.isNull.withUnsafeBufferPointer { if let base = $0.baseAddress { isNull.initialize(from: base, count: count) } }
    }

    func release() {
        bytes.deallocate()
        ends.deallocate()
        isNull.deallocate()
    }
}

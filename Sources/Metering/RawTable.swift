import CloudTrail
import Foundation
import QueryEngine
import SQLite

/// The raw (Athena-style) layout: rows come from the gzip log files themselves, each read whole.
/// Only the partition columns of the Athena table in use prune files; an eventTime bound prunes
/// nothing, as in Athena.
///
/// Rows come out in the columnar layout's order (eventTime, then file, then place in the file),
/// so that a query whose ORDER BY leaves ties, cut by a LIMIT, returns the same rows from both:
/// files whose time ranges overlap are read together and their events merged.
final class RawTable: MeteredLayoutTable, VirtualTable {
    init(catalog: StoreCatalog, ledger: ReadLedger) {
        super.init(catalog: catalog, ledger: ledger, meter: ScanMeter(layout: .raw, source: .executed))
    }

    func resetMeter() { meter.reset(unitsTotal: catalog.totalFileCount, segmentsTotal: 0) }

    func openCursor() -> RawCursor { RawCursor(table: self) }

    /// Explains which files partition pruning kept, and why.
    static func explainPruning(
        kept: Int, of total: Int, constraints: ScanConstraints, partitions: Set<Int>, tableFiles: TableFiles?,
        into meter: ScanMeter
    ) {
        if let tableFiles {
            meter.explain(
                "the Athena table's location (\(tableFiles.location.restriction)) holds \(tableFiles.count) of \(tableFiles.catalogCount) files: only they are read"
            )
        }
        if partitions.isEmpty {
            meter.explain("the Athena table has no partition columns: every file read (\(total))")
        } else if constraints.partitions.isEmpty {
            meter.explain(
                "no bound on a partition column (\(partitions.sorted().map { LayoutColumns.partitionNames[$0] }.joined(separator: ", "))): every file read (\(total))"
            )
        } else {
            let bounds = constraints.partitions.sorted { $0.key < $1.key }.flatMap { partition, list in
                list.map { "\(LayoutColumns.partitionNames[partition]) \($0.description)" }
            }
            meter.explain(
                "\(total - kept) of \(total) files skipped by partition bounds \(bounds.joined(separator: " and "))")
        }
        if !constraints.eventTime.isEmpty {
            meter.explain("eventtime is not a partition column: its bounds prune no file")
        }
    }

    /// Explains what bounds on `"$path"` skipped: files whose path they exclude, as Trino's Hive
    /// connector skips them; `listedKept` listed files whose keys could not be checked are kept.
    static func explainPathPruning(skipped: Int, listedKept: Int, constraints: ScanConstraints, into meter: ScanMeter) {
        guard !constraints.path.isEmpty else { return }
        let bounds = constraints.path.map { "$path \($0.description)" }.joined(separator: " and ")
        meter.explain("\(skipped) more files skipped by \(bounds)")
        if listedKept > 0 {
            meter.explain(
                "\(listedKept) files known only from a listing are counted whatever their $path: their keys are not where their partition's are (an upper bound)"
            )
        }
    }

    /// Files grouped so that no two groups overlap in time, in time order.
    func groups(of kept: [Int]) -> [[Int]] {
        let ordered = kept.sorted { a, b in
            let (fa, fb) = (catalog.files[a], catalog.files[b])
            let (ta, tb) = (fa.firstEventMs ?? .min, fb.firstEventMs ?? .min)
            return ta != tb ? ta < tb : fa.id < fb.id
        }
        var groups: [[Int]] = []
        var groupEnd = Int64.min
        for index in ordered {
            let file = catalog.files[index]
            let start = file.firstEventMs ?? .min
            if groups.isEmpty || start > groupEnd {
                groups.append([index])
                groupEnd = file.lastEventMs ?? .min
            } else {
                groups[groups.count - 1].append(index)
                groupEnd = max(groupEnd, file.lastEventMs ?? .min)
            }
        }
        return groups
    }

    /// Reads one file whole, recording the bytes read.
    func readFile(_ index: Int) throws(MeteringError) -> [UInt8] {
        let file = catalog.files[index]
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .rawFile(path: file.path, detail: "cannot be read (moved or deleted since ingest?)")
        }
        ledger.fileRead(data.count)
        if isMetering {
            meter.addUnit(bytes: file.compressedBytes)
            meter.addOrigins(listed: 0, estimated: file.isSizeEstimated ? 1 : 0)
        }
        return [UInt8](data)
    }
}

/// One scan of the raw layout.
final class RawCursor: VirtualTableCursor {
    private let table: RawTable
    private var constraints = ScanConstraints()
    private var groups: [[Int]] = []
    private var groupPosition = 0
    private var batch = EventBatch()
    /// Batch rows in output order, and the catalog index of each row's file.
    private var order: [Int] = []
    private var fileOfRow: [Int] = []
    private var position = 0
    private var reader = LogBatchReader()
    private var presenters: [CellPresenter] = []
    private var json: [UInt8] = []

    init(table: RawTable) { self.table = table }

    deinit { noteEarlyStop() }

    /// SQLite re-filters or closes a cursor without stepping it to the end when it needs no more rows.
    private func noteEarlyStop() {
        if table.isMetering, groupPosition < groups.count { table.meter.scanStoppedEarly() }
    }

    func filter(plan: String?, arguments: FunctionArguments) throws(MeteringError) {
        noteEarlyStop()
        constraints = ScanPlanning.constraints(plan: plan, arguments: arguments)
        presenters = table.presenters
        let partitionsKept = table.catalog.filesKept(partitionBounds: constraints.partitions, in: table.tableFiles)
        let kept = partitionsKept.filter {
            table.catalog.pathAdmits($0, constraints.path, prefix: table.objectPrefix)
        }
        var listed = 0
        for index in table.catalog.groupsKept(partitionBounds: constraints.partitions, in: table.tableFiles) {
            let group = table.catalog.partitionGroups[index]
            guard group.listed > 0 else { continue }
            guard !constraints.path.isEmpty, let listedPaths = table.listedPaths else {
                listed += group.listed
                continue
            }
            listed +=
                try listedPaths.admitted(
                    group, listedBytes: 0, bounds: constraints.path, objectPrefix: table.objectPrefix
                ).files
        }
        guard listed == 0 else {
            throw .rawFile(
                path: table.catalog.path,
                detail:
                    "\(listed) of the files this query reads are known only from a bucket listing: ingest them in full to read them"
            )
        }
        if table.isMetering {
            table.meter.beginScan(
                columns: table.columnsUsed(constraints), constraints: constraints, partitionsApply: true)
            RawTable.explainPruning(
                kept: partitionsKept.count, of: table.tableFiles?.count ?? table.catalog.totalFileCount,
                constraints: constraints, partitions: table.partitions, tableFiles: table.tableFiles, into: table.meter)
            RawTable.explainPathPruning(
                skipped: partitionsKept.count - kept.count, listedKept: 0, constraints: constraints, into: table.meter)
        }
        groups = table.groups(of: kept)
        groupPosition = -1
        try advanceGroup()
    }

    private func advanceGroup() throws(MeteringError) {
        while true {
            groupPosition += 1
            guard groupPosition < groups.count else { return }
            fileOfRow.removeAll(keepingCapacity: true)
            for index in groups[groupPosition] {
                let bytes = try table.readFile(index)
                let path = table.catalog.files[index].path
                do {
                    let info = try bytes.withUnsafeBytes { (raw) throws(LogFileError) in
                        try reader.read(raw, path: path)
                    }
                    fileOfRow.append(contentsOf: repeatElement(index, count: info.events.count))
                } catch {
                    throw .rawFile(path: path, detail: "\(error)")
                }
            }
            batch = reader.takeEvents()
            let times = batch.eventTimeMs
            let files = fileOfRow
            let fileIDs = table.catalog.files
            order = Array(0..<batch.count)
            order.sort { a, b in
                if times[a] != times[b] { return times[a] < times[b] }
                if files[a] != files[b] { return fileIDs[files[a]].id < fileIDs[files[b]].id }
                return a < b
            }
            position = 0
            if table.isMetering {
                let matched =
                    constraints.eventTime.isEmpty
                    ? Int64(batch.count)
                    : EventTimeMatching.count(
                        batch.columns[EventSchema.eventTimeIndex], bounds: constraints.eventTime,
                        asTimestamp: table.eventTimeIsTimestamp
                    )
                table.meter.addEvents(scanned: Int64(batch.count), matched: matched)
            }
            if !order.isEmpty { return }
        }
    }

    func next() throws(MeteringError) {
        position += 1
        if position >= order.count { try advanceGroup() }
    }

    var isAtEnd: Bool { groupPosition >= groups.count }

    var rowID: Int64 { Int64(groupPosition) << 32 | Int64(position) }

    func column(_ index: Int, into result: FunctionResult) {
        let row = order[position]
        if index < LayoutColumns.eventColumnCount {
            if index == EventSchema.eventJSONIndex { return rebuildJSON(result, row) }
            let values = batch.columns[index]
            guard !values.isNull[row] else { return result.null() }
            values.bytes.withUnsafeBytes {
                presenters[index].result(result, UnsafeRawBufferPointer(rebasing: $0[values.range(row)]))
            }
        } else {
            table.fileColumn(index, file: fileOfRow[row], into: result)
        }
    }

    private func rebuildJSON(_ result: FunctionResult, _ row: Int) {
        json.removeAll(keepingCapacity: true)
        EventJSON.rebuild(into: &json) { column in
            let values = batch.columns[column]
            guard !values.isNull[row] else { return nil }
            return values.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[values.range(row)]) }
        }
        json.withUnsafeBytes { presenters[EventSchema.eventJSONIndex].result(result, $0) }
    }
}

/// Counts the events whose eventtime, as the statement presents it (text, or `asTimestamp`),
/// meets every pushed bound.
enum EventTimeMatching {
    static func count(_ times: ColumnValues, bounds: [PushedBound], asTimestamp: Bool) -> Int64 {
        var matched: Int64 = 0
        // A timestamp is presented as canonical text whose order is time order: compare
        // milliseconds instead of building the text of every row.
        let lakeBounds: [(PushedBound.Operator, [Int64])]? =
            asTimestamp
            ? bounds.compactMap { bound in
                guard let values = bound.values else { return nil }
                let millis = values.compactMap { value in value.withUnsafeBytes { EventTime.milliseconds($0) } }
                return millis.count == values.count ? (bound.op, millis) : nil
            } : nil
        if let lakeBounds, lakeBounds.count < bounds.count { return Int64(times.count) }
        times.bytes.withUnsafeBytes { bytes in
            for row in 0..<times.count where !times.isNull[row] {
                let stored = UnsafeRawBufferPointer(rebasing: bytes[times.range(row)])
                if let lakeBounds {
                    guard let ms = EventTime.milliseconds(stored) else { continue }
                    if lakeBounds.allSatisfy({ op, values in values.contains { Self.compare(ms, op, $0) } }) {
                        matched += 1
                    }
                } else if bounds.allSatisfy({ $0.admits(stored) }) {
                    matched += 1
                }
            }
        }
        return matched
    }

    private static func compare(_ value: Int64, _ op: PushedBound.Operator, _ bound: Int64) -> Bool {
        switch op {
        case .equal, .inList: return value == bound
        case .greater: return value > bound
        case .greaterOrEqual: return value >= bound
        case .less: return value < bound
        case .lessOrEqual: return value <= bound
        }
    }
}

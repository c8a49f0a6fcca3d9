import CloudTrail
import QueryEngine
import SQLite
import TrailStore

/// The columnar (Lake-style) layout: rows come from the column chunks of the eventTime segments.
/// Segments whose eventTime range cannot meet the pushed bounds are skipped; only the chunks of
/// the columns the statement uses are read and decoded, once per segment. It also plans what the
/// raw layout would read for the same scan (the files its partition pruning keeps).
final class ColumnarTable: MeteredLayoutTable, VirtualTable {
    private let chunkQuery: Statement
    /// What the raw layout would read for the scans of this statement, from the catalog.
    let rawPlan: ScanMeter
    /// The state of a dry run (`MeteredStore.dryRun`); nil while statements execute.
    var dryRunState: DryRunState?
    var isDryRun: Bool { dryRunState != nil }

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
        rawPlan.reset(unitsTotal: catalog.totalFileCount, segmentsTotal: 0)
    }

    func openCursor() -> ColumnarCursor { ColumnarCursor(table: self) }

    override func bestIndex(_ info: IndexInfo) {
        dryRunState?.columnsPlanned |= info.columnsUsed
        super.bestIndex(info)
    }

    /// Reads and decodes one chunk, metering it.
    func decode(segment: StoreCatalog.Segment, column: Int) throws(MeteringError) -> ColumnValues {
        let name = StoreFile.storedColumnNames[column]
        guard let chunk = segment.chunks[column] else {
            // A column of other event data stores that no event of the segment fills has no chunk:
            // nothing is read, so nothing is metered. Any other missing chunk is damage.
            guard StoreFile.mayLackChunk(column: column) else {
                throw .corruptChunk(segment: segment.id, column: name, detail: "no chunk stored")
            }
            var nulls = ColumnValues()
            for _ in 0..<segment.events { nulls.append(nil) }
            return nulls
        }
        do {
            try chunkQuery.bind([.integer(segment.id), .integer(Int64(column))])
            defer { chunkQuery.reset() }
            guard try chunkQuery.step() else {
                throw MeteringError.corruptChunk(segment: segment.id, column: name, detail: "no chunk stored")
            }
            return try chunkQuery.withBlob(at: 0) { blob in
                let billable = column != StoreFile.fileIDColumn
                if billable {
                    ledger.chunkRead(blob.count)
                    if isMetering { meter.addUnit(bytes: chunk.compressedBytes) }
                }
                return try chunk.decode(blob, segmentEvents: segment.events)
            }
        } catch {
            throw .readingChunk(name, segment: segment.id, error)
        }
    }

    /// Reads and decodes the `needed` columns of segment `index` (metering each chunk), with the
    /// file of each row when `needsFileIDs`.
    func load(segment index: Int, needed: [Int], needsFileIDs: Bool) throws(MeteringError) -> DecodedSegment {
        let segment = catalog.segments[index]
        var columns = [ColumnValues](repeating: ColumnValues(), count: StoreFile.fileIDColumn + 1)
        for column in needed { columns[column] = try decode(segment: segment, column: column) }
        let decoded = DecodedSegment(index: index, count: segment.events, columns: columns)
        if needsFileIDs {
            let ids = columns[StoreFile.fileIDColumn]
            decoded.fileIndexes = ids.bytes.withUnsafeBufferPointer { bytes in
                (0..<ids.count).map { row in
                    var value: Int64 = 0
                    for byte in bytes[ids.range(row)] { value = value * 10 + Int64(byte &- 48) }
                    return catalog.fileIndexByID[value] ?? -1
                }
            }
        }
        return decoded
    }

    /// Plans the raw layout's reads for one scan with `constraints`.
    func planRawScan(_ constraints: ScanConstraints, columns: [Int]) throws(MeteringError) {
        guard isMetering else { return }
        rawPlan.beginScan(columns: columns, constraints: constraints, partitionsApply: true)
        let total = tableFiles?.count ?? catalog.totalFileCount
        guard constraints.path.isEmpty else { return try planRawScanByFile(constraints, total: total) }
        guard !constraints.partitions.isEmpty else {
            // Every file of the table is kept: add its totals instead of walking every file per query.
            RawTable.explainPruning(
                kept: total, of: total, constraints: constraints, partitions: partitions, tableFiles: tableFiles,
                into: rawPlan)
            rawPlan.addUnits(total, bytes: tableFiles?.bytes ?? catalog.totalFileBytes)
            if tableFiles == nil {
                rawPlan.addOrigins(listed: catalog.listedFileCount, estimated: catalog.estimatedFileCount)
            } else {
                for index in catalog.groupsKept(partitionBounds: [:], in: tableFiles) {
                    let group = catalog.partitionGroups[index]
                    rawPlan.addOrigins(listed: group.listed, estimated: group.estimated)
                }
            }
            rawPlan.addEvents(scanned: tableFiles?.events ?? catalog.totalFileEvents, matched: 0)
            return
        }
        // Partition groups, not files: every file of a group has the same partition values.
        let kept = catalog.groupsKept(partitionBounds: constraints.partitions, in: tableFiles).map {
            catalog.partitionGroups[$0]
        }
        RawTable.explainPruning(
            kept: kept.reduce(0) { $0 + $1.files }, of: total, constraints: constraints, partitions: partitions,
            tableFiles: tableFiles, into: rawPlan)
        for group in kept {
            rawPlan.addUnits(group.files, bytes: group.bytes)
            rawPlan.addOrigins(listed: group.listed, estimated: group.estimated)
            rawPlan.addEvents(scanned: group.events, matched: 0)
        }
    }

    /// `planRawScan` for a scan bounded on `"$path"`: the files of the partition groups kept, one
    /// by one, by their paths, the listed ones by their keys (`ListedPaths`).
    private func planRawScanByFile(_ constraints: ScanConstraints, total: Int) throws(MeteringError) {
        let groups = catalog.groupsKept(partitionBounds: constraints.partitions, in: tableFiles)
        let keptGroups = Set(groups)
        var ingested: [Int: (files: Int, bytes: Int64, events: Int64)] = [:]
        var skipped = 0
        for index in catalog.files.indices
        where keptGroups.contains(catalog.fileGroup[index]) && (tableFiles?.includes[index] ?? true) {
            let file = catalog.files[index]
            let group = catalog.fileGroup[index]
            let sums = ingested[group] ?? (0, 0, 0)
            ingested[group] = (sums.files + 1, sums.bytes + file.compressedBytes, sums.events + file.events)
            guard catalog.pathAdmits(index, constraints.path, prefix: objectPrefix) else {
                skipped += 1
                continue
            }
            rawPlan.addUnits(1, bytes: file.compressedBytes)
            rawPlan.addOrigins(listed: 0, estimated: file.isSizeEstimated ? 1 : 0)
            rawPlan.addEvents(scanned: file.events, matched: 0)
        }
        var uncertain = 0
        for index in groups {
            let group = catalog.partitionGroups[index]
            guard group.listed > 0 else { continue }
            let listedBytes = group.bytes - (ingested[index]?.bytes ?? 0)
            let admitted =
                try listedPaths?.admitted(
                    group, listedBytes: listedBytes, bounds: constraints.path, objectPrefix: objectPrefix)
                ?? ListedPaths.Admitted(files: group.listed, bytes: listedBytes, uncertain: group.listed)
            skipped += group.listed - admitted.files
            uncertain += admitted.uncertain
            rawPlan.addUnits(admitted.files, bytes: admitted.bytes)
            rawPlan.addOrigins(listed: admitted.files, estimated: 0)
        }
        let partitionsKept = groups.reduce(0) { $0 + catalog.partitionGroups[$1].files }
        RawTable.explainPruning(
            kept: partitionsKept, of: total, constraints: constraints, partitions: partitions, tableFiles: tableFiles,
            into: rawPlan)
        RawTable.explainPathPruning(skipped: skipped, listedKept: uncertain, constraints: constraints, into: rawPlan)
    }
}

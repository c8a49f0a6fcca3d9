import SQLite

/// What `trailmeter verify` found in a store.
public struct StoreVerification: Sendable {
    /// Every fault, one line each; empty for a sound store.
    public var faults: [String] = []
    public var files = 0
    public var segments = 0
    public var chunksChecked = 0
    public var events: Int64 = 0
    /// Objects known only from bucket listings.
    public var listedFiles: Int64 = 0
}

/// Checks a whole store: SQLite's own integrity check, every catalog row against its checksum,
/// the totals, every chunk's bytes against its checksum and through a full decode, every
/// `event_sizes` and `sample_cells` row, and the events each file contributed to the columnar
/// store against its catalog row.
public enum StoreVerifier {
    public static func verify(_ store: StoreFile) throws(TrailStoreError) -> StoreVerification {
        let connection = store.connection
        var report = StoreVerification()
        // One snapshot for every read, unless the caller already holds one.
        let ownsSnapshot = !connection.isInTransaction
        if ownsSnapshot { try onStore(store.path, try connection.beginSnapshot()) }
        defer { if ownsSnapshot { connection.endSnapshot() } }
        do throws(SQLiteError) {
            let integrity = try connection.prepare("PRAGMA integrity_check")
            while try integrity.step() {
                let line = integrity.text(at: 0) ?? ""
                if line != "ok" { report.faults.append("SQLite integrity check: \(line)") }
            }
        } catch {
            report.faults.append("SQLite integrity check failed: \(error.message)")
        }
        let contents: StoreContents
        do { contents = try StoreContents.readAll(store) } catch {
            report.faults.append("catalog unreadable: \(error)")
            return report
        }
        report.faults += contents.faults
        report.files = contents.files.count
        report.segments = contents.segments.count
        report.events = contents.totals.events
        var eventsByFile: [Int64: Int64] = [:]
        let blob = try onStore(
            store.path, try connection.prepare("SELECT data FROM chunks WHERE segment_id = ? AND column_id = ?"))
        for segment in contents.segments {
            for case let chunk? in contents.chunks[segment.id] ?? [] {
                do throws(SQLiteError) {
                    try blob.bind([.integer(segment.id), .integer(Int64(chunk.column))])
                    defer { blob.reset() }
                    guard try blob.step() else {
                        report.faults.append("segment \(segment.id), column \(chunk.columnName): chunk bytes missing")
                        continue
                    }
                    let decoded = blob.withBlob(at: 0) { bytes in
                        Result { () throws(ChunkEncoding.DecodeFailure) in
                            try chunk.decode(bytes, segmentEvents: Int(segment.events))
                        }
                    }
                    report.chunksChecked += 1
                    switch decoded {
                    case .failure(let failure):
                        report.faults.append("segment \(segment.id), column \(chunk.columnName): \(failure.detail)")
                    case .success(let values) where chunk.column == StoreFile.fileIDColumn:
                        for row in 0..<values.count {
                            eventsByFile[values.string(row).flatMap { Int64($0) } ?? -1, default: 0] += 1
                        }
                    case .success: break
                    }
                } catch {
                    report.faults.append("segment \(segment.id), column \(chunk.columnName): \(error.message)")
                }
            }
        }
        do throws(SQLiteError) {
            report.faults += try ListedCatalog.verify(
                connection, partitions: contents.listedPartitions, totals: contents.totals)
        } catch {
            report.faults.append("listed files unreadable: \(error.message)")
        }
        report.listedFiles = contents.totals.listedFiles
        // The inputs of the event-window meter and of a sample's projection.
        report.faults += try EventSizes.scan(contents.segments, from: store).faults
        report.faults += try StoredSample.scan(store).faults
        if contents.faults.isEmpty {
            for file in contents.files where eventsByFile[file.id, default: 0] != file.events {
                report.faults.append(
                    "file \(file.path): \(file.events) events in the catalog, \(eventsByFile[file.id, default: 0]) in the columnar store"
                )
            }
            let known = Set(contents.files.map(\.id))
            for (id, count) in eventsByFile where !known.contains(id) {
                report.faults.append("\(count) columnar events belong to file id \(id), which the catalog lacks")
            }
        }
        return report
    }
}

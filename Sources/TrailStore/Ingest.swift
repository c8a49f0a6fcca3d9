import CloudTrail
import Dispatch
import Foundation
import SQLite
import TrailMeterCore

/// Tuning for an ingest.
public struct IngestOptions: Sendable {
    /// Uncompressed JSON bytes read per batch. A batch is committed in one transaction, and peak
    /// memory is a small multiple of it, whatever the size of the corpus.
    public var batchBytes: Int = 32 << 20
    /// Threads that read, parse and compress in parallel.
    public var workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Asked between phases; returning true stops the run before the current batch commits.
    public var shouldStop: @Sendable () -> Bool = { false }
    /// The largest record and file read; larger ones are reported and skipped (README: "Limits").
    public var limits = LogReadLimits()
    /// When set, only this share of the files found is read (README: "Sampled ingest").
    public var sample: SampleSpec?

    public init() {}
}

/// Adds log files to a store: each batch of files is parsed in parallel, its events sorted into
/// time segments (merged with segments already stored), compressed per column, and committed
/// together with the files' catalog rows in one transaction.
public final class Ingestor {
    let store: StoreFile
    let options: IngestOptions
    /// Column storage a committed batch hands to the next batch's parsing.
    let recycler: ColumnRecycler

    public init(store: StoreFile, options: IngestOptions = IngestOptions()) {
        self.store = store
        self.options = options
        recycler = ColumnRecycler(limit: options.workers)
    }

    /// Ingests `paths` (folders are walked, files taken as given).
    public func ingest(_ paths: [String], progress: (IngestProgress) -> Void = { _ in }) throws(TrailStoreError)
        -> IngestReport
    {
        var inventory = LogFileDiscovery.inventory(of: paths)
        var report = IngestReport()
        report.filesFound = inventory.logFiles.count
        if let sample = options.sample {
            let (chosen, cells) = SampleSelection.choose(inventory.logFiles, spec: sample) { path in
                var status = stat()
                return stat(path, &status) == 0 ? Int64(status.st_size) : 0
            }
            inventory.logFiles = chosen
            report.sampleCells = cells
        }
        report.passedOver = inventory.passedOver
        report.filesSkipped = inventory.errors.map { LogFileProblem(path: $0.path, reason: $0.description) }
        // The run is recorded inside its first commit, so a run that adds nothing writes nothing.
        let writer = CommitWriter(store: store, startedAt: ISO8601DateFormatter().string(from: Date()))
        var runID: Int64?
        var identitiesThisRun: [String: String] = [:]
        var filesDone = 0
        var bytesRead: Int64 = 0
        let lookup = try IdentityLookup(store: store)
        var clock = PhaseClock()
        // A pipeline of four stages, each on its own threads: batch N+1 is read (and hashed)
        // while batch N is parsed, batch N-1 sorted and compressed, and batch N-2 written. The
        // store's connection is used by the writer or here, never both: `finishWriting` waits.
        var parsed: ReadBatch?
        var columnShares: [Double]?
        var writing: BackgroundResult<Result<CommitOutcome, TrailStoreError>>?
        func finishWriting() throws(TrailStoreError) {
            guard let inFlight = writing.take() else { return }
            let outcome = try inFlight.value().get()
            runID = outcome.runID
            report.record(outcome)
            progress(
                IngestProgress(
                    filesDone: filesDone, filesTotal: inventory.logFiles.count,
                    eventsAdded: report.eventsAdded, compressedBytesRead: bytesRead))
        }
        func commit(_ batch: consuming ReadBatch) throws(TrailStoreError) {
            try finishWriting()
            let prepared = try prepareCommit(batch, phases: &report.phaseSeconds)
            let run = runID
            writing = BackgroundResult {
                Result { () throws(TrailStoreError) in try writer.write(prepared, runID: run) }
            }
        }
        let (files, readOptions) = (inventory.logFiles, options)
        func startReading(from start: Int, carried: [LoadedFile]) -> BackgroundResult<BatchReading> {
            BackgroundResult { Self.readBatch(files, from: start, carried: carried, options: readOptions) }
        }
        var reading = startReading(from: 0, carried: [])
        do throws(TrailStoreError) {
            while true {
                if options.shouldStop() {
                    report.interrupted = true
                    break
                }
                clock.lap("list", into: &report)
                let batch = reading.value()
                if batch.loaded.isEmpty { break }
                reading = startReading(from: batch.next, carried: batch.leftover)
                let loaded = batch.loaded
                clock.lap("read+hash", into: &report)
                filesDone += loaded.count
                let stored = try lookup.storedPaths(of: loaded.map { $0.problem == nil ? $0.identity : nil })
                var fresh: [LoadedFile] = []
                for (file, storedAs) in zip(loaded, stored) {
                    bytesRead += Int64(file.size)
                    if let problem = file.problem {
                        report.filesSkipped.append(LogFileProblem(path: file.location.path, reason: problem))
                    } else if let earlier = storedAs ?? identitiesThisRun[file.identity] {
                        report.filesAlreadyPresent.append((file.location.path, earlier))
                    } else {
                        identitiesThisRun[file.identity] = file.location.path
                        fresh.append(file)
                    }
                }
                let (options, toParse, shares, recycler) = (options, fresh, columnShares, recycler)
                let parsing = BackgroundResult {
                    Self.parseFiles(toParse, options: options, columnShares: shares, recycler: recycler)
                }
                if let previous = parsed.take() {
                    if options.shouldStop() {
                        report.interrupted = true
                        _ = parsing.value()
                        break
                    }
                    do throws(TrailStoreError) { try commit(previous) } catch {
                        _ = parsing.value()
                        throw error
                    }
                }
                let (read, failures) = parsing.value()
                clock.lap("parse", into: &report)
                for failure in failures {
                    identitiesThisRun[failure.identity] = nil
                    report.filesSkipped.append(
                        LogFileProblem(path: failure.error.path, reason: failure.error.description))
                }
                if !read.files.isEmpty {
                    columnShares = read.columnShares(slack: 1.25)
                    parsed = read
                }
                clock = PhaseClock()
            }
            if let last = parsed.take(), !report.interrupted {
                if options.shouldStop() {
                    report.interrupted = true
                } else {
                    try commit(last)
                }
            }
            try finishWriting()
        } catch {
            // A write still in flight is waited for: it owns the connection until it ends.
            _ = writing?.value()
            throw error
        }
        if let sample = options.sample, !report.interrupted, !report.sampleCells.isEmpty {
            try StoredSample.record(report.sampleCells, spec: sample, in: store)
        }
        if let runID, !report.filesSkipped.isEmpty {
            let record = try onStore(
                store.path,
                try store.connection.prepare("INSERT INTO skipped_files(run_id, path, reason) VALUES (?, ?, ?)"))
            for problem in report.filesSkipped {
                try onStore(store.path, try record.run(.integer(runID), .text(problem.path), .text(problem.reason)))
            }
        }
        return report
    }

    struct LoadedFile {
        let location: LogFileLocation
        /// The file's bytes, when it is small enough to read whole; otherwise it is read again,
        /// a window at a time, when parsed.
        var bytes: [UInt8]?
        var size = 0
        /// Bytes S3 would hold for the file (its size, or its gzip's size when it is plain JSON).
        var billedSize = 0
        var sizeEstimated = false
        var identity = ""
        var problem: String?
    }

    /// Parses files on `options.workers` threads, each into its own growing batch, then puts
    /// the batches together. Threads take the next file as they finish one (largest first), so
    /// which thread read a file varies from run to run; the commit orders rows by time, file and
    /// position in the file, so the stored bytes do not.
    private static func parseFiles(
        _ files: [LoadedFile], options: IngestOptions, columnShares: [Double]?, recycler: ColumnRecycler
    ) -> (
        ReadBatch, [(identity: String, error: LogFileError)]
    ) {
        let workers = max(1, min(options.workers, files.count))
        let limits = options.limits
        let textBytes = files.map { $0.size * ($0.location.path.hasSuffix(".gz") ? 10 : 1) }
        let queue = WorkQueue(files.indices.sorted { textBytes[$0] > textBytes[$1] })
        let expected = textBytes.reduce(0, +) / workers
        var shares = Parallel.map(Array(0..<workers), workers: workers) {
            _ -> (EventBatch, [(Int, Result<LogFileInfo, LogFileError>)]) in
            var reader = LogBatchReader(expectedBytes: 8 << 20, limits: limits, recycled: recycler.take() ?? [])
            if let columnShares {
                // Sized once from the batch before, the columns are not copied as they grow.
                reader.reserveColumns(bytes: columnShares.map { Int($0 * Double(expected)) })
            }
            var outcomes: [(Int, Result<LogFileInfo, LogFileError>)] = []
            while let index = queue.next() {
                let file = files[index]
                let path = file.location.path
                guard let bytes = file.bytes else {
                    do throws(LogFileError) {
                        outcomes.append((index, .success(try reader.read(path: path))))
                    } catch {
                        outcomes.append((index, .failure(error)))
                    }
                    continue
                }
                bytes.withUnsafeBytes { bytes in
                    do throws(LogFileError) {
                        outcomes.append((index, .success(try reader.read(bytes, path: path))))
                    } catch {
                        outcomes.append((index, .failure(error)))
                    }
                }
            }
            return (reader.takeEvents(), outcomes)
        }
        var read = ReadBatch()
        var failures: [(String, LogFileError)] = []
        var placed: [(Int, LoadedFile, LogFileInfo)] = []
        var offset = 0
        // The share with the most storage first: the others are appended to it. The commit orders
        // rows by time, file and position, so the order of the shares leaves the stored bytes alone.
        let largest = shares.indices.max {
            shares[$0].0.columns.reduce(0) { $0 + $1.capacityBytes }
                < shares[$1].0.columns.reduce(0) { $0 + $1.capacityBytes }
        }
        if let largest, largest != 0 { shares.swapAt(0, largest) }
        for share in shares.indices {
            // Moved out of `shares`, so the first share's columns are appended to, not copied.
            var events = EventBatch()
            swap(&events, &shares[share].0)
            for (index, outcome) in shares[share].1 {
                var file = files[index]
                file.bytes = nil
                switch outcome {
                case .success(let info): placed.append((index, file, info.shifted(by: offset)))
                case .failure(let error): failures.append((file.identity, error))
                }
            }
            offset += events.count
            if read.events.count == 0 {
                read.events = events
            } else {
                read.events.append(contentsOf: events)
                var storage: [ColumnValues] = []
                swap(&storage, &events.columns)
                recycler.give(storage)
            }
        }
        read.files = placed.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        return (read, failures)
    }
}

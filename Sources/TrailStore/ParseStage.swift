import CloudTrail
import Foundation

/// One batch as the parse stage hands it to the commit stage: its new files parsed, and what
/// became of the others.
struct ParsedBatch: Sendable {
    var read: ReadBatch
    /// Files of the batch, whatever became of them.
    var filesRead = 0
    var bytesRead: Int64 = 0
    var skipped: [LogFileProblem] = []
    var alreadyPresent: [(path: String, storedAs: String)] = []
}

/// The ingest's first stages on a thread of their own: batches are read (a batch ahead),
/// checked against the files already stored, and parsed, then handed over one at a time. It
/// runs up to one parsed batch ahead of the commit, so that neither waits while the other has
/// a serial step (the commit's sorting and writing, the parse's putting its threads' rows
/// together).
final class ParseStage: @unchecked Sendable {
    // `handedOver`, `producing`, `cancelled` and `failure` are guarded by `condition`.
    private let condition = NSCondition()
    private var handedOver: ParsedBatch?
    private var producing = true
    private var cancelled = false
    private var failure: TrailStoreError?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading and parsing `files`; `lookup` is used on the stage's thread only.
    init(files: [LogFileLocation], lookup: IdentityLookup, options: IngestOptions) {
        nonisolated(unsafe) let lookup = lookup
        DispatchQueue.global().async {
            do throws(TrailStoreError) {
                try self.produce(files, lookup: lookup, options: options)
            } catch {
                self.condition.lock()
                self.failure = error
                self.condition.unlock()
            }
            self.condition.lock()
            self.producing = false
            self.condition.broadcast()
            self.condition.unlock()
            self.finished.signal()
        }
    }

    /// The next parsed batch, waiting for it; nil once every file has been handed over.
    func next() throws(TrailStoreError) -> ParsedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while handedOver == nil && producing { condition.wait() }
        if let batch = handedOver.take() {
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the stage and waits until its thread has let go of everything (the lookup's
    /// connection included). Batches not handed over yet are dropped.
    func stop() {
        condition.lock()
        cancelled = true
        handedOver = nil
        condition.broadcast()
        condition.unlock()
        finished.wait()
        finished.signal()
    }

    private func produce(_ files: [LogFileLocation], lookup: IdentityLookup, options: IngestOptions)
        throws(TrailStoreError)
    {
        var identitiesThisRun: [String: String] = [:]
        var columnShares: [Double]?
        func startReading(from start: Int, carried: [Ingestor.LoadedFile]) -> BackgroundResult<BatchReading> {
            BackgroundResult { Ingestor.readBatch(files, from: start, carried: carried, options: options) }
        }
        var reading = startReading(from: 0, carried: [])
        while !isCancelled {
            let batch = reading.value()
            if batch.loaded.isEmpty { return }
            reading = startReading(from: batch.next, carried: batch.leftover)
            let loaded = batch.loaded
            var parsed = ParsedBatch(read: ReadBatch(), filesRead: loaded.count)
            let stored = try lookup.storedPaths(of: loaded.map { $0.problem == nil ? $0.identity : nil })
            var fresh: [Ingestor.LoadedFile] = []
            for (file, storedAs) in zip(loaded, stored) {
                parsed.bytesRead += Int64(file.size)
                if let problem = file.problem {
                    parsed.skipped.append(LogFileProblem(path: file.location.path, reason: problem))
                } else if let earlier = storedAs ?? identitiesThisRun[file.identity] {
                    parsed.alreadyPresent.append((file.location.path, earlier))
                } else {
                    identitiesThisRun[file.identity] = file.location.path
                    fresh.append(file)
                }
            }
            let (read, failures) = Ingestor.parseFiles(fresh, options: options, columnShares: columnShares)
            for failure in failures {
                identitiesThisRun[failure.identity] = nil
                parsed.skipped.append(LogFileProblem(path: failure.error.path, reason: failure.error.description))
            }
            if !read.files.isEmpty { columnShares = read.columnShares(slack: 1.25) }
            parsed.read = read
            hand(parsed)
        }
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Waits until the batch handed over before has been taken, then hands over `batch`.
    private func hand(_ batch: ParsedBatch) {
        condition.lock()
        defer { condition.unlock() }
        while handedOver != nil && !cancelled { condition.wait() }
        guard !cancelled else { return }
        handedOver = batch
        condition.broadcast()
    }
}

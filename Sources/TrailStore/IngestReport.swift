/// What an ingest did, for the summary printed at its end.
public struct IngestReport: Sendable {
    /// Log files found (after passing over digests and other objects).
    public var filesFound = 0
    /// For a sampled ingest, each (account, region, day) cell's files found and files chosen.
    public var sampleCells: [SampleCell] = []
    /// Files added to the store.
    public var filesAdded = 0
    /// Files already in the store (same bytes), with the path they were first ingested from.
    public var filesAlreadyPresent: [(path: String, storedAs: String)] = []
    /// Files that could not be read, with the reason; the run went on without them.
    public var filesSkipped: [LogFileProblem] = []
    /// Objects passed over on purpose (digest files and the like), with the reason.
    public var passedOver: [(path: String, reason: String)] = []
    /// Events added.
    public var eventsAdded = 0
    /// Events added that carry no `eventTime` (kept in the undated segment).
    public var undatedEventsAdded = 0
    /// Gzip (or plain) bytes of the files added, as they lie on disk: what Athena reads.
    public var compressedBytesIn: Int64 = 0
    /// JSON bytes of the files added after decompression: what CloudTrail Lake bills ingestion on.
    public var uncompressedBytesIn: Int64 = 0
    /// Change in the columnar store's compressed bytes (chunks rewritten count at their new size).
    public var columnarBytesAdded: Int64 = 0
    /// Segments written (new or rewritten to take in new events).
    public var segmentsWritten = 0
    /// Batches committed.
    public var batchesCommitted = 0
    /// True when the run stopped early on request; the store holds the committed batches only.
    public var interrupted = false
    /// Wall-clock seconds per phase (read, parse, bucket, sort, encode+compress, write), for benchmarks.
    public var phaseSeconds: [String: Double] = [:]

    public init() {}
}

/// A file the ingest could not read, and why.
public struct LogFileProblem: Sendable, CustomStringConvertible {
    /// The file's path.
    public let path: String
    /// What is wrong, as a sentence naming the path and position.
    public let reason: String

    public var description: String { reason }
}

/// How far an ingest has come, for a progress line.
public struct IngestProgress: Sendable {
    public let filesDone: Int
    public let filesTotal: Int
    public let eventsAdded: Int
    public let compressedBytesRead: Int64
}

import CloudTrail
import Foundation
import TrailMeterCore

/// The files of one batch, read and hashed, and where the next batch starts.
struct BatchReading: Sendable {
    let loaded: [Ingestor.LoadedFile]
    /// Files read past the end of the batch: the first of the next one.
    let leftover: [Ingestor.LoadedFile]
    /// The index of the next file not read yet.
    let next: Int
}

extension Ingestor.LoadedFile {
    /// The JSON bytes the file is expected to hold: gzip is assumed ~10:1 until it is parsed.
    var textEstimate: Int { location.path.hasSuffix(".gz") ? size * 10 : size }
}

extension Ingestor {
    /// Files read at a time (on `options.workers` threads) while a batch is filled.
    static let readGroupFiles = 64

    /// Reads files from `start` on (after `carried`, read already) until the batch holds about
    /// `batchBytes` of JSON. Batches are cut by the sizes the reads find, so no file is looked
    /// up by its path once more just to plan the batches.
    static func readBatch(_ files: [LogFileLocation], from start: Int, carried: [LoadedFile], options: IngestOptions)
        -> BatchReading
    {
        var batch: [LoadedFile] = []
        var bytes = 0
        var pending = carried
        var next = start
        while true {
            if pending.isEmpty {
                guard next < files.count else { break }
                let group = Array(files[next..<min(files.count, next + readGroupFiles)])
                next += group.count
                pending = readFiles(group, options: options)
            }
            for (index, file) in pending.enumerated() {
                if !batch.isEmpty && bytes + file.textEstimate > options.batchBytes {
                    return BatchReading(loaded: batch, leftover: Array(pending[index...]), next: next)
                }
                batch.append(file)
                bytes += file.textEstimate
            }
            pending = []
        }
        return BatchReading(loaded: batch, leftover: [], next: next)
    }

    static func readFiles(_ files: [LogFileLocation], options: IngestOptions) -> [LoadedFile] {
        let wholeFileBytes = options.limits.wholeFileBytes
        return Parallel.map(files, workers: options.workers) { location in
            var file = LoadedFile(location: location)
            do throws(FileAccessError) {
                let opened = try ReadableFile(path: location.path)
                if opened.size <= wholeFileBytes {
                    let bytes = try opened.readToEnd()
                    file.identity = bytes.withUnsafeBytes(FileIdentity.of)
                    file.size = bytes.count
                    (file.billedSize, file.sizeEstimated) = bytes.withUnsafeBytes(BilledSize.of)
                    file.bytes = bytes
                } else {
                    file.identity = try FileIdentity.of(opened)
                    file.size = opened.size
                    try opened.rewind()
                    (file.billedSize, file.sizeEstimated) = try BilledSize.of(opened)
                }
            } catch {
                file.problem = LogFileError(error).description
            }
            return file
        }
    }
}

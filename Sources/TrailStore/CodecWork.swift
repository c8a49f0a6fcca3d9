import Deflate
import Foundation
import TrailMeterCore

/// What a store's codec costs: every stored chunk compressed again from its encoded bytes, the
/// share of an ingest that any ingest storing the same bytes must spend, whatever else it does.
public struct CodecWork: Sendable, Equatable {
    /// Chunks compressed again (chunks stored uncompressed are counted apart).
    public var chunks = 0
    /// Chunks stored without compression, which have no codec work.
    public var uncompressedChunks = 0
    /// Their encoded and stored sizes.
    public var encodedBytes: Int64 = 0
    public var compressedBytes: Int64 = 0
    /// CPU seconds spent compressing, summed over the threads (thread CPU clocks around each
    /// call, so reading and inflating the chunks are not in it).
    public var compressSeconds = 0.0
    /// Chunks whose compression came out different from their stored bytes: zero when the
    /// codec reproduces the store.
    public var mismatches = 0
}

extension CodecWork {
    /// Compresses every chunk of `store` again at its stored codec on `workers` threads.
    public static func measure(_ store: StoreFile, workers: Int) throws(TrailStoreError) -> CodecWork {
        let read = try onStore(
            store.path, try store.connection.prepare("SELECT codec, encoded_bytes, data FROM chunks ORDER BY rowid"))
        var work = CodecWork()
        var pending: [StoredChunk] = []
        var pendingBytes = 0
        func drain() {
            let outcomes = Parallel.map(
                pending, workers: workers, state: { [Int32: DeflateCompressor]() },
                transform: { compressors, chunk in Self.recompress(chunk, compressors: &compressors) })
            for (chunk, outcome) in zip(pending, outcomes) {
                work.chunks += 1
                work.encodedBytes += Int64(chunk.encodedBytes)
                work.compressedBytes += Int64(chunk.data.count)
                work.compressSeconds += outcome.seconds
                if !outcome.same { work.mismatches += 1 }
            }
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        while try onStore(store.path, try read.step()) {
            let codecText = read.text(at: 0) ?? ""
            guard let codec = ChunkCodec(codecText) else {
                throw .damaged(
                    path: store.path, detail: "a chunk's codec is '\(codecText)', expected none or deflate:N")
            }
            guard case .deflate(let level) = codec else {
                work.uncompressedChunks += 1
                continue
            }
            let chunk = StoredChunk(level: level, encodedBytes: Int(read.int64(at: 1)), data: read.blob(at: 2))
            pending.append(chunk)
            pendingBytes += chunk.encodedBytes
            // A few dozen MB at a time: enough to keep the threads busy, never the whole store.
            if pendingBytes >= 32 << 20 { drain() }
        }
        drain()
        return work
    }

    private struct StoredChunk: Sendable {
        let level: Int32
        let encodedBytes: Int
        let data: [UInt8]
    }

    private static func recompress(_ chunk: StoredChunk, compressors: inout [Int32: DeflateCompressor]) -> (
        seconds: Double, same: Bool
    ) {
        // A chunk's encoded size is a few MB at most; a damaged row must not ask for more.
        guard (0...(1 << 30)).contains(chunk.encodedBytes) else { return (0, false) }
        let inflated = chunk.data.withUnsafeBytes { RawDeflate.inflate($0, size: chunk.encodedBytes) }
        guard let inflated else { return (0, false) }
        let compressor = compressors[chunk.level] ?? DeflateCompressor(level: chunk.level)
        compressors[chunk.level] = compressor
        let start = threadCPUSeconds()
        let again = inflated.withUnsafeBytes { compressor.rawDeflate($0) }
        return (threadCPUSeconds() - start, again == chunk.data)
    }

    private static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

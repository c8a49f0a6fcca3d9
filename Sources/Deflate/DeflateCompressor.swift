import CDeflate

/// A libdeflate compressor at one level, kept for reuse: allocating one costs more than
/// compressing a small chunk, so callers that compress many buffers hold one per thread.
public final class DeflateCompressor {
    private let compressor: OpaquePointer
    /// Where output is written before it is copied out at its compressed size: an array of the
    /// bound's size would keep several times the memory the output needs.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// A compressor at libdeflate `level` (1...12; 6 is zlib's default).
    public init(level: Int32) {
        guard let compressor = libdeflate_alloc_compressor(level) else { fatalError("libdeflate: out of memory") }
        self.compressor = compressor
    }

    deinit {
        libdeflate_free_compressor(compressor)
        scratch.deallocate()
    }

    /// `input` as raw DEFLATE (no header or trailer), what ORC's ZLIB codec stores.
    public func rawDeflate(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        return produce(bound) { libdeflate_deflate_compress(compressor, input.baseAddress, input.count, $0, bound) }
    }

    /// `input` as one gzip member. libdeflate writes MTIME 0 and no file name, so the same input
    /// always yields the same bytes.
    public func gzip(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = libdeflate_gzip_compress_bound(compressor, input.count)
        return produce(bound) { libdeflate_gzip_compress(compressor, input.baseAddress, input.count, $0, bound) }
    }

    private func produce(_ bound: Int, _ write: (UnsafeMutableRawPointer?) -> Int) -> [UInt8] {
        if scratch.count < bound {
            scratch.deallocate()
            scratch = .allocate(byteCount: bound, alignment: 16)
        }
        let written = write(scratch.baseAddress)
        return [UInt8](UnsafeRawBufferPointer(rebasing: scratch[..<written]))
    }
}

/// Raw DEFLATE (no header or trailer) whose inflated size the caller knows.
public enum RawDeflate {
    /// Inflates `input`, which must come to exactly `size` bytes; nil when it is corrupt or of
    /// another size.
    public static func inflate(_ input: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        defer { libdeflate_free_decompressor(decompressor) }
        var output = [UInt8](repeating: 0, count: size)
        var produced = 0
        let result = output.withUnsafeMutableBytes {
            libdeflate_deflate_decompress(decompressor, input.baseAddress, input.count, $0.baseAddress, size, &produced)
        }
        return result == LIBDEFLATE_SUCCESS && produced == size ? output : nil
    }
}

import CDeflate

/// A libdeflate decompressor kept for reuse, with output written into a buffer the caller keeps
/// from file to file: a reader of many small files then allocates (and faults in) its output
/// memory once rather than once per file.
public final class GzipDecompressor {
    private let decompressor: OpaquePointer

    public init() {
        guard let decompressor = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        self.decompressor = decompressor
    }

    deinit { libdeflate_free_decompressor(decompressor) }

    /// Decompresses every gzip member in `input` into the front of `output`, growing it when
    /// needed (it is never shrunk), and returns the bytes produced; nil as soon as the output
    /// would pass `limit` bytes. Bytes of `output` past the count returned are left as they were.
    public func decompress(_ input: UnsafeRawBufferPointer, limit: Int, into output: inout [UInt8])
        throws(Gzip.Failure) -> Int?
    {
        guard Gzip.isGzip(input) else { throw .notGzip }
        var produced = 0
        var offset = 0
        var member = 0
        while offset < input.count {
            let remaining = input.count - offset
            // DEFLATE expands at most 1032:1; needing more room than that means corrupt data.
            let most = remaining.multipliedReportingOverflow(by: 1032).partialValue + 1024
            let room = limit - produced
            // ISIZE, the member's last 4 bytes, is the size mod 2^32: right for one-member files
            // under 4 GiB, and only a first guess otherwise.
            let guess = member == 0 ? max(Int(Gzip.trailerSize(input)), 64) : remaining * 8
            // ISIZE never exceeds the whole output (the last member's size, mod 2^32).
            if member == 0 && guess > room && guess <= most { return nil }
            var capacity = min(guess, most, room)
            while true {
                if output.count < produced + capacity {
                    output.append(contentsOf: repeatElement(0, count: produced + capacity - output.count))
                }
                var consumed = 0
                var written = 0
                let result = output.withUnsafeMutableBytes { buffer in
                    libdeflate_gzip_decompress_ex(
                        decompressor, input.baseAddress! + offset, remaining,
                        buffer.baseAddress! + produced, capacity, &consumed, &written)
                }
                if result == LIBDEFLATE_SUCCESS {
                    offset += consumed
                    produced += written
                    break
                }
                guard result == LIBDEFLATE_INSUFFICIENT_SPACE, capacity < most else {
                    throw .corruptOrTruncated(member: member, offset: offset)
                }
                if capacity >= room { return nil }
                capacity = min(capacity * 2, most, room)
            }
            member += 1
            // Zero padding after the last member is tolerated, as gzip(1) does.
            if input[offset...].allSatisfy({ $0 == 0 }) { break }
        }
        return produced
    }
}

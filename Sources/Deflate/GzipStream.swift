import CZlib

/// Gzip decompressed piece by piece through zlib, in memory bounded by the caller's buffers,
/// whatever the stream expands to (a gzip bomb costs time, never memory).
///
/// Concatenated members are read one after another, and zero padding after the last member is
/// tolerated, as `Gzip.decompress` does.
public final class GzipStream {
    /// zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private var memberActive = true
    private var paddingSeen = false
    private var member = 0
    /// Compressed bytes consumed before the current member: where it starts.
    private var memberStart = 0
    /// Compressed bytes consumed so far.
    public private(set) var consumed = 0

    public init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + 15: a gzip wrapper (header and CRC-32 checked) around a 32 KiB window.
        guard inflateInit2_(stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            fatalError("zlib: out of memory")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// True once every member has ended (more input may still be padding).
    public var atMemberBoundary: Bool { !memberActive }

    /// Decompresses from `input` into `output`; returns how many bytes of each were used. Call
    /// again with the input not consumed and more room; `finish()` checks the stream ended.
    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(Gzip.Failure) -> (consumed: Int, produced: Int)
    {
        var used = 0
        var produced = 0
        while used < input.count && produced < output.count {
            if !memberActive {
                // Between members: zero padding, or the magic number of the next member.
                if input[used] == 0 {
                    paddingSeen = true
                    used += 1
                    continue
                }
                guard !paddingSeen else { throw .corruptOrTruncated(member: member, offset: consumed + used) }
                inflateReset(stream)
                memberActive = true
                memberStart = consumed + used
            }
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self) + used)
            stream.pointee.avail_in = UInt32(clamping: input.count - used)
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced
            stream.pointee.avail_out = UInt32(clamping: output.count - produced)
            let inBefore = Int(stream.pointee.avail_in)
            let outBefore = Int(stream.pointee.avail_out)
            let result = inflate(stream, Z_NO_FLUSH)
            used += inBefore - Int(stream.pointee.avail_in)
            produced += outBefore - Int(stream.pointee.avail_out)
            switch result {
            case Z_OK: continue
            case Z_STREAM_END:
                memberActive = false
                member += 1
            case Z_BUF_ERROR
            where inBefore == Int(stream.pointee.avail_in) && outBefore == Int(stream.pointee.avail_out):
                // No progress possible with what was given: the caller supplies more.
                consumed += used
                return (used, produced)
            default:
                throw .corruptOrTruncated(member: member, offset: memberStart)
            }
        }
        consumed += used
        return (used, produced)
    }

    /// Throws when the input ended inside a member.
    public func finish() throws(Gzip.Failure) {
        if memberActive { throw .corruptOrTruncated(member: member, offset: memberStart) }
    }
}

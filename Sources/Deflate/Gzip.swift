import CDeflate

/// Whole-buffer gzip and raw DEFLATE through libdeflate.
///
/// CloudTrail delivers each log file as one gzip member of a few hundred kilobytes, so whole-buffer
/// (de)compression is both simpler and about twice as fast as zlib's streaming interface, which
/// (`GzipStream`) is kept for files whose output would not fit a bounded buffer.
public enum Gzip {
    /// Why a gzip stream could not be decompressed.
    public enum Failure: Error, Equatable, Sendable {
        /// The stream does not start with the gzip magic number `1f 8b`.
        case notGzip
        /// Member `member` (0-based), starting at byte `offset`, is corrupt or cut short: libdeflate
        /// checks the DEFLATE data, the CRC-32 and the length in the trailer, and cannot tell them apart.
        case corruptOrTruncated(member: Int, offset: Int)
    }

    /// True when `bytes` begins with the gzip magic number.
    public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Decompresses every gzip member in `input` (concatenated members are legal gzip).
    public static func decompress(_ input: UnsafeRawBufferPointer) throws(Failure) -> [UInt8] {
        try decompress(input, limit: Int.max)!
    }

    /// Decompresses every gzip member in `input`, or returns nil as soon as the output would pass
    /// `limit` bytes (a file that large is streamed with `GzipStream` instead).
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(Failure) -> [UInt8]? {
        guard isGzip(input) else { throw .notGzip }
        guard let decompressor = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        defer { libdeflate_free_decompressor(decompressor) }
        var output: [UInt8] = []
        var offset = 0
        var member = 0
        while offset < input.count {
            let remaining = input.count - offset
            // DEFLATE expands at most 1032:1; needing more room than that means corrupt data.
            let most = remaining.multipliedReportingOverflow(by: 1032).partialValue + 1024
            let room = limit - output.count
            // ISIZE, the member's last 4 bytes, is the size mod 2^32: right for one-member files
            // under 4 GiB, and only a first guess otherwise.
            let guess = member == 0 ? max(Int(trailerSize(input)), 64) : remaining * 8
            // ISIZE never exceeds the whole output (the last member's size, mod 2^32).
            if member == 0 && guess > room && guess <= most { return nil }
            var capacity = min(guess, most, room)
            while true {
                var consumed = 0
                var produced = 0
                let start = output.count
                let result: libdeflate_result
                if start == 0 {
                    // The first member (nearly always the only one) goes straight into a new
                    // array, without zero-filling it first.
                    var outcome = LIBDEFLATE_BAD_DATA
                    output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                        outcome = libdeflate_gzip_decompress_ex(
                            decompressor, input.baseAddress! + offset, remaining,
                            buffer.baseAddress, capacity, &consumed, &produced)
                        initialized = outcome == LIBDEFLATE_SUCCESS ? produced : 0
                    }
                    result = outcome
                } else {
                    output.append(contentsOf: repeatElement(0, count: capacity))
                    result = output.withUnsafeMutableBytes { buffer in
                        libdeflate_gzip_decompress_ex(
                            decompressor, input.baseAddress! + offset, remaining,
                            buffer.baseAddress! + start, capacity, &consumed, &produced)
                    }
                    output.removeLast(capacity - (result == LIBDEFLATE_SUCCESS ? produced : 0))
                }
                if result == LIBDEFLATE_SUCCESS {
                    offset += consumed
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
        return output
    }

    /// Compresses `input` as one gzip member. libdeflate writes MTIME 0 and no file name, so the
    /// same input always yields the same bytes.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6) -> [UInt8] {
        DeflateCompressor(level: level).gzip(input)
    }

    private static func trailerSize(_ input: UnsafeRawBufferPointer) -> UInt32 {
        let n = input.count
        return UInt32(input[n - 4]) | UInt32(input[n - 3]) << 8 | UInt32(input[n - 2]) << 16 | UInt32(input[n - 1])
            << 24
    }
}

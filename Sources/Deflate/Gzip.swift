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
        var output: [UInt8] = []
        guard let count = try GzipDecompressor().decompress(input, limit: limit, into: &output) else { return nil }
        output.removeLast(output.count - count)
        return output
    }

    static func trailerSize(_ input: UnsafeRawBufferPointer) -> UInt32 {
        let n = input.count
        return UInt32(input[n - 4]) | UInt32(input[n - 3]) << 8 | UInt32(input[n - 2]) << 16 | UInt32(input[n - 1])
            << 24
    }

    /// Compresses `input` as one gzip member. libdeflate writes MTIME 0 and no file name, so the
    /// same input always yields the same bytes.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6) -> [UInt8] {
        DeflateCompressor(level: level).gzip(input)
    }
}

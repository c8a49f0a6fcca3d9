import Deflate
import TrailMeterCore

/// The bytes S3 holds for a log file: what Athena bills for reading it.
///
/// CloudTrail delivers every log file gzip-compressed. A file found on disk as plain JSON (a
/// gunzipped copy, a JSON array or JSON Lines export) would bill its uncompressed size, about
/// ten times what Athena reads from the bucket; its bytes are compressed instead, and the size
/// of that gzip is recorded as an estimate (`size_estimated` in the catalog).
public enum BilledSize {
    /// Level 6: CloudTrail does not publish its level; 6 is the default of zlib and of the JDK's
    /// `GZIPOutputStream` (`Deflater.DEFAULT_COMPRESSION`), which AWS's Java services write
    /// gzip with. A gunzipped CloudTrail file recompressed at 6 comes back within about 1% of
    /// its original object. A pretty-printed or JSON Lines export compresses slightly
    /// differently from CloudTrail's compact `{"Records":[...]}`, so its estimate is rougher.
    public static let gzipLevel: Int32 = 6

    /// The billed size of a file's bytes, and whether it is an estimate.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> (bytes: Int, estimated: Bool) {
        if Gzip.isGzip(bytes) || bytes.isEmpty { return (bytes.count, false) }
        return (Gzip.compress(bytes, level: gzipLevel).count, true)
    }

    /// The billed size of a file too large to hold whole unless it must be compressed (plain
    /// JSON, which the ingest's file limit bounds), read from its start.
    static func of(_ file: ReadableFile) throws(FileAccessError) -> (bytes: Int, estimated: Bool) {
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: 2, alignment: 1)
        defer { head.deallocate() }
        let count = try file.read(into: head)
        try file.rewind()
        if count == 2 && head[0] == 0x1f && head[1] == 0x8b { return (file.size, false) }
        let bytes = try file.readToEnd()
        try file.rewind()
        return bytes.withUnsafeBytes { of($0) }
    }
}

import CMurmurHash

/// Trino's `murmur3(binary)`: MurmurHash3 x64 128-bit with seed 0 (Debian's libmurmurhash), its
/// two 64-bit halves written little-endian, as Trino's slice holds them.
enum Murmur3 {
    /// The 16 bytes of the hash of `bytes`.
    static func hash128(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var halves: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &halves) { out in
            lmmh_x64_128(
                bytes.baseAddress, UInt32(bytes.count), 0, out.baseAddress!.assumingMemoryBound(to: UInt64.self))
        }
        return withUnsafeBytes(of: (halves.0.littleEndian, halves.1.littleEndian)) { Array($0) }
    }
}

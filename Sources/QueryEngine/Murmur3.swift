/// Trino's `murmur3(binary)`: MurmurHash3 x64 128-bit with seed 0, its two 64-bit halves
/// written little-endian (as Trino's slice holds them). Athena engine version 3 lists it among
/// the functions it added; no Debian library offers this variant's byte layout, so it is here.
enum Murmur3 {
    private static let c1: UInt64 = 0x87c3_7b91_1142_53d5
    private static let c2: UInt64 = 0x4cf5_ad43_2745_937f

    /// The 16 bytes of the hash of `bytes`.
    static func hash128(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var h1: UInt64 = 0
        var h2: UInt64 = 0
        let blocks = bytes.count / 16
        for block in 0..<blocks {
            let k1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: block * 16, as: UInt64.self))
            let k2 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: block * 16 + 8, as: UInt64.self))
            h1 ^= mixFirst(k1)
            h1 = rotate(h1, 27) &+ h2
            h1 = h1 &* 5 &+ 0x52dc_e729
            h2 ^= mixSecond(k2)
            h2 = rotate(h2, 31) &+ h1
            h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        let tail = blocks * 16
        let left = bytes.count - tail
        var k1: UInt64 = 0
        var k2: UInt64 = 0
        for index in stride(from: left - 1, through: 8, by: -1) {
            k2 ^= UInt64(bytes[tail + index]) << UInt64(8 * (index - 8))
        }
        if left > 8 { h2 ^= mixSecond(k2) }
        for index in stride(from: min(left, 8) - 1, through: 0, by: -1) {
            k1 ^= UInt64(bytes[tail + index]) << UInt64(8 * index)
        }
        if left > 0 { h1 ^= mixFirst(k1) }
        h1 ^= UInt64(bytes.count)
        h2 ^= UInt64(bytes.count)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        h1 = finalMix(h1)
        h2 = finalMix(h2)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        return withUnsafeBytes(of: (h1.littleEndian, h2.littleEndian)) { Array($0) }
    }

    private static func mixFirst(_ k: UInt64) -> UInt64 { rotate(k &* c1, 31) &* c2 }
    private static func mixSecond(_ k: UInt64) -> UInt64 { rotate(k &* c2, 33) &* c1 }
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    private static func finalMix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}

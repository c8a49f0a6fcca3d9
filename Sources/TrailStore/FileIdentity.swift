import CXXHash
import TrailMeterCore

/// A log file's identity in the store: XXH3-128 of its bytes as stored, with their count.
///
/// Content, not path, decides: re-syncing a bucket to another folder, or naming the same
/// folder twice, adds nothing; two different files under one name are both kept. CloudTrail
/// never writes the same bytes twice (every file carries unique event and request ids).
enum FileIdentity {
    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        let hash = XXH3_128bits(bytes.baseAddress, bytes.count)
        return text(hash, count: bytes.count)
    }

    /// The identity of a file too large to hold whole, read a piece at a time (the same hash as
    /// `of(_:)` gives for the same bytes).
    static func of(_ file: ReadableFile) throws(FileAccessError) -> String {
        guard let state = XXH3_createState() else { fatalError("xxhash: out of memory") }
        defer { XXH3_freeState(state) }
        XXH3_128bits_reset(state)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        var count = 0
        while true {
            let read = try file.read(into: buffer)
            if read == 0 { break }
            XXH3_128bits_update(state, buffer.baseAddress, read)
            count += read
        }
        return text(XXH3_128bits_digest(state), count: count)
    }

    private static func text(_ hash: XXH128_hash_t, count: Int) -> String {
        hex(hash.high64) + hex(hash.low64) + "-" + String(count)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

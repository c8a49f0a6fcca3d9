import CXXHash

/// A log file's identity in the store: XXH3-128 of its bytes as stored, with their count.
///
/// Content, not path, decides: re-syncing a bucket to another folder, or naming the same
/// folder twice, adds nothing; two different files under one name are both kept. CloudTrail
/// never writes the same bytes twice (every file carries unique event and request ids).
enum FileIdentity {
    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        let hash = XXH3_128bits(bytes.baseAddress, bytes.count)
        return hex(hash.high64) + hex(hash.low64) + "-" + String(bytes.count)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

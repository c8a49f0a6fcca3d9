import CXXHash

/// The order in which a `java.util.HashMap` hands back its entries, for functions whose Trino
/// code collects a result in one (`split_to_map`). A `HashMap` made with the default capacity
/// (16 buckets, doubled whenever it holds more than three quarters of them) walks its buckets in
/// order, each bucket's entries in insertion order. The bucket is the key's `hashCode()` with its
/// high half folded into the low (`h ^ (h >>> 16)`), masked by the bucket count. (A bucket of 8
/// or more colliding keys in a table of 64 or more turns into a tree; that is not modelled.)
enum JavaHashMap {
    /// airlift's `Slice.hashCode()`: the low 32 bits of the bytes' XXH64 with seed 0.
    static func sliceHash(_ bytes: [UInt8]) -> Int32 {
        let hash = bytes.withUnsafeBytes { XXH64($0.baseAddress, $0.count, 0) }
        return Int32(truncatingIfNeeded: hash)
    }

    /// The positions of distinct keys, given their hash codes in insertion order, in the order the
    /// map iterates them.
    static func iterationOrder(of hashes: [Int32]) -> [Int] {
        var capacity = 16
        while hashes.count > capacity * 3 / 4 { capacity *= 2 }
        let bucket = hashes.map { hash -> Int in
            let bits = UInt32(bitPattern: hash)
            return Int((bits ^ (bits >> 16)) & UInt32(capacity - 1))
        }
        // Positions are unique, so the sort is stable in insertion order within a bucket.
        return hashes.indices.sorted { (bucket[$0], $0) < (bucket[$1], $1) }
    }
}

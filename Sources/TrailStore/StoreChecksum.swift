import CXXHash

/// XXH3-64 checksums of what a store holds, as SQLite integers.
///
/// Every value that feeds an answer is covered: each chunk's bytes (checked when the chunk is
/// decoded), each chunk's, segment's and file's catalog row (checked when the catalog is read:
/// sizes feed the meters, min/max and time bounds feed pruning, event counts feed `count(*)`),
/// each segment's per-event sizes (`event_sizes`, the event-window meter's input) and each
/// sample cell (`sample_cells`, what a sample is scaled up by), and the `meta` table with the
/// store's totals, which catch rows that vanish or multiply.
public enum StoreChecksum {
    /// The checksum of a chunk's bytes as stored.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> Int64 {
        Int64(bitPattern: XXH3_64bits(bytes.baseAddress, bytes.count))
    }
}

/// Accumulates a row's fields, each tagged with its type (and texts with their length), so that
/// no two different rows serialize alike; `digest` is their XXH3-64.
struct RowHasher {
    private var bytes: [UInt8] = []

    init(_ table: String) { text(table) }

    mutating func integer(_ value: Int64?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ value: String?) {
        guard let value else { return bytes.append(0) }
        bytes.append(2)
        integer(Int64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    var digest: Int64 { bytes.withUnsafeBytes(StoreChecksum.of) }
}

import CloudTrail
import Deflate
import Foundation

/// How a column chunk's bytes are compressed.
public enum ChunkCodec: Equatable, Sendable, CustomStringConvertible {
    /// Stored as encoded, uncompressed.
    case none
    /// Raw DEFLATE at a libdeflate level (1...12): what ORC calls ZLIB, CloudTrail Lake's codec.
    case deflate(level: Int32)

    /// ORC's default: ZLIB with the default compression strategy SPEED, which sets text data
    /// streams to zlib level 2 (`BEST_SPEED + 1`, ORC's ZlibCodec "FAST" modifier).
    public static let standard = ChunkCodec.deflate(level: 2)

    /// Parses `none`, `deflate` or `deflate:N`.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":")
        switch (parts.first, parts.count) {
        case ("none", 1): self = .none
        case ("deflate", 1), ("zlib", 1): self = .standard
        case ("deflate", 2), ("zlib", 2):
            guard let level = Int32(parts[1]), (1...12).contains(level) else { return nil }
            self = .deflate(level: level)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .deflate(let level): "deflate:\(level)"
        }
    }
}

/// A reusable compressor for one codec; one per thread. It keeps its libdeflate state and an
/// encoding buffer from chunk to chunk: allocating them per segment cost page faults on every use.
final class ChunkCompressor {
    private let deflate: DeflateCompressor?
    /// Where chunks are encoded before compression; grown, never shrunk.
    private var encoding = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    init(_ codec: ChunkCodec) {
        if case .deflate(let level) = codec { deflate = DeflateCompressor(level: level) } else { deflate = nil }
    }

    deinit { encoding.deallocate() }

    func compress(_ encoded: [UInt8]) -> [UInt8] {
        guard let deflate else { return encoded }
        return encoded.withUnsafeBytes { deflate.rawDeflate($0) }
    }

    /// Encodes `values` (rows in `order`) as `ChunkEncoding.encode` does and compresses the
    /// result: the chunk's bytes, its encoded size and NULL count, and (with `extremes`) the rows
    /// of its smallest and largest values.
    /// `measure`, when given, is `ChunkEncoding.measure(values, order:)` found beforehand.
    func encodeAndCompress(
        _ values: ColumnValues, order: [Int], measure known: ChunkEncoding.Measure? = nil, extremes: Bool
    ) -> (data: [UInt8], encodedBytes: Int, nulls: Int, extremes: ChunkEncoding.Extremes) {
        let measure = known ?? ChunkEncoding.measure(values, order: order)
        if encoding.count < measure.encodedBytes {
            encoding.deallocate()
            encoding = .allocate(byteCount: measure.encodedBytes, alignment: 16)
        }
        let found = ChunkEncoding.encode(values, order: order, measure: measure, extremes: extremes, into: encoding)
        let encoded = UnsafeRawBufferPointer(rebasing: encoding[..<measure.encodedBytes])
        let data = deflate.map { $0.rawDeflate(encoded) } ?? [UInt8](encoded)
        return (data, measure.encodedBytes, measure.nulls, found)
    }
}

/// Encodes a column's values for one segment into a chunk and back.
///
/// Layout before compression: varint count; a null bitmap (one bit per value, 1 = NULL) preceded
/// by a flag byte saying whether there is one; a varint length per non-null value; the values'
/// bytes back to back. Lengths before bytes keep the text runs contiguous, which DEFLATE rewards.
public enum ChunkEncoding {
    /// Encodes `values` (rows in `order`) without compression.
    public static func encode(_ values: ColumnValues, order: [Int]) -> [UInt8] {
        let measure = measure(values, order: order)
        return [UInt8](unsafeUninitializedCapacity: measure.encodedBytes) { buffer, initialized in
            _ = encode(
                values, order: order, measure: measure, extremes: false, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = measure.encodedBytes
        }
    }

    /// What a pass over a chunk's rows before encoding finds: its exact encoded size, the
    /// NULLs, and the bytes its value lengths take.
    struct Measure {
        var encodedBytes = 0
        var nulls = 0
        var lengthBytes = 0
    }

    /// The exact size of `encode(values, order:)` and what it is made of.
    static func measure(_ values: ColumnValues, order: [Int]) -> Measure {
        values.ends.withUnsafeBufferPointer { ends in
            values.isNull.withUnsafeBufferPointer { isNull in
                var measure = Measure()
                var dataBytes = 0
                for row in order {
                    if isNull[row] {
                        measure.nulls += 1
                    } else {
                        let count = Int(ends[row]) - (row == 0 ? 0 : Int(ends[row - 1]))
                        dataBytes += count
                        measure.lengthBytes += varintSize(count)
                    }
                }
                measure.encodedBytes =
                    varintSize(order.count) + 1 + (measure.nulls > 0 ? (order.count + 7) / 8 : 0)
                    + measure.lengthBytes + dataBytes
                return measure
            }
        }
    }

    /// `measure(values, order: rows)` for every segment at once, where `segmentOfRow[r]` is
    /// the segment row `r` belongs to (each row to one segment, or -1 for none) and `rowCounts`
    /// each segment's row count. The sums do not depend on the rows' order, so one pass in row
    /// order serves every segment, rather than one gathering pass per chunk.
    static func measureSegments(_ values: ColumnValues, segmentOfRow: [Int32], rowCounts: [Int]) -> [Measure] {
        var measures = [Measure](repeating: Measure(), count: rowCounts.count)
        var dataBytes = [Int](repeating: 0, count: rowCounts.count)
        values.ends.withUnsafeBufferPointer { ends in
            values.isNull.withUnsafeBufferPointer { isNull in
                var start = 0
                for row in 0..<min(ends.count, segmentOfRow.count) {
                    let end = Int(ends[row])
                    defer { start = end }
                    let segment = Int(segmentOfRow[row])
                    guard segment >= 0 else { continue }
                    if isNull[row] {
                        measures[segment].nulls += 1
                    } else {
                        dataBytes[segment] += end - start
                        measures[segment].lengthBytes += varintSize(end - start)
                    }
                }
            }
        }
        for segment in measures.indices {
            let count = rowCounts[segment]
            measures[segment].encodedBytes =
                varintSize(count) + 1 + (measures[segment].nulls > 0 ? (count + 7) / 8 : 0)
                + measures[segment].lengthBytes + dataBytes[segment]
        }
        return measures
    }

    /// The smallest and largest non-null rows of a chunk, by their bytes as memcmp orders them.
    struct Extremes {
        var minimum: Int?
        var maximum: Int?
    }

    /// Encodes `values` (rows in `order`) into `buffer`, which holds `measure.encodedBytes`
    /// bytes, in one pass over the rows: each value's length and bytes are written at their two
    /// cursors. With `extremes`, also finds the smallest and largest values on the way.
    static func encode(
        _ values: ColumnValues, order: [Int], measure: Measure, extremes: Bool,
        into buffer: UnsafeMutableRawBufferPointer
    ) -> Extremes {
        values.bytes.withUnsafeBufferPointer { bytes in
            values.ends.withUnsafeBufferPointer { ends in
                values.isNull.withUnsafeBufferPointer { isNull in
                    encode(
                        bytes: bytes, ends: ends, isNull: isNull, order: order, measure: measure, extremes: extremes,
                        into: buffer)
                }
            }
        }
    }

    private static func encode(
        bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<UInt32>,
        isNull: UnsafeBufferPointer<Bool>, order: [Int], measure: Measure, extremes: Bool,
        into buffer: UnsafeMutableRawBufferPointer
    ) -> Extremes {
        let base = buffer.baseAddress!
        var out = 0
        @inline(__always) func putVarint(_ value: Int, at cursor: inout Int) {
            var value = UInt64(value)
            while value >= 0x80 {
                base.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: cursor, as: UInt8.self)
                cursor += 1
                value >>= 7
            }
            base.storeBytes(of: UInt8(value), toByteOffset: cursor, as: UInt8.self)
            cursor += 1
        }
        putVarint(order.count, at: &out)
        base.storeBytes(of: measure.nulls > 0 ? 1 : 0, toByteOffset: out, as: UInt8.self)
        out += 1
        // One pass over the rows: a NULL sets its bit, a value writes its length and bytes.
        let bitmap = out
        if measure.nulls > 0 {
            let bitmapBytes = (order.count + 7) / 8
            (base + bitmap).initializeMemory(as: UInt8.self, repeating: 0, count: bitmapBytes)
            out += bitmapBytes
        }
        var data = out + measure.lengthBytes
        let text = bytes.baseAddress!
        // The extremes so far, as (start, count) in `bytes`, and their rows.
        var low = (start: 0, count: 0, row: -1)
        var high = low
        order.withUnsafeBufferPointer { order in
            for position in order.indices {
                let row = order[position]
                if isNull[row] {
                    let flags = base.advanced(by: bitmap + position >> 3).assumingMemoryBound(to: UInt8.self)
                    flags.pointee |= 1 << UInt8(position & 7)
                    continue
                }
                let from = row == 0 ? 0 : Int(ends[row - 1])
                let count = Int(ends[row]) - from
                putVarint(count, at: &out)
                copyValue(from: text + from, count: count, to: base + data)
                data += count
                guard extremes else { continue }
                if low.row < 0 {
                    low = (from, count, row)
                    high = low
                } else {
                    // A new smallest value cannot also be the largest (the smallest never passes it).
                    if precedes(text + from, count, text + low.start, low.count) {
                        low = (from, count, row)
                    } else if precedes(text + high.start, high.count, text + from, count) {
                        high = (from, count, row)
                    }
                }
            }
        }
        return low.row < 0 ? Extremes() : Extremes(minimum: low.row, maximum: high.row)
    }

    /// Copies one value. Most are short (names, ids, regions), and a call to memmove for each
    /// cost more than the copy: up to 16 bytes move as two overlapping words.
    @inline(__always) private static func copyValue(
        from source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutableRawPointer
    ) {
        let from = UnsafeRawPointer(source)
        switch count {
        case 8...16:
            target.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(
                of: from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8,
                as: UInt64.self)
        case 4..<8:
            target.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            target.storeBytes(
                of: from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4,
                as: UInt32.self)
        case 0..<4:
            for offset in 0..<count { target.storeBytes(of: source[offset], toByteOffset: offset, as: UInt8.self) }
        default:
            target.copyMemory(from: from, byteCount: count)
        }
    }

    /// Whether the `countA` bytes at `a` order strictly before the `countB` at `b`, as memcmp
    /// orders them (a prefix first).
    @inline(__always) private static func precedes(
        _ a: UnsafePointer<UInt8>, _ countA: Int, _ b: UnsafePointer<UInt8>, _ countB: Int
    ) -> Bool {
        let common = min(countA, countB)
        // Compared eight bytes at a time as big-endian words, which order as memcmp orders them:
        // values of one column often share a long prefix (timestamps of one hour, ARNs).
        var offset = 0
        while offset + 8 <= common {
            let wordA = UInt64(bigEndian: UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self))
            let wordB = UInt64(bigEndian: UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self))
            if wordA != wordB { return wordA < wordB }
            offset += 8
        }
        while offset < common {
            if a[offset] != b[offset] { return a[offset] < b[offset] }
            offset += 1
        }
        return countA < countB
    }

    private static func varintSize(_ value: Int) -> Int {
        var size = 1
        var value = UInt64(value) >> 7
        while value != 0 {
            size += 1
            value >>= 7
        }
        return size
    }

    /// Decodes an uncompressed chunk into column values.
    public static func decode(_ chunk: UnsafeRawBufferPointer) throws(DecodeFailure) -> ColumnValues {
        var reader = ByteReader(bytes: chunk)
        let count = Int(try reader.varint())
        guard count <= chunk.count * 8 + 8 else {
            throw DecodeFailure(detail: "value count \(count) exceeds the chunk")
        }
        let hasNulls = try reader.byte() != 0
        var isNull = [Bool](repeating: false, count: count)
        if hasNulls {
            for byteIndex in 0..<((count + 7) / 8) {
                let byte = try reader.byte()
                for bit in 0..<8 where byte & (1 << UInt8(bit)) != 0 && byteIndex * 8 + bit < count {
                    isNull[byteIndex * 8 + bit] = true
                }
            }
        }
        var values = ColumnValues()
        values.isNull = isNull
        values.ends.reserveCapacity(count)
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        for row in 0..<count where !isNull[row] { lengths.append(Int(try reader.varint())) }
        let total = lengths.reduce(0, +)
        guard total == chunk.count - reader.offset else {
            throw DecodeFailure(detail: "lengths add up to \(total) bytes but \(chunk.count - reader.offset) remain")
        }
        values.bytes = [UInt8](UnsafeRawBufferPointer(rebasing: chunk[reader.offset...]))
        var end = 0
        var next = 0
        for row in 0..<count {
            if !isNull[row] {
                end += lengths[next]
                next += 1
            }
            values.ends.append(UInt32(end))
        }
        return values
    }

    /// Compresses an encoded chunk.
    public static func compress(_ encoded: [UInt8], codec: ChunkCodec) -> [UInt8] {
        ChunkCompressor(codec).compress(encoded)
    }

    /// Decompresses a chunk whose encoded size is `encodedSize`.
    public static func decompress(_ stored: UnsafeRawBufferPointer, encodedSize: Int, codec: ChunkCodec)
        throws(DecodeFailure) -> [UInt8]
    {
        guard case .deflate = codec else { return [UInt8](stored) }
        guard let inflated = RawDeflate.inflate(stored, size: encodedSize) else {
            throw DecodeFailure(detail: "DEFLATE data does not inflate to \(encodedSize) bytes")
        }
        return inflated
    }

    /// Why a chunk did not decode.
    public struct DecodeFailure: Error {
        public let detail: String
    }

    private static func appendVarint(_ out: inout [UInt8], _ value: UInt64) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    private struct ByteReader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func byte() throws(DecodeFailure) -> UInt8 {
            guard offset < bytes.count else { throw DecodeFailure(detail: "ends early at byte \(offset)") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(DecodeFailure) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
                guard shift < 64 else { throw DecodeFailure(detail: "varint too long at byte \(offset)") }
            }
        }
    }
}

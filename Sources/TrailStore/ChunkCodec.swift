import CloudTrail
import Deflate

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

/// A reusable compressor for one codec; one per thread.
final class ChunkCompressor {
    private let deflate: DeflateCompressor?

    init(_ codec: ChunkCodec) {
        if case .deflate(let level) = codec { deflate = DeflateCompressor(level: level) } else { deflate = nil }
    }

    func compress(_ encoded: [UInt8]) -> [UInt8] {
        guard let deflate else { return encoded }
        return encoded.withUnsafeBytes { deflate.rawDeflate($0) }
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
        values.bytes.withUnsafeBufferPointer { bytes in
            values.ends.withUnsafeBufferPointer { ends in
                values.isNull.withUnsafeBufferPointer { isNull in
                    encode(bytes: bytes, ends: ends, isNull: isNull, order: order)
                }
            }
        }
    }

    private static func encode(
        bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<UInt32>,
        isNull: UnsafeBufferPointer<Bool>, order: [Int]
    ) -> [UInt8] {
        @inline(__always) func start(_ row: Int) -> Int { row == 0 ? 0 : Int(ends[row - 1]) }
        var dataBytes = 0
        var nulls = 0
        for row in order {
            if isNull[row] { nulls += 1 } else { dataBytes += Int(ends[row]) - start(row) }
        }
        let capacity = 11 + (nulls > 0 ? (order.count + 7) / 8 : 0) + order.count * 5 + dataBytes
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var out = 0
            @inline(__always) func put(_ byte: UInt8) {
                buffer[out] = byte
                out += 1
            }
            @inline(__always) func putVarint(_ value: Int) {
                var value = UInt64(value)
                while value >= 0x80 {
                    put(UInt8(truncatingIfNeeded: value) | 0x80)
                    value >>= 7
                }
                put(UInt8(value))
            }
            putVarint(order.count)
            put(nulls > 0 ? 1 : 0)
            if nulls > 0 {
                var byte: UInt8 = 0
                for (position, row) in order.enumerated() {
                    if isNull[row] { byte |= 1 << UInt8(position & 7) }
                    if position & 7 == 7 {
                        put(byte)
                        byte = 0
                    }
                }
                if order.count & 7 != 0 { put(byte) }
            }
            for row in order where !isNull[row] { putVarint(Int(ends[row]) - start(row)) }
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            for row in order where !isNull[row] {
                let from = start(row)
                let count = Int(ends[row]) - from
                (base + out).copyMemory(from: bytes.baseAddress! + from, byteCount: count)
                out += count
            }
            initialized = out
        }
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

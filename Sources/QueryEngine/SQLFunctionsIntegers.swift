import SQLite

/// `to_base`, `from_base`, `width_bucket` and `bit_count`, with Trino's checks and messages.
extension SQLFunctions {
    static func registerIntegers(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_to_base", argumentCount: 2) { args, result in
            if args.isNull(0) || args.isNull(1) { return result.null() }
            let radix = args.int64(1)
            guard (2...36).contains(radix) else { return result.error("Radix must be between 2 and 36") }
            result.text(String(args.int64(0), radix: Int(radix)))
        }
        try define(c, "tm_from_base", argumentCount: 2) { args, result in
            guard let text = args.text(0), !args.isNull(1) else { return result.null() }
            let radix = args.int64(1)
            guard (2...36).contains(radix) else { return result.error("Radix must be between 2 and 36") }
            // Java's Long.parseLong: an optional sign, then digits of the radix, nothing else.
            let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
            guard !digits.hasPrefix("+"), let value = Int64(digits, radix: Int(radix)) else {
                return result.error("Not a valid base-\(radix) number: \(text)")
            }
            result.int64(value)
        }
        // tm_width_bucket(operand, bound1, bound2, count): 0 below the range, count + 1 above it.
        try define(c, "tm_width_bucket", argumentCount: 4) { args, result in
            if (0..<4).contains(where: args.isNull) { return result.null() }
            let operand = args.double(0)
            let bound1 = args.double(1)
            let bound2 = args.double(2)
            let count = args.int64(3)
            guard count > 0 else { return result.error("bucketCount must be greater than 0") }
            guard bound1.isFinite else { return result.error("first bound must be finite") }
            guard bound2.isFinite else { return result.error("second bound must be finite") }
            guard bound1 != bound2 else { return result.error("bounds cannot equal each other") }
            let lower = min(bound1, bound2)
            let upper = max(bound1, bound2)
            var bucket: Int64
            if operand < lower {
                bucket = 0
            } else if operand >= upper {
                guard count < .max else { return result.error("Bucket for value \(operand) is out of range") }
                bucket = count + 1
            } else {
                // Rounding can bring the position to count + 1, past the largest bigint for a
                // huge count: saturated, as Java's (long) cast in Trino's own code saturates.
                let position = Double(count) * (operand - lower) / (upper - lower) + 1
                bucket = position >= 9.223_372_036_854_775_807e18 ? .max : Int64(position)
            }
            if bound1 > bound2 { bucket = count - bucket + 1 }
            result.int64(bucket)
        }
        try define(c, "tm_bit_count", argumentCount: 2) { args, result in
            if args.isNull(0) || args.isNull(1) { return result.null() }
            let number = args.int64(0)
            let bits = args.int64(1)
            if bits == 64 { return result.int64(Int64(number.nonzeroBitCount)) }
            guard (2...64).contains(bits) else {
                return result.error("Bits specified in bit_count must be between 2 and 64, got \(bits)")
            }
            let low: Int64 = (1 << (bits - 1)) - 1
            guard number <= low, number >= ~low else {
                return result.error(
                    "Number must be representable with the bits specified. \(number) cannot be represented with \(bits) bits"
                )
            }
            result.int64(Int64((number & ((1 << bits) - 1)).nonzeroBitCount))
        }
    }
}

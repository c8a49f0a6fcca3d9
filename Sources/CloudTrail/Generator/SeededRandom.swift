/// SplitMix64: expands one 64-bit value into a well-mixed stream; used to seed xoshiro and to
/// derive independent per-file streams from (seed, account, region, slot).
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Mixes several keys into one 64-bit value; order matters, so (a, b) and (b, a) differ.
    static func mix(_ keys: UInt64...) -> UInt64 {
        var mixer = SplitMix64(seed: 0x5EED_7A11_0000_0001)
        var value: UInt64 = 0
        for key in keys {
            mixer = SplitMix64(seed: mixer.next() ^ key)
            value = mixer.next()
        }
        return value
    }
}

/// xoshiro256**: the generator's only source of randomness. Its output depends on the seed alone,
/// never on the platform, so the same spec writes byte-identical trails everywhere.
struct TrailRandom {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    init(_ keys: UInt64...) {
        var mixer = SplitMix64(seed: 0x7EA1_17E7_0000_0002)
        var value: UInt64 = 0
        for key in keys {
            mixer = SplitMix64(seed: mixer.next() ^ key)
            value = mixer.next()
        }
        self.init(seed: value)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in 0..<bound (Lemire's multiply-shift; the tiny bias is irrelevant for sample data).
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    @inline(__always)
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An index in 0..<count that favours the low end, so a few resources recur often and the rest
    /// form a tail, as in real accounts.
    @inline(__always)
    mutating func skewed(_ count: Int) -> Int {
        let u = unit()
        return min(count - 1, Int(Double(count) * u * u * u))
    }
}

/// A cumulative-weight table for weighted picks by binary search.
struct WeightedTable: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var total = 0.0
        cumulative = weights.map {
            total += max($0, 0)
            return total
        }
    }

    var isEmpty: Bool { cumulative.last ?? 0 <= 0 }

    func pick(_ random: inout TrailRandom) -> Int {
        let target = random.unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) >> 1
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// FNV-1a, to key random streams by a region's name rather than its position in the list.
func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return hash
}

import TrailMeterCore

/// Names the generator writes into dates (the arithmetic is ``CivilCalendar``'s).
enum UTCClock {
    static let monthAbbreviations: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
}

/// An append-only byte buffer with the few writers a CloudTrail record needs. Strings from the
/// catalogue and the account population are plain ASCII without quotes or backslashes, so they are
/// copied verbatim; nothing here goes through String interpolation or Foundation.
struct ByteSink {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func raw(_ text: [UInt8]) { bytes.append(contentsOf: text) }

    @inline(__always)
    mutating func byte(_ value: UInt8) { bytes.append(value) }

    @inline(__always)
    mutating func quoted(_ text: [UInt8]) {
        bytes.append(0x22)
        bytes.append(contentsOf: text)
        bytes.append(0x22)
    }

    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(0x2D)
            int(-value)
            return
        }
        if value >= 10 { int(value / 10) }
        bytes.append(UInt8(0x30 + value % 10))
    }

    @inline(__always)
    private mutating func twoDigits(_ value: Int) {
        bytes.append(UInt8(0x30 + value / 10))
        bytes.append(UInt8(0x30 + value % 10))
    }

    /// `2022-01-22T00:30:00Z`, the form of `eventTime` and `creationDate`.
    mutating func isoTime(_ seconds: Int64) {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = Int(seconds - day * 86_400)
        let date = CivilCalendar.date(daysSinceEpoch: Int(day))
        int(date.year)
        byte(0x2D)
        twoDigits(date.month)
        byte(0x2D)
        twoDigits(date.day)
        byte(0x54)
        twoDigits(second / 3600)
        byte(0x3A)
        twoDigits(second / 60 % 60)
        byte(0x3A)
        twoDigits(second % 60)
        byte(0x5A)
    }

    /// `Jan 22, 2022, 1:00:00 AM`, the form STS uses for credential expiry.
    mutating func stsExpiry(_ seconds: Int64) {
        let day = seconds / 86_400
        let second = Int(seconds - day * 86_400)
        let date = CivilCalendar.date(daysSinceEpoch: Int(day))
        raw(UTCClock.monthAbbreviations[date.month - 1])
        byte(0x20)
        int(date.day)
        raw(", ")
        int(date.year)
        raw(", ")
        let hour = second / 3600
        int(hour % 12 == 0 ? 12 : hour % 12)
        byte(0x3A)
        twoDigits(second / 60 % 60)
        byte(0x3A)
        twoDigits(second % 60)
        raw(hour < 12 ? " AM" : " PM")
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    static let alphanumerics: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    static let upperAlphanumerics: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let base64Digits: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// A random version-4 UUID in lower-case hex: request and event IDs, which never recur.
    mutating func uuid(_ random: inout TrailRandom) {
        let high = random.next()
        let low = random.next()
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { byte(0x2D) }
            let nibble: Int
            switch index {
            case 12: nibble = 4
            case 16: nibble = 8 | Int(truncatingIfNeeded: low >> 62)
            default:
                let source = index < 16 ? high : low
                nibble = Int(truncatingIfNeeded: source >> UInt64(60 - (index % 16) * 4)) & 0xF
            }
            byte(Self.hexDigits[nibble])
        }
    }

    mutating func hex(_ random: inout TrailRandom, count: Int, upper: Bool = false) {
        var word = random.next()
        var left = 16
        for _ in 0..<count {
            if left == 0 {
                word = random.next()
                left = 16
            }
            byte((upper ? Self.upperHexDigits : Self.hexDigits)[Int(word & 0xF)])
            word >>= 4
            left -= 1
        }
    }

    mutating func base64(_ random: inout TrailRandom, count: Int) {
        var word = random.next()
        var left = 10
        for _ in 0..<count {
            if left == 0 {
                word = random.next()
                left = 10
            }
            byte(Self.base64Digits[Int(word & 0x3F)])
            word >>= 6
            left -= 1
        }
    }

    mutating func characters(_ random: inout TrailRandom, from alphabet: [UInt8], count: Int) {
        for _ in 0..<count { byte(alphabet[random.below(alphabet.count)]) }
    }
}

extension Array where Element == UInt8 {
    /// Bytes of an ASCII identifier built once, at population time.
    init(ascii text: String) { self = Array(text.utf8) }
}

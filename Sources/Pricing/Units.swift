import Foundation
import TrailMeterCore

/// Whether MB, GB and TB mean powers of 1,000 or of 1,024.
///
/// AWS does not say which its billing uses, so every figure that depends on it carries the
/// convention in its printed form (see ``label``).
public enum ByteConvention: String, CaseIterable, Sendable {
    /// 1 MB = 1,000,000 bytes (the default).
    case decimal
    /// 1 MiB = 1,048,576 bytes.
    case binary

    /// Bytes in one unit of `magnitude` under this convention.
    public func bytes(per magnitude: ByteMagnitude) -> Decimal { magnitude.bytes(binary: self == .binary) }

    /// The unit symbol, e.g. `MB` (decimal) or `MiB` (binary).
    public func symbol(_ magnitude: ByteMagnitude) -> String {
        magnitude.symbol(self == .decimal ? .upper : .binary)
    }

    /// Printed beside figures, e.g. `decimal units, 1 MB = 1,000,000 bytes`.
    public var label: String {
        self == .decimal ? "decimal units, 1 MB = 1,000,000 bytes" : "binary units, 1 MiB = 1,048,576 bytes"
    }
}

/// An amount of something billable, before it is expressed in a rate's unit.
public enum Usage: Hashable, Sendable, CustomStringConvertible {
    /// Bytes scanned or ingested.
    case bytes(Decimal)
    /// Bytes stored, multiplied by months stored (a month of 1 GB is 1 GB-month).
    case byteMonths(Decimal)
    /// Events delivered or recorded.
    case events(Decimal)
    /// Requests made (S3 GET, PUT, LIST, ...).
    case requests(Decimal)
    /// Processing capacity held, in DPU-hours (Athena provisioned capacity: DPUs × hours active).
    case dpuHours(Decimal)

    public var description: String {
        switch self {
        case .bytes(let n): return "\(n) bytes"
        case .byteMonths(let n): return "\(n) byte-months"
        case .events(let n): return "\(n) events"
        case .requests(let n): return "\(n) requests"
        case .dpuHours(let n): return "\(n) DPU-hours"
        }
    }
}

/// The unit a price is quoted per, as written in the `unit` column.
public enum BillingUnit: Hashable, Sendable, CustomStringConvertible {
    case terabytes
    case gigabytes
    case gigabyteMonths
    /// Per `per` events, e.g. `100000 events`.
    case events(per: Int)
    /// Per `per` requests, e.g. `1000 requests`.
    case requests(per: Int)
    /// Per DPU-hour of provisioned capacity.
    case dpuHours

    /// The spellings accepted in the `unit` column, for error messages.
    public static let spellings =
        "TB, GB, GB-month, DPU-hour, N events, N requests (N a whole number, e.g. 100000 events)"

    /// Parses a `unit` cell; returns nil for anything not in ``spellings``.
    public init?(_ text: String) {
        switch text {
        case "TB": self = .terabytes
        case "GB": self = .gigabytes
        case "GB-month": self = .gigabyteMonths
        case "DPU-hour": self = .dpuHours
        default:
            let parts = text.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit),
                parts[0].first != "0", let count = Int(parts[0])
            else { return nil }
            switch parts[1] {
            case "events": self = .events(per: count)
            case "requests": self = .requests(per: count)
            default: return nil
            }
        }
    }

    public var description: String {
        switch self {
        case .terabytes: return "TB"
        case .gigabytes: return "GB"
        case .gigabyteMonths: return "GB-month"
        case .events(let n): return "\(n) events"
        case .requests(let n): return "\(n) requests"
        case .dpuHours: return "DPU-hour"
        }
    }

    /// The byte size of one unit, for units that measure bytes; nil for counts.
    func bytesPerUnit(_ convention: ByteConvention) -> Decimal? {
        switch self {
        case .terabytes: return convention.bytes(per: .terabyte)
        case .gigabytes, .gigabyteMonths: return convention.bytes(per: .gigabyte)
        case .events, .requests, .dpuHours: return nil
        }
    }

    /// Whether this unit measures bytes (so tier bounds may be written as `50 TB`).
    var measuresBytes: Bool { bytesPerUnit(.decimal) != nil }

    /// Expresses `usage` as a number of this unit, or nil when the kinds differ.
    public func amount(of usage: Usage, convention: ByteConvention) -> Decimal? {
        switch (self, usage) {
        case (.terabytes, .bytes(let b)), (.gigabytes, .bytes(let b)), (.gigabyteMonths, .byteMonths(let b)):
            return b / bytesPerUnit(convention)!
        case (.events(let per), .events(let n)), (.requests(let per), .requests(let n)):
            return n / Decimal(per)
        case (.dpuHours, .dpuHours(let n)):
            return n
        default:
            return nil
        }
    }
}

/// Strict parsing of the decimal strings the tables hold: digits, an optional point and digits.
enum DecimalText {
    /// Parses `12`, `0.023`, `5.00`; rejects signs, exponents, spaces, commas and trailing text.
    static func parse(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// True when the text is a well-formed negative number, so the error can say "negative".
    static func isNegativeNumber(_ text: String) -> Bool {
        text.hasPrefix("-") && parse(String(text.dropFirst())) != nil
    }

    /// The plain, exponent-free text of a decimal (for writing imported values).
    static func plain(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 12, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}

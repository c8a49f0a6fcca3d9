import Foundation

/// Named byte sizes, each a thousand (or, in binary units, 1,024) times the one before.
///
/// The raw value is the symbol the pricing tables and reports write (`KB`); ``symbol(_:)`` gives
/// the other spellings, so one table of units serves every place that prints or reads sizes.
public enum ByteMagnitude: String, CaseIterable, Sendable {
    case kilobyte = "KB"
    case megabyte = "MB"
    case gigabyte = "GB"
    case terabyte = "TB"

    /// The magnitudes from the largest down, the order in which to pick a unit for a figure.
    public static let largestFirst: [ByteMagnitude] = allCases.reversed()

    /// How many times the base (1,000 or 1,024) one unit holds: 1 for KB, 4 for TB.
    public var power: Int {
        switch self {
        case .kilobyte: 1
        case .megabyte: 2
        case .gigabyte: 3
        case .terabyte: 4
        }
    }

    /// Bytes in one unit: 1,000 to the ``power`` in decimal units, 1,024 to it in binary ones.
    public func bytes(binary: Bool = false) -> Decimal {
        var result: Decimal = 1
        for _ in 0..<power { result *= binary ? 1024 : 1000 }
        return result
    }

    /// The unit's symbol in `style`.
    public func symbol(_ style: ByteSymbolStyle) -> String {
        switch style {
        case .upper: rawValue
        case .si: self == .kilobyte ? "kB" : rawValue
        case .binary: String(rawValue.prefix(1)) + "iB"
        }
    }
}

/// How a byte unit is spelt.
public enum ByteSymbolStyle: Sendable {
    /// `KB`, `MB`: the pricing tables, the reports and scenario files.
    case upper
    /// `kB`, `MB`: SI's lower-case kilo, as the CLI's meter lines print.
    case si
    /// `KiB`, `MiB`: IEC binary units (powers of 1,024).
    case binary
}

/// Byte counts printed and read in decimal units.
public enum ByteText {
    /// The largest decimal unit that `bytes` fills at least once; nil below 1 kB.
    public static func decimalMagnitude(for bytes: Decimal) -> ByteMagnitude? {
        ByteMagnitude.largestFirst.first { bytes >= $0.bytes() }
    }

    /// `1.93 MB`, `512 B`: two decimals in the largest unit filled, for a quick read on a terminal.
    public static func abbreviated(_ bytes: Int64, style: ByteSymbolStyle = .si) -> String {
        guard let magnitude = decimalMagnitude(for: Decimal(bytes)) else { return "\(bytes) B" }
        var scaled = Double(bytes)
        for _ in 0..<magnitude.power { scaled /= 1000 }
        return String(format: "%.2f ", scaled) + magnitude.symbol(style)
    }

    /// Splits `40GB` (any case; no space expected) into `40` and the bytes in one GB (decimal
    /// units); nil when the text does not end in a unit symbol.
    public static func splitDecimalUnit(_ text: Substring) -> (number: Substring, bytesPerUnit: Decimal)? {
        for magnitude in ByteMagnitude.largestFirst where text.uppercased().hasSuffix(magnitude.rawValue) {
            return (text.dropLast(magnitude.rawValue.count), magnitude.bytes())
        }
        return nil
    }
}

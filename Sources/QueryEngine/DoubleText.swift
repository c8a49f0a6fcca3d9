extension ValuePresentation {
    /// A DOUBLE as Trino prints it (Java's `Double.toString`): the shortest digits that read back
    /// as the same double, in plain notation from 0.001 up to 10,000,000 (`33.333333333333336`,
    /// `1.0`), in scientific notation outside it (`1.6426944E9`, `1.0E-4`); `NaN`, `Infinity`.
    public static func doubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description holds the same shortest digits: `12345678.0`, `1e-05`, `1.5e+16`.
        let description = value.magnitude.description
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        var exponent = parts.count > 1 ? Int(parts[1])! : 0
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        var digits = String(mantissa[..<point]) + String(mantissa[point...].dropFirst())
        exponent += mantissa.distance(from: mantissa.startIndex, to: point) - 1
        // Leading zeros (`0.0001`) move into the exponent; trailing ones are not significant.
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        if exponent >= -3 && exponent < 7 {
            if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
            guard digits.count > exponent + 1 else {
                return sign + digits + String(repeating: "0", count: exponent + 1 - digits.count) + ".0"
            }
            return sign + digits.prefix(exponent + 1) + "." + digits.dropFirst(exponent + 1)
        }
        let fraction = digits.count > 1 ? String(digits.dropFirst()) : "0"
        return sign + String(digits.prefix(1)) + "." + fraction + "E" + String(exponent)
    }
}

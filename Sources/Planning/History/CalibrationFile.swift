import Foundation
import Yams

/// The per-layout factors `trailmeter calibrate --out` writes and `compare --calibration` applies:
///
/// ```yaml
/// calibration:
///   athena-raw:
///     factor: 1.1
///     executions: 12
///     minimum: 1.02
///     maximum: 1.31
/// ```
///
/// Only `factor` is required; the other keys say what it rests on and are printed in the basis.
public struct CalibrationFactors: Sendable, Equatable {
    /// A measured factor and how many executions it rests on (nil when the file does not say).
    public struct LayoutFactor: Sendable, Equatable {
        public var factor: Decimal
        public var executions: Int?

        public init(factor: Decimal, executions: Int?) {
            self.factor = factor
            self.executions = executions
        }
    }

    /// The factor of each calibrated layout the file lists.
    public var layouts: [CalibratedLayout: LayoutFactor]
    /// Where the factors were read, for the basis line.
    public var source: String

    public init(_ layouts: [CalibratedLayout: LayoutFactor], source: String) {
        self.layouts = layouts
        self.source = source
    }

    /// The factor scaling `layout`'s projected scans (1 where nothing was calibrated).
    public func factor(for layout: CostLayout) -> Decimal {
        CalibratedLayout.allCases.first { $0.costLayouts.contains(layout) }.flatMap { layouts[$0]?.factor } ?? 1
    }

    /// The report's basis line.
    public var basisLine: String {
        let parts = CalibratedLayout.allCases.compactMap { layout -> String? in
            guard let entry = layouts[layout] else { return nil }
            let applied = layout.costLayouts.map(\.rawValue).joined(separator: ", ")
            let count = entry.executions.map { " from \($0) execution\($0 == 1 ? "" : "s")" } ?? ""
            return "\(layout.rawValue) x\(Figure.ratio(entry.factor))\(count) (applied to \(applied))"
        }
        return
            "Calibration: scans scaled by the factors measured against AWS's reported bytes in \(source): \(parts.joined(separator: "; ")); the self-managed lake and CloudWatch Logs are not calibrated."
    }

    /// The file `calibrate --out` writes for `calibration`.
    public static func text(of calibration: Calibration) -> String {
        var lines = [
            "# Written by `trailmeter calibrate` against \(calibration.store): AWS's reported bytes per byte TrailMeter plans.",
            "# compare --calibration FILE multiplies each layout's projected scans by its factor (the median ratio).",
            "calibration:",
        ]
        for summary in calibration.summaries {
            lines += [
                "  \(summary.layout.rawValue):",
                "    factor: \(Figure.ratio(summary.median))",
                "    executions: \(summary.executions)",
                "    minimum: \(Figure.ratio(summary.minimum))",
                "    maximum: \(Figure.ratio(summary.maximum))",
            ]
        }
        if calibration.summaries.isEmpty { lines[lines.count - 1] = "calibration: {}" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a calibration file; every key checked, errors with file, line and field.
    public static func load(_ path: String) throws(PlanningError) -> CalibrationFactors {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        let file = SourceFile(path: path)
        let root = try file.mapping(try file.compose(text), field: "calibration file")
        for (key, value) in root where key != "calibration" {
            throw .unknownField(file: path, line: value.line, field: key, known: ["calibration"])
        }
        guard let body = root.first(where: { $0.key == "calibration" })?.value else {
            throw .missingField(file: path, line: 1, field: "calibration")
        }
        var layouts: [CalibratedLayout: LayoutFactor] = [:]
        for (name, node) in try file.mapping(body, field: "calibration") {
            guard let layout = CalibratedLayout(rawValue: name) else {
                throw .unknownField(
                    file: path, line: node.line, field: "calibration.\(name)",
                    known: CalibratedLayout.allCases.map(\.rawValue))
            }
            var factor: Decimal?
            var executions: Int?
            for (key, value) in try file.mapping(node, field: "calibration.\(name)") {
                let field = "calibration.\(name).\(key)"
                switch key {
                case "factor":
                    factor = try file.parsed(value, field: field, expected: "a positive number such as 1.10") {
                        ScenarioValues.number($0).flatMap { $0 > 0 ? $0 : nil }
                    }
                case "executions": executions = try file.integer(value, field: field)
                case "minimum", "maximum":
                    _ = try file.parsed(value, field: field, expected: "a number") { ScenarioValues.number($0) }
                default:
                    throw .unknownField(
                        file: path, line: value.line, field: field,
                        known: ["factor", "executions", "minimum", "maximum"])
                }
            }
            guard let factor else {
                throw .missingField(file: path, line: node.line, field: "calibration.\(name).factor")
            }
            layouts[layout] = LayoutFactor(factor: factor, executions: executions)
        }
        return CalibrationFactors(layouts, source: path)
    }
}

import CloudTrail
import Foundation

extension Calibration {
    /// The report `trailmeter calibrate` prints: one row per execution (TrailMeter's bytes beside
    /// AWS's, with the ratio), a summary per layout, the largest misses explained, and what was skipped.
    public var report: String {
        var lines = [
            "Calibration against \(store) (events \(EventTime.iso(storeFirstEventMs)) to \(EventTime.iso(storeLastEventMs))); ratio = AWS bytes / TrailMeter bytes, now() = each execution's submission time.",
            "Each execution is planned over the store as it stood then: files delivered by its submission (the time in each file's name), segments begun before then.",
        ]
        if let share = sampleShare {
            lines.append(
                "The store is a sample (\(Figure.number(Decimal(share * 100), decimals: 1))% of the trail's gzip bytes): TrailMeter bytes are the full trail's, estimated from it, with their 95% interval."
            )
        }
        lines += sourceCensus
        lines.append("")
        let intervals = entries.contains { $0.plannedInterval != nil }
        let header =
            ["execution", "layout", "submitted", "TrailMeter bytes"] + (intervals ? ["95% interval"] : [])
            + ["AWS bytes", "ratio"]
        let rows = entries.map { entry in
            [
                entry.execution.id,
                entry.layout.rawValue + (entry.athenaTable?.label ?? ""),
                entry.execution.submittedISO, Figure.count(Decimal(entry.plannedBytes)),
            ]
                + (intervals
                    ? [
                        entry.plannedInterval.map {
                            "\(Figure.count(Decimal($0.lowerBound)))–\(Figure.count(Decimal($0.upperBound)))"
                        } ?? "exact"
                    ] : [])
                + [Figure.count(Decimal(entry.reportedBytes)), entry.ratio.map { Figure.number($0) } ?? "-"]
        }
        let numeric = intervals ? [3, 4, 5, 6] : [3, 4, 5]
        lines += Self.table([header] + rows, rightAligned: Set(numeric))
        lines.append("")
        if summaries.isEmpty {
            lines.append("No execution could be compared: no factor measured.")
        }
        for summary in summaries {
            lines.append(
                "\(summary.layout.rawValue): median ratio \(Figure.number(summary.median)) over \(summary.executions) execution\(summary.executions == 1 ? "" : "s"); spread \(Figure.number(summary.minimum)) to \(Figure.number(summary.maximum)), middle half \(Figure.number(summary.lowerQuartile)) to \(Figure.number(summary.upperQuartile))."
            )
        }
        let misses = largestMisses()
        if !misses.isEmpty {
            lines += ["", "Largest misses:"]
            for entry in misses {
                let ratio = entry.ratio.map { "ratio \(Figure.number($0))" } ?? "nothing planned"
                lines.append(
                    "  \(entry.execution.id) (\(entry.layout.rawValue), \(ratio)): \(entry.explanation ?? "no explanation found")"
                )
            }
        }
        let outside = entries.filter { $0.explanation != nil && !misses.map(\.execution.id).contains($0.execution.id) }
        if !outside.isEmpty {
            lines += ["", "Also noted:"]
            for entry in outside { lines.append("  \(entry.execution.id): \(entry.explanation!)") }
        }
        if !skipped.isEmpty {
            lines += ["", "Not compared:"]
            for (execution, reason) in skipped { lines.append("  \(execution.id) (\(execution.origin)): \(reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns padded to their widest cell, two spaces apart.
    private static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}

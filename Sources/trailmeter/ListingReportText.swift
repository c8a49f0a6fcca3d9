import TrailStore

/// The summary printed after importing bucket listings.
enum ListingReportText {
    static func render(_ report: ListingReport, store: String) -> String {
        var lines = ["Listing into \(store) (size-only catalog entries: no contents read)"]
        lines.append("  objects listed         \(formatCount(Int64(report.objectsRead)))")
        lines.append(
            "  log files added        \(formatCount(Int64(report.filesAdded))), \(formatBytes(report.bytesAdded))")
        lines.append("  already listed         \(formatCount(Int64(report.alreadyListed)))")
        lines.append("  already ingested       \(formatCount(Int64(report.alreadyIngested)))")
        let passed = report.passedOver.values.reduce(0, +)
        let reasons = report.passedOver.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        lines.append(
            "  passed over            \(formatCount(Int64(passed)))\(reasons.isEmpty ? "" : " (" + reasons.joined(separator: ", ") + ")")"
        )
        lines.append("  unreadable lines       \(formatCount(Int64(report.problems.count)))")
        lines.append("  (bytes in decimal units: 1 MB = 1,000,000 bytes)")
        if !report.problems.isEmpty {
            lines.append("Unreadable listing lines (passed over; the rest was imported):")
            lines += report.problems.prefix(50).map { "  \($0)" }
            if report.problems.count > 50 { lines.append("  ... and \(report.problems.count - 50) more") }
        }
        return lines.joined(separator: "\n")
    }
}

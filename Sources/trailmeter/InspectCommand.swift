import ArgumentParser
import CloudTrail
import Foundation
import TrailStore

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract:
            "Show what a store holds: time span, accounts, regions, files, events, bytes per layout and per column.")

    @Option(help: "The store file.")
    var store: String

    func run() throws {
        let file = try reportingErrors { try StoreFile.openForReading(store) }
        let summary = try reportingErrors { try StoreSummary.of(file) }
        let origins = try reportingErrors { try CatalogOrigins.of(file) }
        let coverage = SampleCoverage.of(try reportingErrors { try StoredSample.cells(of: file) })
        print(StoreSummaryText.render(summary, store: store))
        print(CatalogOriginsText.render(origins, sample: coverage))
        guard summary.faults.isEmpty else {
            printError(
                (["error: \(store): the store is damaged; its figures above cannot be trusted:"]
                    + summary.faults.map { "error:   \($0)" }
                    + ["error: run `trailmeter verify --store \(store)` for a full check; re-ingest into a new store"])
                    .joined(separator: "\n"))
            throw ExitStatus.dataError
        }
    }
}

/// The text `inspect` prints.
enum StoreSummaryText {
    static func render(_ summary: StoreSummary, store: String) -> String {
        var lines: [String] = ["Store \(store)"]
        let span =
            summary.firstEventMs.map { first in
                "\(EventTime.iso(first)) to \(EventTime.iso(summary.lastEventMs ?? first))"
            } ?? "no dated events"
        lines.append("  time span          \(span)")
        lines.append(
            "  accounts           \(summary.accounts.isEmpty ? "-" : summary.accounts.joined(separator: ", "))")
        lines.append("  regions            \(summary.regions.isEmpty ? "-" : summary.regions.joined(separator: ", "))")
        lines.append("  log files          \(formatCount(summary.files))")
        lines.append(
            "  events             \(formatCount(summary.catalogEvents)) in the catalog, \(formatCount(summary.columnarEvents)) in the columnar store\(summary.undatedEvents > 0 ? " (\(formatCount(summary.undatedEvents)) without eventTime)" : "")"
        )
        if !summary.faults.isEmpty {
            lines.append("  WARNING            the store is damaged: \(summary.faults[0])")
        }
        lines.append(
            "  segments           \(formatCount(summary.segments)) of \(summary.settings.segmentSpanMs / 60_000) min, codec \(summary.settings.codec)"
        )
        lines.append("")
        lines.append("Bytes by layout (decimal units: 1 MB = 1,000,000 bytes)")
        lines.append(
            "  raw files (Athena-style)     \(pad(formatBytes(summary.rawCompressedBytes))) as stored, \(formatBytes(summary.rawUncompressedBytes)) as JSON\(ratio(summary.rawUncompressedBytes, summary.rawCompressedBytes))"
        )
        lines.append(
            "  columnar (Lake-style)        \(pad(formatBytes(summary.columnarCompressedBytes))) compressed, \(formatBytes(summary.columnarEncodedBytes)) encoded\(ratio(summary.columnarEncodedBytes, summary.columnarCompressedBytes))"
        )
        lines.append(
            "  internal (file id per event) \(pad(formatBytes(summary.internalBytes))) (billed by neither layout)")
        lines.append("")
        lines.append("Columnar bytes per column")
        let width = summary.columns.map(\.name.count).max() ?? 10
        for column in summary.columns {
            let name = column.name == "eventjson" ? "eventjson*" : column.name
            let share =
                summary.columnarCompressedBytes > 0
                ? Double(column.compressedBytes) * 100 / Double(summary.columnarCompressedBytes) : 0
            lines.append(
                "  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(pad(formatBytes(column.compressedBytes)))  \(String(format: "%5.1f%%", share))"
            )
        }
        lines.append(
            "  * eventjson stores only fields no other column holds; queries rebuild the whole record from every column."
        )
        if !summary.skippedFiles.isEmpty {
            lines.append("")
            lines.append("Files skipped by ingest runs")
            lines += summary.skippedFiles.map { "  \($0.reason)" }
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String) -> String {
        text.count >= 10 ? text : String(repeating: " ", count: 10 - text.count) + text
    }

    private static func ratio(_ big: Int64, _ small: Int64) -> String {
        small > 0 ? String(format: " (%.1f:1)", Double(big) / Double(small)) : ""
    }
}

/// The lines of `inspect` on where the catalog's files come from.
enum CatalogOriginsText {
    static func render(_ origins: CatalogOrigins, sample: SampleCoverage? = nil) -> String {
        var lines = ["", "Raw-file catalog by origin"]
        lines.append(
            "  ingested in full   \(formatCount(origins.ingestedFiles)) files, \(formatBytes(origins.ingestedBytes)) billed"
        )
        if let sample {
            lines.append(
                "  sampled            \(formatCount(sample.sampledFiles)) of those, of \(formatCount(sample.populationFiles)) files found (\(sample.percentText)% of their gzip bytes), by `ingest --sample`: `compare` scales them up to the trail"
            )
        }
        lines.append(
            "  listed (size only) \(formatCount(origins.listedFiles)) files, \(formatBytes(origins.listedBytes)) (from a bucket listing; no events)"
        )
        if origins.estimatedFiles > 0 {
            lines.append(
                "  estimated sizes    \(formatCount(origins.estimatedFiles)) ingested files were plain JSON on disk: \(formatBytes(origins.estimatedBytes)) is the size of their gzip at level \(BilledSize.gzipLevel), as CloudTrail would store them"
            )
        }
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import Foundation
import TrailStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add CloudTrail log files to a store (raw-file catalog and columnar store).",
        discussion: """
            PATH may be a folder laid out as `aws s3 sync` copies a trail bucket (AWSLogs/...), or single \
            files: gzip or plain; {"Records":[...]}, a bare array of records, or JSON Lines. Files already \
            in the store (same bytes) are not added again. Each batch of files is committed in one \
            transaction: an interrupted run leaves the store as it was before the unfinished batch.
            Exit status: 0 when every log file was read; 65 when some were skipped (listed at the end).
            """)

    @Argument(help: "Folders or log files to ingest.")
    var paths: [String] = []

    @Option(
        parsing: .upToNextOption,
        help: """
            Bucket listings to add as size-only catalog entries: an S3 Inventory manifest.json (CSV or \
            CSV.gz data files; ORC and Parquet inventories are not read), `aws s3api list-objects-v2` JSON, \
            or `aws s3 ls --recursive` text.
            """)
    var listing: [String] = []

    @Option(help: "The store file to build or extend.")
    var store: String

    @Option(help: "Columnar segment span in minutes, for a new store (default 60: CloudTrail Lake's hour partitions).")
    var segmentMinutes: Int?

    @Option(help: "Column chunk codec for a new store: none, deflate, deflate:1...12 (default deflate:6, ORC's ZLIB).")
    var codec: String?

    func validate() throws {
        guard !paths.isEmpty || !listing.isEmpty else {
            throw ValidationError("give log files or folders to ingest, or --listing FILE...")
        }
    }

    func run() throws {
        let settings = try requestedSettings()
        let storeFile = try reportingErrors { try StoreFile.openForWriting(store, settings: settings) }
        if !listing.isEmpty {
            let report = try reportingErrors { try ListingImporter(store: storeFile).importListings(listing) }
            print(ListingReportText.render(report, store: store))
            guard report.problems.isEmpty else { throw ExitStatus.dataError }
            if paths.isEmpty { return }
        }
        installInterruptHandler()
        var options = IngestOptions()
        options.shouldStop = { interruptRequested != 0 }
        let showProgress = standardErrorIsTerminal
        let ingestor = Ingestor(store: storeFile, options: options)
        let report = try reportingErrors {
            try ingestor.ingest(paths) { progress in
                guard showProgress else { return }
                FileHandle.standardError.write(
                    Data(
                        "\r\(progress.filesDone)/\(progress.filesTotal) files, \(formatCount(Int64(progress.eventsAdded))) events, \(formatBytes(progress.compressedBytesRead)) read\u{1B}[K"
                            .utf8))
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(IngestReportText.render(report, store: store))
        if ProcessInfo.processInfo.environment["TRAILMETER_PHASES"] != nil {
            printError(
                report.phaseSeconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value)) s" }
                    .joined(separator: ", "))
        }
        if report.interrupted { throw ExitStatus.interrupted }
        if !report.filesSkipped.isEmpty { throw ExitStatus.dataError }
    }

    private func requestedSettings() throws -> StoreSettings? {
        guard segmentMinutes != nil || codec != nil else { return nil }
        var settings = StoreSettings.standard
        if let segmentMinutes {
            guard (1...10_080).contains(segmentMinutes) else {
                throw ValidationError("--segment-minutes \(segmentMinutes): expected 1 to 10080 (a week)")
            }
            settings.segmentSpanMs = Int64(segmentMinutes) * 60_000
        }
        if let codec {
            guard let parsed = ChunkCodec(codec) else {
                throw ValidationError("--codec \(codec): expected none, deflate or deflate:N with N from 1 to 12")
            }
            settings.codec = parsed
        }
        return settings
    }
}

/// The summary printed at the end of an ingest.
enum IngestReportText {
    static func render(_ report: IngestReport, store: String) -> String {
        var lines: [String] = []
        lines.append("Ingest into \(store)\(report.interrupted ? " (interrupted: later files not read)" : "")")
        lines.append("  log files found        \(formatCount(Int64(report.filesFound)))")
        lines.append("  files added            \(formatCount(Int64(report.filesAdded)))")
        lines.append("  already in the store   \(formatCount(Int64(report.filesAlreadyPresent.count)))")
        lines.append("  skipped (unreadable)   \(formatCount(Int64(report.filesSkipped.count)))")
        lines.append(
            "  passed over            \(formatCount(Int64(report.passedOver.count)))\(passedOverBreakdown(report))")
        lines.append(
            "  events added           \(formatCount(Int64(report.eventsAdded)))\(report.undatedEventsAdded > 0 ? " (\(report.undatedEventsAdded) without eventTime)" : "")"
        )
        lines.append("  bytes in (as stored)   \(formatBytes(report.compressedBytesIn))")
        lines.append("  bytes in (JSON)        \(formatBytes(report.uncompressedBytesIn))")
        lines.append("  columnar bytes added   \(formatBytes(report.columnarBytesAdded))")
        lines.append("  segments written       \(report.segmentsWritten) in \(report.batchesCommitted) batch(es)")
        lines.append("  (bytes in decimal units: 1 MB = 1,000,000 bytes)")
        if !report.filesSkipped.isEmpty {
            lines.append("Skipped files:")
            lines += report.filesSkipped.map { "  \($0.reason)" }
        }
        return lines.joined(separator: "\n")
    }

    private static func passedOverBreakdown(_ report: IngestReport) -> String {
        guard !report.passedOver.isEmpty else { return "" }
        var counts: [String: Int] = [:]
        for item in report.passedOver { counts[item.reason, default: 0] += 1 }
        return " (" + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
    }
}

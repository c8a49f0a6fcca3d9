import ArgumentParser
import CloudTrail
import Foundation
import TrailMeterCore
import TrailStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add CloudTrail log files to a store (raw-file catalog and columnar store).",
        discussion: """
            PATH may be a folder laid out as `aws s3 sync` copies a trail bucket (AWSLogs/...), or single \
            files: gzip or plain; {"Records":[...]}, a bare array of records, or JSON Lines. Files already \
            in the store (same bytes) are not added again. Each batch of files is committed in one \
            transaction: an interrupted run leaves the store as it was before the unfinished batch. \
            One ingest writes to a store at a time: another one waits --wait seconds for it, or stops \
            at once with "store is busy" (exit 75) having written nothing.
            A record larger than --max-record-bytes, or a file of more JSON than --max-file-bytes, is \
            reported and skipped, as are files with invalid UTF-8 or a key twice in a record, and paths \
            that are not regular files (FIFOs, devices). Memory stays bounded whatever a file holds.
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

    @Option(
        help: ArgumentHelp(
            "Column chunk codec for a new store: none, deflate, deflate:1...12 (default \(ChunkCodec.standard), ORC's ZLIB at its default speed)."
        ))
    var codec: String?

    @Option(
        help: ArgumentHelp(
            "The largest record read, in bytes (or with a unit: 16MB); a file holding a larger one is skipped (default \(LogReadLimits().maxRecordBytes)).",
            valueName: "bytes"))
    var maxRecordBytes: String?

    @Option(
        help: ArgumentHelp(
            "The most JSON one log file may hold after decompression, in bytes (or 128MB); a larger file is skipped (default \(LogReadLimits().maxFileBytes)).",
            valueName: "bytes"))
    var maxFileBytes: String?

    @Option(
        help: ArgumentHelp(
            "Read only this share of the log files (5% or 0.05), spread evenly over accounts, regions and days; the store records the share and the population.",
            valueName: "share"))
    var sample: String?

    @Option(help: "The seed that picks a --sample's files (default 0): the same seed picks the same files.")
    var seed: UInt64 = 0

    @Option(
        help: ArgumentHelp(
            "Seconds to wait while another ingest writes to the store (default 0: stop at once, exit 75).",
            valueName: "seconds"))
    var wait: Double = 0

    func validate() throws {
        guard !paths.isEmpty || !listing.isEmpty else {
            throw ValidationError("give log files or folders to ingest, or --listing FILE...")
        }
    }

    func run() throws {
        guard wait >= 0, wait.isFinite else {
            throw ValidationError("--wait \(wait): expected a number of seconds, 0 or more")
        }
        var options = IngestOptions()
        if let sample { options.sample = try reportingErrors { try SampleSpec(sample, seed: seed) } }
        if let maxRecordBytes { options.limits.maxRecordBytes = try byteCount(maxRecordBytes, "--max-record-bytes") }
        if let maxFileBytes { options.limits.maxFileBytes = try byteCount(maxFileBytes, "--max-file-bytes") }
        let requested = try requestedSettings()
        let storeFile = try reportingErrors { try openStore(requested) }
        if !listing.isEmpty {
            let report = try reportingErrors { try ListingImporter(store: storeFile).importListings(listing) }
            print(ListingReportText.render(report, store: store))
            guard report.problems.isEmpty else { throw ExitStatus.dataError }
            if paths.isEmpty { return }
        }
        installInterruptHandler()
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

    /// The settings asked for: each field nil when its option was not given.
    private func requestedSettings() throws -> (spanMs: Int64?, codec: ChunkCodec?) {
        var spanMs: Int64?
        var chunkCodec: ChunkCodec?
        if let segmentMinutes {
            guard (1...10_080).contains(segmentMinutes) else {
                throw ValidationError("--segment-minutes \(segmentMinutes): expected 1 to 10080 (a week)")
            }
            spanMs = Int64(segmentMinutes) * 60_000
        }
        if let codec {
            guard let parsed = ChunkCodec(codec) else {
                throw ValidationError("--codec \(codec): expected none, deflate or deflate:N with N from 1 to 12")
            }
            chunkCodec = parsed
        }
        return (spanMs, chunkCodec)
    }

    /// Opens the store; a new one takes the settings asked for (standard otherwise), an existing
    /// one keeps its own, and only the options actually given are compared with them.
    private func openStore(_ requested: (spanMs: Int64?, codec: ChunkCodec?)) throws(TrailStoreError) -> StoreFile {
        var settings = StoreSettings.standard
        if let spanMs = requested.spanMs { settings.segmentSpanMs = spanMs }
        if let codec = requested.codec { settings.codec = codec }
        var status = stat()
        let isNew = stat(store, &status) != 0 || status.st_size == 0
        // An existing store is opened as it is (settings nil), then compared field by field, so
        // that `--codec none` alone is not also taken as a request for the standard segment span.
        let storeFile = try StoreFile.openForWriting(store, settings: isNew ? settings : nil, wait: wait)
        let stored = storeFile.settings
        if let spanMs = requested.spanMs, spanMs != stored.segmentSpanMs {
            throw .settingsMismatch(
                path: store, setting: "segment span", stored: "\(stored.segmentSpanMs / 60_000) min",
                requested: "\(spanMs / 60_000) min")
        }
        if let codec = requested.codec, codec != stored.codec {
            throw .settingsMismatch(
                path: store, setting: "codec", stored: stored.codec.description, requested: codec.description)
        }
        return storeFile
    }

    /// `16000000` or `16MB` (decimal units), from 1 kB to 1 GB (a batch's column offsets are 32-bit).
    private func byteCount(_ text: String, _ option: String) throws -> Int {
        var number = Substring(text)
        var unit: Decimal = 1
        if let split = ByteText.splitDecimalUnit(number) {
            number = split.number
            unit = split.bytesPerUnit
        }
        guard let value = Decimal(string: String(number)), value >= 0 else {
            throw ValidationError("\(option) \(text): expected a number of bytes, such as 16000000 or 16MB")
        }
        let bytes = NSDecimalNumber(decimal: value * unit).doubleValue
        guard bytes >= 1000, bytes <= 1e9 else {
            throw ValidationError("\(option) \(text): expected 1kB to 1GB")
        }
        return Int(bytes)
    }
}

/// The summary printed at the end of an ingest.
enum IngestReportText {
    static func render(_ report: IngestReport, store: String) -> String {
        var lines: [String] = []
        lines.append("Ingest into \(store)\(report.interrupted ? " (interrupted: later files not read)" : "")")
        lines.append("  log files found        \(formatCount(Int64(report.filesFound)))")
        if !report.sampleCells.isEmpty {
            let chosen = report.sampleCells.reduce(Int64(0)) { $0 + $1.sampledFiles }
            lines.append(
                "  sampled                \(formatCount(chosen)) files from \(report.sampleCells.count) account/region/day cells"
            )
        }
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

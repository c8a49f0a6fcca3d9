import ArgumentParser
import CloudTrail
import Foundation
import TrailMeterCore

extension ListingSpec.Format: ExpressibleByArgument {}

/// `trailmeter generate`: writes a deterministic sample trail bucket in the S3 key layout.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic, deterministic sample CloudTrail trail (gzip files in the S3 key layout).",
        discussion: """
            Writes DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz, \
            one file per account and region about every five minutes. The same options and seed always give \
            byte-identical files. --event-kinds adds a few records a day of other kinds: Insights events \
            (AWSLogs/<account>/CloudTrail-Insight/...), AWS Config configuration items and integration events \
            (GitHub, Okta) as CloudTrail Lake stores them (JSON Lines under CloudTrailLake/).
            """
    )

    @Option(name: .long, help: "Folder to write the trail into (an AWSLogs/ tree is created inside).")
    var out: String

    @Option(name: .long, help: "Number of days of events.")
    var days: Int = 30

    @Option(name: .long, help: "Events per day for the whole trail: all accounts and regions together.")
    var eventsPerDay: Int = 20_000

    @Option(name: .long, help: "Comma-separated regions; global services (IAM, STS, sign-in) log mostly to us-east-1.")
    var regions: String = SampleTrailSpec.defaultRegions.joined(separator: ",")

    @Option(name: .long, help: "Number of accounts.")
    var accounts: Int = 1

    @Option(name: .long, help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "First day of events (UTC), YYYY-MM-DD.")
    var start: String = "2022-01-01"

    @Option(name: .long, help: "Comma-separated kinds of records: cloudtrail (always), insights, config, integration.")
    var eventKinds: String = "cloudtrail"

    @Flag(name: .long, help: "S3 data events carry the bytes they moved (bytesTransferredIn/Out); default 0.")
    var s3TransferSizes = false

    @Option(
        name: .long,
        help: """
            Write only a listing of the trail bucket, no log files: s3-ls, list-objects-v2 or inventory \
            (one log file per account, region and five minutes, one digest per hour). --events-per-day is \
            then unused; sizes follow --gzip-bytes-per-day and --monthly-growth.
            """)
    var listingOnly: ListingSpec.Format?

    @Option(
        name: .long, help: "With --listing-only: gzip bytes the whole trail delivers on its first day (e.g. 1.3GB).")
    var gzipBytesPerDay: String = "1.3GB"

    @Option(name: .long, help: "With --listing-only: growth of the daily volume per month, e.g. 3%.")
    var monthlyGrowth: String = "0%"

    @Option(name: .long, help: "With --listing-only: an organization id (o-...) for an organization trail's keys.")
    var organization: String?

    func run() throws {
        let spec: SampleTrailSpec
        switch makeSpec() {
        case .success(let value): spec = value
        case .failure(let error):
            printError(error.description)
            throw ExitStatus.usage
        }
        if let listingOnly { return try writeListing(spec, format: listingOnly) }
        let showProgress = isatty(STDERR_FILENO) != 0
        let began = Date()
        let summary: SampleTrailSummary
        let progress: ((SampleTrailProgress) -> Void)? = showProgress ? { Self.showProgress($0) } : nil
        do throws(SampleTrailError) {
            summary = try SampleTrailGenerator.write(spec, to: URL(fileURLWithPath: out), progress: progress)
        } catch {
            if showProgress { printError("") }
            printError(error.description)
            throw ExitStatus.code(for: error)
        }
        if showProgress { printError("") }
        let seconds = Date().timeIntervalSince(began)
        print(
            "wrote \(summary.files) files, \(summary.events) events to \(out) in \(String(format: "%.1f", seconds)) s")
        print(
            "bytes: \(summary.compressedBytes) compressed, \(summary.uncompressedBytes) uncompressed "
                + "(ratio \(String(format: "%.2f", summary.compressionRatio)), \(String(format: "%.0f", summary.bytesPerEvent)) bytes/event)"
        )
        print("regions: " + summary.eventsPerRegion.map { "\($0.region) \($0.events)" }.joined(separator: ", "))
        print("eventSource/eventName pairs: \(summary.apiCount)")
        if !summary.eventsPerKind.isEmpty {
            print(
                "other kinds: "
                    + summary.eventsPerKind.map { "\($0.kind.rawValue) \($0.events)" }.joined(separator: ", "))
        }
    }

    private func writeListing(_ trail: SampleTrailSpec, format: ListingSpec.Format) throws {
        guard let perDay = ByteText.splitDecimalUnit(Substring(gzipBytesPerDay)),
            let number = Decimal(string: String(perDay.number)), number > 0
        else {
            throw ValidationError("--gzip-bytes-per-day \(gzipBytesPerDay): expected a size such as 1.3GB")
        }
        guard monthlyGrowth.hasSuffix("%"), let growth = Double(monthlyGrowth.dropLast()), growth > -100 else {
            throw ValidationError("--monthly-growth \(monthlyGrowth): expected a percentage such as 3%")
        }
        if let organization, !organization.hasPrefix("o-") {
            throw ValidationError("--organization \(organization): an organization id starts with o-")
        }
        let bytes = NSDecimalNumber(decimal: number * perDay.bytesPerUnit).int64Value
        let spec = ListingSpec(
            trail: trail, format: format, gzipBytesPerFirstDay: bytes, monthlyGrowth: growth / 100,
            organizationID: organization)
        let began = Date()
        let summary: ListingSummary
        do throws(SampleTrailError) {
            summary = try ListingGenerator.write(spec, to: URL(fileURLWithPath: out))
        } catch {
            printError(error.description)
            throw ExitStatus.code(for: error)
        }
        print(
            "wrote a listing (\(format.rawValue)) of \(summary.objects) objects (\(summary.logFiles) log files, \(summary.logBytes) gzip bytes; no log file written) in \(String(format: "%.1f", Date().timeIntervalSince(began))) s"
        )
        print(
            "import it: trailmeter ingest --listing \(summary.listingFiles.count == 1 ? summary.listingFiles[0] : (out as NSString).appendingPathComponent("list-objects-v2") + "/*.json") --store FILE"
        )
    }

    private func makeSpec() -> Result<SampleTrailSpec, SampleTrailError> {
        Result { () throws(SampleTrailError) -> SampleTrailSpec in
            var spec = SampleTrailSpec(
                days: days, eventsPerDay: eventsPerDay,
                regions: regions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                accounts: accounts, seed: seed, start: try TrailDate(parsing: start))
            spec.otherKinds = try SampleEventKind.parseList(eventKinds)
            spec.s3TransferSizes = s3TransferSizes
            try spec.validate()
            return spec
        }
    }

    private static func showProgress(_ progress: SampleTrailProgress) {
        let line =
            "\rday \(progress.daysDone)/\(progress.days): \(progress.summary.events) events, \(progress.summary.files) files"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func printError(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }
}

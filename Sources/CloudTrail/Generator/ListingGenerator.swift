import Deflate
import Foundation
import TrailMeterCore

/// A bucket listing to generate without writing any log file: the keys and sizes an
/// organization trail would hold, for loading and planning at scale and for volume history.
public struct ListingSpec: Sendable, Equatable {
    /// The listing formats `trailmeter ingest --listing` reads.
    public enum Format: String, Sendable, CaseIterable {
        case s3ls = "s3-ls"
        case listObjectsV2 = "list-objects-v2"
        case inventory
    }

    public var trail: SampleTrailSpec
    public var format: Format
    /// Gzip bytes the whole trail delivers on its first day.
    public var gzipBytesPerFirstDay: Int64
    /// Growth of the daily volume per month of 365/12 days (0.03 for 3%), compounded continuously over days.
    public var monthlyGrowth: Double
    /// `o-...` for an organization trail's keys (`AWSLogs/<org>/<account>/...`), nil for an account trail.
    public var organizationID: String?
    /// Day offsets (from the start) whose deliveries the listing leaves out.
    public var missingDays: Set<Int> = []

    public init(
        trail: SampleTrailSpec, format: Format, gzipBytesPerFirstDay: Int64, monthlyGrowth: Double,
        organizationID: String?
    ) {
        self.trail = trail
        self.format = format
        self.gzipBytesPerFirstDay = gzipBytesPerFirstDay
        self.monthlyGrowth = monthlyGrowth
        self.organizationID = organizationID
    }

    /// The gzip bytes the trail delivers on day `offset` (before per-file variation).
    public func dailyBytes(day offset: Int) -> Double {
        Double(gzipBytesPerFirstDay) * pow(1 + monthlyGrowth, Double(offset) / (365.0 / 12.0))
    }
}

/// What a generated listing holds.
public struct ListingSummary: Sendable, Equatable {
    /// Objects listed: log files and digest files.
    public var objects = 0
    public var logFiles = 0
    public var logBytes: Int64 = 0
    /// The files to give `ingest --listing`.
    public var listingFiles: [String] = []
}

/// Writes a listing of a trail bucket: one log file per account, region and five minutes (as
/// CloudTrail delivers), one digest file per account, region and hour, in the chosen format.
/// Sizes vary ±20% per file around the day's volume; the same spec writes the same bytes.
/// Text is streamed to disk in blocks, so a listing of millions of objects needs little memory.
public enum ListingGenerator {
    public static func write(_ spec: ListingSpec, to directory: URL) throws(SampleTrailError) -> ListingSummary {
        try spec.trail.validate()
        let folder = directory.path
        try makeFolder(folder)
        var sink = try ListingSink(spec.format, folder: folder)
        var summary = ListingSummary()
        let accounts = (0..<spec.trail.accounts).map { index in
            String(100_000_000_000 + Int(SplitMix64.mix(spec.trail.seed, UInt64(index)) % 899_999_999_999))
        }
        let startDay = CivilCalendar.daysSinceEpoch(
            year: spec.trail.start.year, month: spec.trail.start.month, day: spec.trail.start.day)
        let filesPerDay = Double(accounts.count * spec.trail.regions.count * 288)
        let prefix = "AWSLogs/" + (spec.organizationID.map { $0 + "/" } ?? "")
        for offset in 0..<spec.trail.days where !spec.missingDays.contains(offset) {
            let date = CivilCalendar.date(daysSinceEpoch: startDay + offset)
            let ymd = pad(date.year, 4) + "/" + pad(date.month, 2) + "/" + pad(date.day, 2)
            let stampDay = pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2)
            let isoDay = CivilCalendar.isoDate(year: date.year, month: date.month, day: date.day)
            let meanSize = spec.dailyBytes(day: offset) / filesPerDay
            for (accountIndex, account) in accounts.enumerated() {
                for (regionIndex, region) in spec.trail.regions.enumerated() {
                    var random = TrailRandom(
                        spec.trail.seed, UInt64(offset), UInt64(accountIndex), UInt64(regionIndex))
                    let folder = prefix + account + "/CloudTrail/" + region + "/" + ymd + "/"
                    let digestFolder = prefix + account + "/CloudTrail-Digest/" + region + "/" + ymd + "/"
                    for slot in 0..<288 {
                        let (hour, minute) = (slot / 12, slot % 12 * 5)
                        let stamp = stampDay + "T" + pad(hour, 2) + pad(minute, 2) + "Z"
                        let size = max(200, Int64(meanSize * (0.8 + 0.4 * random.unit())))
                        let key =
                            folder + account + "_CloudTrail_" + region + "_" + stamp + "_" + fileID(&random)
                            + ".json.gz"
                        let modified = isoDay + " " + pad(hour, 2) + ":" + pad(minute, 2) + ":07"
                        try sink.add(key: key, size: size, modified: modified)
                        summary.logFiles += 1
                        summary.logBytes += size
                        if minute == 0 {
                            let digest =
                                digestFolder + account + "_CloudTrail-Digest_" + region + "_trail_" + region + "_"
                                + stamp + ".json.gz"
                            try sink.add(key: digest, size: 1_000 + Int64(random.below(400)), modified: modified)
                        }
                    }
                }
            }
        }
        summary.listingFiles = try sink.finish()
        summary.objects = sink.objects
        return summary
    }

    private static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private static func fileID(_ random: inout TrailRandom) -> String {
        String(decoding: (0..<16).map { _ in idAlphabet[random.below(idAlphabet.count)] }, as: UTF8.self)
    }

    private static func pad(_ value: Int, _ width: Int) -> String { CivilCalendar.zeroPadded(value, width: width) }

    static func makeFolder(_ path: String) throws(SampleTrailError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .cannotCreateDirectory(path: path, errno: errno)
        }
    }
}

/// Writes listing entries in one format, in blocks.
struct ListingSink {
    let format: ListingSpec.Format
    let folder: String
    private(set) var objects = 0
    private var buffer: [UInt8] = []
    private var handle: FileHandle?
    private var files: [String] = []
    private var entriesInFile = 0
    /// list-objects-v2 returns at most 1,000 keys a page; inventories split data files.
    private var entriesPerFile: Int { format == .listObjectsV2 ? 1_000 : format == .inventory ? 250_000 : .max }

    init(_ format: ListingSpec.Format, folder: String) throws(SampleTrailError) {
        self.format = format
        self.folder = folder
        if format == .inventory { try ListingGenerator.makeFolder(folder + "/inventory/data") }
        if format == .listObjectsV2 { try ListingGenerator.makeFolder(folder + "/list-objects-v2") }
    }

    mutating func add(key: String, size: Int64, modified: String) throws(SampleTrailError) {
        if entriesInFile == entriesPerFile { try closeFile() }
        if entriesInFile == 0 { try openFile() }
        switch format {
        case .s3ls:
            let sizeText = String(size)
            buffer += Array(modified.utf8) + Array(String(repeating: " ", count: max(1, 11 - sizeText.count)).utf8)
            buffer += Array(sizeText.utf8) + [32] + Array(key.utf8) + [10]
        case .listObjectsV2:
            let time = modified.replacingOccurrences(of: " ", with: "T") + "+00:00"
            buffer += Array(
                ((entriesInFile == 0 ? "" : ",\n")
                    + "        {\n            \"Key\": \"\(key)\",\n            \"LastModified\": \"\(time)\",\n"
                    + "            \"ETag\": \"\\\"\(String(size, radix: 16))\\\"\",\n            \"Size\": \(size),\n"
                    + "            \"StorageClass\": \"STANDARD\"\n        }").utf8)
        case .inventory:
            let time = modified.replacingOccurrences(of: " ", with: "T") + ".000Z"
            buffer += Array("\"trail-bucket\",\"\(key)\",\"\(size)\",\"\(time)\"\n".utf8)
        }
        entriesInFile += 1
        objects += 1
        if buffer.count >= 1 << 20, format == .s3ls { try flush() }
    }

    private mutating func openFile() throws(SampleTrailError) {
        let path: String
        switch format {
        case .s3ls: path = folder + "/listing.txt"
        case .listObjectsV2:
            path = folder + "/list-objects-v2/page-" + CivilCalendar.zeroPadded(files.count + 1, width: 5) + ".json"
            buffer += Array("{\n    \"Contents\": [\n".utf8)
        case .inventory:
            path = folder + "/inventory/data/part-" + CivilCalendar.zeroPadded(files.count + 1, width: 5) + ".csv.gz"
        }
        files.append(path)
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw .cannotWriteFile(path: path, errno: errno) }
        self.handle = handle
    }

    private mutating func flush() throws(SampleTrailError) {
        guard let handle, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw .cannotWriteFile(path: files.last!, errno: errno) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func closeFile() throws(SampleTrailError) {
        guard handle != nil else { return }
        switch format {
        case .s3ls: break
        case .listObjectsV2:
            buffer += Array("\n    ],\n    \"KeyCount\": \(entriesInFile),\n    \"RequestCharged\": null\n}\n".utf8)
        case .inventory:
            buffer = buffer.withUnsafeBytes { Gzip.compress($0) }
        }
        try flush()
        try? handle?.close()
        handle = nil
        entriesInFile = 0
    }

    /// Closes the last file; for an inventory, writes the manifest. Returns the files to import.
    mutating func finish() throws(SampleTrailError) -> [String] {
        try closeFile()
        guard format == .inventory else { return files }
        let names = files.map {
            "{\"key\": \"inventory/data/\(($0 as NSString).lastPathComponent)\", \"size\": 0, \"MD5checksum\": \"\"}"
        }
        let manifest = """
            {
              "sourceBucket": "trail-bucket",
              "destinationBucket": "arn:aws:s3:::inventory-bucket",
              "version": "2016-11-30",
              "fileFormat": "CSV",
              "fileSchema": "Bucket, Key, Size, LastModifiedDate",
              "files": [\(names.joined(separator: ",\n    "))]
            }

            """
        try ListingGenerator.makeFolder(folder + "/inventory/manifest")
        let path = folder + "/inventory/manifest/manifest.json"
        guard FileManager.default.createFile(atPath: path, contents: Data(manifest.utf8)) else {
            throw .cannotWriteFile(path: path, errno: errno)
        }
        return [path]
    }
}

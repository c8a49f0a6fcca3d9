import Foundation
import TrailMeterCore

/// Where a log file sits in a trail bucket: the partition keys its S3 key gives it.
public struct LogFileLocation: Sendable, Equatable {
    /// Path as found on disk.
    public let path: String
    /// The S3 key from `AWSLogs/` on, when the path follows the trail layout.
    public let s3Key: String?
    /// Organization id for organization trails (`AWSLogs/<org-id>/<account>/...`).
    public let organizationID: String?
    /// Account id from the key (or the file name), if known.
    public let account: String?
    /// Region from the key (or the file name), if known.
    public let region: String?
    /// Delivery day as Athena's projection spells it (`yyyy/MM/dd`), if known.
    public let day: String?
    /// Delivery time from a CloudTrail file name (`20220122T0505Z`), used to read files in time order.
    public let deliveryStamp: String?

    /// `deliveryStamp` in milliseconds since 1970 (nil when the name carries none).
    public var deliveredMs: Int64? { deliveryStamp.flatMap(Self.milliseconds(ofStamp:)) }

    /// Milliseconds for a file name's stamp, `yyyyMMdd'T'HHmm'Z'` (UTC), nil when it is not one.
    public static func milliseconds(ofStamp stamp: some StringProtocol) -> Int64? {
        let digits = Array(stamp.utf8)
        guard digits.count == 14, digits[8] == UInt8(ascii: "T"), digits[13] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in digits[range] {
                guard byte &- 0x30 < 10 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13),
            (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day), hour < 24,
            minute < 60
        else { return nil }
        let days = Int64(CivilCalendar.daysSinceEpoch(year: year, month: month, day: day))
        return (days * 86_400 + Int64(hour * 3_600 + minute * 60)) * 1_000
    }
}

/// The files an ingest will read, and what it passed over.
public struct LogFileInventory: Sendable {
    /// Log files to read, in delivery-time order (then path), so that events arrive roughly sorted.
    public var logFiles: [LogFileLocation] = []
    /// Files passed over on purpose (digest files and other objects), with the reason.
    public var passedOver: [(path: String, reason: String)] = []
    /// Paths that could not be listed.
    public var errors: [LogFileError] = []
}

/// Finds CloudTrail log files under folders laid out as `aws s3 sync` copies a trail bucket.
public enum LogFileDiscovery {
    /// Lists `paths` (folders are walked; files are taken as given). A path that cannot be
    /// followed (a symbolic-link loop, a missing file) is reported with the system's reason, and
    /// one that is not a regular file (a FIFO, a device) is refused by its type, unopened.
    public static func inventory(of paths: [String]) -> LogFileInventory {
        var inventory = LogFileInventory()
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                inventory.errors.append(LogFileError(path: path, problem: .unreadable(systemMessage())))
                continue
            }
            if (status.st_mode & S_IFMT) != S_IFDIR {
                if let kind = ReadableFile.kindIfNotRegular(status.st_mode) {
                    inventory.errors.append(LogFileError(path: path, problem: .notRegularFile(kind: kind)))
                } else {
                    inventory.logFiles.append(location(of: path))
                }
                continue
            }
            var walk = FolderWalk(root: path)
            guard walk.walk(relative: "", status: status) else {
                inventory.errors.append(
                    LogFileError(path: path, problem: .unreadable("cannot list the folder: \(systemMessage())")))
                continue
            }
            inventory.errors += walk.errors
            for (full, outcome) in classify(walk.found.sorted(by: { $0.relative < $1.relative }), under: path) {
                switch outcome {
                case .success(let location): inventory.logFiles.append(location)
                case .failure(let reason): inventory.passedOver.append((full, reason.text))
                }
            }
        }
        inventory.logFiles.sort { ($0.deliveryStamp ?? "", $0.path) < ($1.deliveryStamp ?? "", $1.path) }
        return inventory
    }

    private struct PassOver: Error {
        let text: String
    }

    /// Each file found under `root`: its full path, and its location or why it is passed over.
    /// On all cores: a trail of many small deliveries has many thousand names to read, and
    /// nothing else runs until they are.
    private static func classify(_ found: [(relative: String, kind: String?)], under root: String) -> [(
        String, Result<LogFileLocation, PassOver>
    )] {
        let workers = found.count < 1024 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        return Parallel.map(found, workers: workers) { relative, kind in
            let full = (root as NSString).appendingPathComponent(relative)
            if let kind { return (full, .failure(PassOver(text: "not a regular file (\(kind))"))) }
            if let reason = reasonToPassOver(relative) { return (full, .failure(PassOver(text: reason))) }
            return (full, .success(location(of: full)))
        }
    }

    /// The system's message for the last failed call.
    static func systemMessage() -> String { String(cString: strerror(errno)) }

    /// The folders a trail delivers events to: its events, and its Insights events.
    static let trailFolders: Set<Substring> = ["CloudTrail", "CloudTrail-Insight"]

    /// Why a file found while walking a folder is not a log file, or nil when it is one.
    public static func reasonToPassOver(_ relativePath: String) -> String? {
        let components = pathComponents(relativePath)
        let name = components.last ?? relativePath
        if components.contains("CloudTrail-Digest") { return "digest file" }
        if name.hasPrefix(".") { return "hidden file" }
        let lower = name.lowercased()
        let logSuffixes = [".json.gz", ".json", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".gz"]
        guard logSuffixes.contains(where: { lower.hasSuffix($0) }) else { return "not a log file (by its name)" }
        if let index = components.firstIndex(of: "AWSLogs"), index + 2 < components.count {
            let service = components.dropFirst(index + 1).first { !isNumber($0) && !$0.hasPrefix("o-") }
            if let service, !trailFolders.contains(Substring(service)) {
                return "\(service) object, not a CloudTrail log"
            }
        }
        return nil
    }

    /// Partition keys for a path: from `AWSLogs/[<org>/]<account>/CloudTrail/<region>/YYYY/MM/DD/`
    /// (or `CloudTrail-Insight/`) when present, else from a CloudTrail file name
    /// `<account>_CloudTrail_<region>_<stamp>_<id>` (or `_CloudTrail-Insight_`).
    public static func location(of path: String) -> LogFileLocation {
        let components = pathComponents(path)
        let name = components.last ?? path
        let fromName = nameParts(name)
        if let logs = components.lastIndex(of: "AWSLogs") {
            var rest = Array(components[(logs + 1)...])
            var organization: String?
            if rest.count > 1, rest[0].hasPrefix("o-") { organization = rest.removeFirst() }
            if rest.count >= 7, trailFolders.contains(Substring(rest[1])),
                rest[3].count == 4, rest[4].count == 2, rest[5].count == 2,
                [rest[3], rest[4], rest[5]].allSatisfy(isNumber)
            {
                return LogFileLocation(
                    path: path, s3Key: components[logs...].joined(separator: "/"), organizationID: organization,
                    account: rest[0], region: rest[2], day: "\(rest[3])/\(rest[4])/\(rest[5])",
                    deliveryStamp: fromName?.stamp)
            }
        }
        return LogFileLocation(
            path: path, s3Key: nil, organizationID: nil, account: fromName?.account, region: fromName?.region,
            day: fromName.map {
                "\($0.stamp.prefix(4))/\($0.stamp.dropFirst(4).prefix(2))/\($0.stamp.dropFirst(6).prefix(2))"
            },
            deliveryStamp: fromName?.stamp)
    }

    /// `text` cut at each `separator` byte (empty pieces dropped), as S3 cuts keys: cutting the
    /// UTF-8 bytes rather than the Characters keeps listing many thousand files cheap.
    static func pathComponents(_ text: String, separator: UInt8 = UInt8(ascii: "/")) -> [String] {
        text.utf8.split(separator: separator).map { String(decoding: $0, as: UTF8.self) }
    }

    /// True when every Character of `text` is a number: ASCII digits are checked as bytes, and
    /// only other text pays for reading Characters.
    static func isNumber(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 &- 0x30 < 10 } || text.allSatisfy(\.isNumber)
    }

    /// The trail folder a log file was delivered to (`CloudTrail` for events, `CloudTrail-Insight`
    /// for Insights events), from its `AWSLogs/[<org>/]<account>/<folder>/` path or else its
    /// CloudTrail file name; nil when neither tells.
    public static func trailFolder(ofPath path: String) -> String? {
        // Bytes, not Characters: the catalog asks this of every file each time a store is opened.
        let components = path.utf8.split(separator: UInt8(ascii: "/"))
        if let logs = components.lastIndex(where: { $0.elementsEqual("AWSLogs".utf8) }) {
            var rest = components[(logs + 1)...].dropLast()
            if let first = rest.first, first.starts(with: "o-".utf8) { rest = rest.dropFirst() }
            if let folder = rest.dropFirst().first, let name = trailFolderName(folder) { return name }
        }
        guard let last = components.last else { return nil }
        let parts = last.split(separator: UInt8(ascii: "_"), maxSplits: 5)
        return parts.count >= 5 ? trailFolderName(parts[1]) : nil
    }

    private static func trailFolderName(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        if bytes.elementsEqual("CloudTrail".utf8) { return "CloudTrail" }
        if bytes.elementsEqual("CloudTrail-Insight".utf8) { return "CloudTrail-Insight" }
        return nil
    }

    private static func nameParts(_ name: String) -> (account: String, region: String, stamp: String)? {
        let parts = pathComponents(name, separator: UInt8(ascii: "_"))
        guard parts.count >= 5, trailFolders.contains(Substring(parts[1])), parts[0].count == 12,
            isNumber(parts[0]),
            parts[3].count == 14, parts[3].hasSuffix("Z")
        else { return nil }
        return (String(parts[0]), String(parts[2]), String(parts[3]))
    }
}

/// Lists the files under a folder with readdir (Foundation's enumerator costs more than reading
/// the files for a trail of many small deliveries). Symbolic links are followed, each folder
/// once (a link back to an ancestor is not walked again); links that cannot be followed are
/// reported, and files that are not regular files are listed with their kind, to be passed over.
struct FolderWalk {
    let root: String
    /// Paths relative to `root`, with the kind of file when it is not a regular one.
    var found: [(relative: String, kind: String?)] = []
    var errors: [LogFileError] = []
    private var visited: Set<[UInt64]> = []

    init(root: String) { self.root = root }

    mutating func walk(relative: String, status: stat) -> Bool {
        guard visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else { return true }
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            if Int32(entry.pointee.d_type) == Int32(DT_REG) {
                found.append((child, nil))
                continue
            }
            var status = stat()
            guard stat(root + "/" + child, &status) == 0 else {
                errors.append(
                    LogFileError(path: root + "/" + child, problem: .unreadable(LogFileDiscovery.systemMessage())))
                continue
            }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                if !walk(relative: child, status: status) {
                    errors.append(
                        LogFileError(
                            path: root + "/" + child,
                            problem: .unreadable("cannot list the folder: \(LogFileDiscovery.systemMessage())")))
                }
            } else {
                found.append((child, ReadableFile.kindIfNotRegular(status.st_mode)))
            }
        }
        return true
    }
}

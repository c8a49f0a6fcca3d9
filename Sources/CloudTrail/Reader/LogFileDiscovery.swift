import Foundation

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
    /// Lists `paths` (folders are walked; files are taken as given).
    public static func inventory(of paths: [String]) -> LogFileInventory {
        var inventory = LogFileInventory()
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                inventory.errors.append(LogFileError(path: path, problem: .unreadable("no such file or directory")))
                continue
            }
            if !isDirectory.boolValue {
                inventory.logFiles.append(location(of: path))
                continue
            }
            var found: [String] = []
            guard walk(path, relative: "", into: &found) else {
                inventory.errors.append(LogFileError(path: path, problem: .unreadable("cannot list the folder")))
                continue
            }
            for relative in found.sorted() {
                let full = (path as NSString).appendingPathComponent(relative)
                if let reason = reasonToPassOver(relative) {
                    inventory.passedOver.append((full, reason))
                } else {
                    inventory.logFiles.append(location(of: full))
                }
            }
        }
        inventory.logFiles.sort { ($0.deliveryStamp ?? "", $0.path) < ($1.deliveryStamp ?? "", $1.path) }
        return inventory
    }

    /// Lists the regular files under `root` (paths relative to it) with readdir: Foundation's
    /// enumerator costs more than reading the files for a trail of many small deliveries.
    private static func walk(_ root: String, relative: String, into found: inout [String]) -> Bool {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var status = stat()
                guard stat(root + "/" + child, &status) == 0 else { continue }
                type = (status.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
            }
            if type == Int32(DT_DIR) {
                _ = walk(root, relative: child, into: &found)
            } else if type == Int32(DT_REG) {
                found.append(child)
            }
        }
        return true
    }

    /// The folders a trail delivers events to: its events, and its Insights events.
    static let trailFolders: Set<Substring> = ["CloudTrail", "CloudTrail-Insight"]

    /// Why a file found while walking a folder is not a log file, or nil when it is one.
    public static func reasonToPassOver(_ relativePath: String) -> String? {
        let components = relativePath.split(separator: "/")
        let name = components.last.map(String.init) ?? relativePath
        if components.contains("CloudTrail-Digest") { return "digest file" }
        if name.hasPrefix(".") { return "hidden file" }
        let lower = name.lowercased()
        let logSuffixes = [".json.gz", ".json", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".gz"]
        guard logSuffixes.contains(where: { lower.hasSuffix($0) }) else { return "not a log file (by its name)" }
        if let index = components.firstIndex(of: "AWSLogs"), index + 2 < components.count {
            let service = components.dropFirst(index + 1).first { !$0.allSatisfy(\.isNumber) && !$0.hasPrefix("o-") }
            if let service, !trailFolders.contains(service) { return "\(service) object, not a CloudTrail log" }
        }
        return nil
    }

    /// Partition keys for a path: from `AWSLogs/[<org>/]<account>/CloudTrail/<region>/YYYY/MM/DD/`
    /// (or `CloudTrail-Insight/`) when present, else from a CloudTrail file name
    /// `<account>_CloudTrail_<region>_<stamp>_<id>` (or `_CloudTrail-Insight_`).
    public static func location(of path: String) -> LogFileLocation {
        let components = path.split(separator: "/").map(String.init)
        let name = components.last ?? path
        let fromName = nameParts(name)
        if let logs = components.lastIndex(of: "AWSLogs") {
            var rest = Array(components[(logs + 1)...])
            var organization: String?
            if rest.count > 1, rest[0].hasPrefix("o-") { organization = rest.removeFirst() }
            if rest.count >= 7, trailFolders.contains(Substring(rest[1])),
                rest[3].count == 4, rest[4].count == 2, rest[5].count == 2,
                [rest[3], rest[4], rest[5]].allSatisfy({ $0.allSatisfy(\.isNumber) })
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

    private static func nameParts(_ name: String) -> (account: String, region: String, stamp: String)? {
        let parts = name.split(separator: "_")
        guard parts.count >= 5, trailFolders.contains(parts[1]), parts[0].count == 12, parts[0].allSatisfy(\.isNumber),
            parts[3].count == 14, parts[3].hasSuffix("Z")
        else { return nil }
        return (String(parts[0]), String(parts[2]), String(parts[3]))
    }
}

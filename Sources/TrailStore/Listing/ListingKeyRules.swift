import CloudTrail
import Foundation

/// Ingest's key rules (`LogFileDiscovery.reasonToPassOver` and `location(of:)`) applied to the
/// keys of a listing at the cost of a lookup by folder per key.
///
/// A bucket holds thousands of log files per folder. What the rules say about a key depends on
/// its folder alone when the file name is a plain log name (no leading dot, ending `.json.gz`)
/// and either the folder follows the trail layout (`AWSLogs/[org/]account/CloudTrail/region/
/// yyyy/MM/dd/`: the partition keys come from the folder, and the name can be neither the
/// service folder nor a digest folder) or the rules pass the folder's files over whatever their
/// plain name (a digest or another service's folder, unless the name is what names the service).
/// So the rules are asked once per folder,
/// with such a name, and their answer reused for every such key in it; any other key is given
/// to the rules whole.
struct ListingKeyRules {
    enum Verdict {
        /// A folder marker (the key ends with `/`): no object.
        case folder
        case passOver(reason: String)
        /// A log file: its S3 key (from `AWSLogs/` on) is in `s3Key`.
        case logFile(PartitionKey)
    }

    /// What the rules said of a plain name in a folder: a reason to pass it over, or the
    /// partition and the folder's S3 key; nil when the name itself matters (then keys are
    /// classified whole).
    private enum FolderVerdict {
        case passOver(String)
        case logFolder(PartitionKey, s3Folder: [UInt8])
    }

    /// Verdicts by folder (`/` included). Bounded: a listing in time order rather than key
    /// order visits a few folders by turns, never all of them at once.
    private var folders: [[UInt8]: FolderVerdict?] = [:]
    private static let foldersKept = 4096
    /// The last log file's S3 key, valid until the next call.
    private(set) var s3Key: [UInt8] = []
    /// The folder of the last key and its verdict: most keys share their predecessor's.
    private var lastFolder: [UInt8] = []
    private var lastVerdict: FolderVerdict?

    private static let probeName = "111122223333_CloudTrail_us-east-1_20220101T0000Z_probe.json.gz"
    private static let plainSuffix = Array(".json.gz".utf8)

    mutating func classify(_ key: UnsafeRawBufferPointer) -> Verdict {
        var nameStart = key.count
        while nameStart > 0, key[nameStart - 1] != UInt8(ascii: "/") { nameStart -= 1 }
        if nameStart == key.count { return .folder }
        let name = UnsafeRawBufferPointer(rebasing: key[nameStart...])
        guard name[0] != UInt8(ascii: "."), name.count > Self.plainSuffix.count,
            name.suffix(Self.plainSuffix.count).elementsEqual(Self.plainSuffix)
        else { return classifyWhole(key) }
        let folderBytes = UnsafeRawBufferPointer(rebasing: key[..<nameStart])
        let sameFolder =
            folderBytes.count == lastFolder.count
            && (lastFolder.isEmpty
                || lastFolder.withUnsafeBytes {
                    memcmp($0.baseAddress!, folderBytes.baseAddress!, lastFolder.count) == 0
                })
        if !sameFolder {
            lastFolder = Array(folderBytes)
            if let known = folders[lastFolder] {
                lastVerdict = known
            } else {
                if folders.count >= Self.foldersKept { folders.removeAll(keepingCapacity: true) }
                lastVerdict = Self.verdict(folder: folderBytes)
                folders[lastFolder] = lastVerdict
            }
        }
        switch lastVerdict {
        case nil: return classifyWhole(key)
        case .passOver(let reason): return .passOver(reason: reason)
        case .logFolder(let partition, let s3Folder):
            s3Key.removeAll(keepingCapacity: true)
            s3Key.append(contentsOf: s3Folder)
            s3Key.append(contentsOf: name)
            return .logFile(partition)
        }
    }

    /// What the rules say of a plain log name in `folder`.
    private static func verdict(folder: UnsafeRawBufferPointer) -> FolderVerdict? {
        let probe = String(decoding: folder, as: UTF8.self) + probeName
        if let reason = LogFileDiscovery.reasonToPassOver(probe) {
            // A name taken for the service folder (`AWSLogs/123/name`) makes the reason the name's.
            return reason.contains(probeName) ? nil : .passOver(reason)
        }
        let location = LogFileDiscovery.location(of: probe)
        guard let probeKey = location.s3Key, probeKey.hasSuffix("/" + probeName) else { return nil }
        return .logFolder(PartitionKey(location), s3Folder: Array(probeKey.utf8.dropLast(probeName.utf8.count)))
    }

    private mutating func classifyWhole(_ key: UnsafeRawBufferPointer) -> Verdict {
        let text = String(decoding: key, as: UTF8.self)
        if let reason = LogFileDiscovery.reasonToPassOver(text) { return .passOver(reason: reason) }
        let location = LogFileDiscovery.location(of: text)
        s3Key = Array((location.s3Key ?? text).utf8)
        return .logFile(PartitionKey(location))
    }
}

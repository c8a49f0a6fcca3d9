import SQLite
import TrailStore

/// Files known only from a bucket listing, measured against bounds on `"$path"`: a listing holds
/// each object's key, so a `"$path"` bound skips listed objects as it skips ingested files. The
/// keys are read from `listed_files` (keyed by `s3_key`) one partition group at a time, and only
/// for groups whose paths the bounds can reach.
final class ListedPaths {
    private let keysUnder: Statement

    init(connection: Connection) throws(MeteringError) {
        do {
            keysUnder = try connection.prepare(
                "SELECT s3_key, bytes FROM listed_files WHERE s3_key >= ? AND s3_key < ?")
        } catch {
            throw .store("cannot prepare listed key reads: \(error.message)")
        }
    }

    /// What the listed files of `group` that `bounds` admit add up to. `listedBytes` is the
    /// group's listed bytes; `uncertain` counts listed files whose keys could not be checked
    /// (a group without a known key prefix, or keys found elsewhere), which are kept.
    struct Admitted {
        var files = 0
        var bytes: Int64 = 0
        var uncertain = 0
    }

    func admitted(
        _ group: PartitionGroup, listedBytes: Int64, bounds: [PushedBound], objectPrefix: String
    ) throws(MeteringError) -> Admitted {
        guard group.listed > 0 else { return Admitted() }
        guard let key = group.partitionKey else {
            return Admitted(files: group.listed, bytes: listedBytes, uncertain: group.listed)
        }
        let keyPrefix = key.keyPrefix
        let low = Array((objectPrefix + keyPrefix).utf8)
        if !bounds.allSatisfy({ $0.admitsRange(low, low + [0xFF]) }) { return Admitted() }
        var result = Admitted()
        var found = 0
        var foundBytes: Int64 = 0
        do throws(SQLiteError) {
            try keysUnder.bind([.text(keyPrefix), .text(key.keyPrefixEnd)])
            defer { keysUnder.reset() }
            while try keysUnder.step() {
                let bytes = keysUnder.int64(at: 1)
                found += 1
                foundBytes += bytes
                let path = Array((objectPrefix + (keysUnder.text(at: 0) ?? "")).utf8)
                guard path.withUnsafeBytes({ text in bounds.allSatisfy { $0.admits(text) } }) else { continue }
                result.files += 1
                result.bytes += bytes
            }
        } catch {
            throw .store("reading listed keys under \(keyPrefix): \(error.message)")
        }
        if found < group.listed {
            result.uncertain = group.listed - found
            result.files += result.uncertain
            result.bytes += max(0, listedBytes - foundBytes)
        }
        return result
    }
}

extension PartitionGroup {
    /// The group's key, whose `keyPrefix` every file of the group shares; nil when a part of the
    /// key prefix is unknown.
    var partitionKey: PartitionKey? {
        guard let day = partitionValues[0], let region = partitionValues[1], let account = partitionValues[5],
            let folder
        else { return nil }
        return PartitionKey(
            organizationID: organizationID, account: String(decoding: account, as: UTF8.self),
            region: String(decoding: region, as: UTF8.self), day: String(decoding: day, as: UTF8.self),
            folder: folder)
    }
}

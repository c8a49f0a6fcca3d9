import CloudTrail
import TrailStore

/// The catalog's files of one `PartitionKey` (organization, account, region, delivery day, trail
/// folder), summed: what the raw layout's plan and an Athena table's location need, whether the
/// files were ingested in full or only listed.
struct PartitionGroup {
    /// Values of `LayoutColumns.partitionNames` (timestamp, region, year, month, day, account).
    let partitionValues: [[UInt8]?]
    /// The organization trail and the trail folder its files were delivered to (nil: unknown).
    let organizationID: String?
    let folder: String?
    let files: Int
    let bytes: Int64
    let events: Int64
    /// Files known only from a listing, and files whose bytes are an estimated gzip size.
    let listed: Int
    let estimated: Int

    /// The partition column values of a file with these keys (nil where the key is unknown).
    static func partitionValues(day: String?, region: String?, account: String?) -> [[UInt8]?] {
        let dayBytes = day.map { Array($0.utf8) }
        func part(_ range: Range<Int>) -> [UInt8]? {
            guard let dayBytes, dayBytes.count == 10 else { return nil }
            return Array(dayBytes[range])
        }
        return [
            dayBytes, region.map { Array($0.utf8) }, part(0..<4), part(5..<7), part(8..<10),
            account.map { Array($0.utf8) },
        ]
    }

    /// The groups of the files ingested in full (summed here: a sample is small) and of the
    /// listed ones (summed in the store): the listed partitions in the store's order (merged with
    /// the ingested files of the same key), then the other ingested files' groups in key order.
    /// Neither millions of listed rows nor their thousands of partitions are hashed or sorted here.
    /// With them, the index of each file's group.
    static func groups(files: [CatalogFile], listed: [ListedPartition]) -> (groups: [PartitionGroup], ofFile: [Int]) {
        typealias Sum = (files: Int, bytes: Int64, events: Int64, listed: Int, estimated: Int)
        var ingested: [PartitionKey: Sum] = [:]
        var fileKeys: [PartitionKey] = []
        fileKeys.reserveCapacity(files.count)
        for file in files {
            let key = PartitionKey(
                organizationID: file.organizationID, account: file.account, region: file.region, day: file.day,
                folder: LogFileDiscovery.trailFolder(ofPath: file.s3Key ?? file.path))
            fileKeys.append(key)
            ingested[key, default: (0, 0, 0, 0, 0)].files += 1
            ingested[key, default: (0, 0, 0, 0, 0)].bytes += file.compressedBytes
            ingested[key, default: (0, 0, 0, 0, 0)].events += file.events
            if file.sizeEstimated { ingested[key, default: (0, 0, 0, 0, 0)].estimated += 1 }
        }
        var groups: [PartitionGroup] = []
        groups.reserveCapacity(listed.count + ingested.count)
        var groupOfKey: [PartitionKey: Int] = [:]
        for partition in listed {
            var sum = ingested.isEmpty ? nil : ingested.removeValue(forKey: partition.key)
            if sum != nil { groupOfKey[partition.key] = groups.count }
            sum = sum ?? (0, 0, 0, 0, 0)
            sum!.files += Int(partition.files)
            sum!.bytes += partition.bytes
            sum!.listed += Int(partition.files)
            groups.append(group(partition.key, sum!))
        }
        for (key, sum) in ingested.sorted(by: { $0.key < $1.key }) {
            groupOfKey[key] = groups.count
            groups.append(group(key, sum))
        }
        return (groups, fileKeys.map { groupOfKey[$0]! })
    }

    /// This group with other sums (its keys unchanged).
    func with(files: Int, bytes: Int64, events: Int64, listed: Int, estimated: Int) -> PartitionGroup {
        PartitionGroup(
            partitionValues: partitionValues, organizationID: organizationID, folder: folder, files: files,
            bytes: bytes, events: events, listed: listed, estimated: estimated)
    }

    private static func group(
        _ key: PartitionKey, _ sum: (files: Int, bytes: Int64, events: Int64, listed: Int, estimated: Int)
    ) -> PartitionGroup {
        func known(_ text: String) -> String? { text.isEmpty ? nil : text }
        return PartitionGroup(
            partitionValues: partitionValues(
                day: known(key.day), region: known(key.region), account: known(key.account)),
            organizationID: known(key.organizationID), folder: known(key.folder), files: sum.files, bytes: sum.bytes,
            events: sum.events, listed: sum.listed, estimated: sum.estimated)
    }
}

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
        // One slot per key of the ingested files, found with one hash per file.
        var slotOfKey: [PartitionKey: Int] = [:]
        var slots: [(key: PartitionKey, sum: Sum)] = []
        var slotOfFile: [Int] = []
        slotOfFile.reserveCapacity(files.count)
        for file in files {
            let key = PartitionKey(
                organizationID: file.organizationID, account: file.account, region: file.region, day: file.day,
                folder: LogFileDiscovery.trailFolder(ofPath: file.s3Key ?? file.path))
            let slot: Int
            if let known = slotOfKey[key] {
                slot = known
            } else {
                slot = slots.count
                slotOfKey[key] = slot
                slots.append((key, (0, 0, 0, 0, 0)))
            }
            slotOfFile.append(slot)
            slots[slot].sum.files += 1
            slots[slot].sum.bytes += file.compressedBytes
            slots[slot].sum.events += file.events
            if file.sizeEstimated { slots[slot].sum.estimated += 1 }
        }
        var groups: [PartitionGroup] = []
        groups.reserveCapacity(listed.count + slots.count)
        var groupOfSlot = [Int](repeating: 0, count: slots.count)
        for partition in listed {
            var sum: Sum = (0, 0, 0, 0, 0)
            if !slotOfKey.isEmpty, let slot = slotOfKey.removeValue(forKey: partition.key) {
                sum = slots[slot].sum
                groupOfSlot[slot] = groups.count
            }
            sum.files += Int(partition.files)
            sum.bytes += partition.bytes
            sum.listed += Int(partition.files)
            groups.append(group(partition.key, sum))
        }
        for slot in slotOfKey.values.sorted(by: { slots[$0].key < slots[$1].key }) {
            groupOfSlot[slot] = groups.count
            groups.append(group(slots[slot].key, slots[slot].sum))
        }
        return (groups, slotOfFile.map { groupOfSlot[$0] })
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

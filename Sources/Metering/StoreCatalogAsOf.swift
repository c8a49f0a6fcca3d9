import TrailStore

extension StoreCatalog {
    /// This catalog as the bucket and the event data store stood at `instant` (milliseconds
    /// since 1970): the files delivered by then (`deliveredMs`; files nothing dates are
    /// kept), the listed partitions as `listed` gives them (`listedPartitions` cut by
    /// `ListedDeliveries.cut`, one for one), and the segments begun before then. Derived from the
    /// sums already made, so a calibration can cut the catalog once per execution.
    func asOf(_ instant: Int64, listed: [ListedPartition]) -> StoreCatalog {
        precondition(listed.count == listedPartitions.count, "a cut of this catalog's listed partitions")
        var sums = partitionGroups.indices.map { index in
            index < listed.count
                ? (
                    files: Int(listed[index].files), bytes: listed[index].bytes, events: Int64(0),
                    listed: Int(listed[index].files), estimated: 0
                )
                : (files: 0, bytes: Int64(0), events: Int64(0), listed: 0, estimated: 0)
        }
        var keptFiles: [File] = []
        var keptGroups: [Int] = []
        for (index, file) in files.enumerated() where (deliveredMs[index] ?? instant) <= instant {
            let group = fileGroup[index]
            sums[group].files += 1
            sums[group].bytes += file.compressedBytes
            sums[group].events += file.events
            if file.isSizeEstimated { sums[group].estimated += 1 }
            keptFiles.append(file)
            keptGroups.append(group)
        }
        // Groups left with no file are dropped; the listed ones stay first, in their order.
        var renumbered = [Int](repeating: -1, count: partitionGroups.count)
        var groups: [PartitionGroup] = []
        var keptListed: [ListedPartition] = []
        for (index, group) in partitionGroups.enumerated() where sums[index].files > 0 {
            renumbered[index] = groups.count
            let sum = sums[index]
            groups.append(
                group.with(
                    files: sum.files, bytes: sum.bytes, events: sum.events, listed: sum.listed,
                    estimated: sum.estimated))
            if index < listed.count { keptListed.append(listed[index]) }
        }
        return StoreCatalog(
            path: path, files: keptFiles, fileGroup: keptGroups.map { renumbered[$0] }, partitionGroups: groups,
            listedPartitions: keptListed, segments: segments.filter { $0.bucketStartMs < instant })
    }
}

import CloudTrail
import SQLite
import TrailMeterCore

/// When log files reached the bucket, and the delivery days of the S3 key layout (`yyyy/MM/dd`, UTC).
public enum Delivery {
    static let dayLength: Int64 = 86_400_000

    /// When the file at `path` (or S3 key) reached the bucket: the stamp in its CloudTrail name
    /// (`<account>_CloudTrail_<region>_<yyyyMMddTHHmmZ>_<id>`), else its last event's time, else
    /// the end of its delivery `day`; nil when nothing says.
    public static func instant(path: String, lastEventMs: Int64?, day: String?) -> Int64? {
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last
        let fields = name?.split(separator: UInt8(ascii: "_"), maxSplits: 4) ?? []
        if fields.count == 5,
            let ms = LogFileLocation.milliseconds(ofStamp: String(decoding: fields[3], as: UTF8.self))
        {
            return ms
        }
        if let lastEventMs { return lastEventMs }
        return day.flatMap(dayStartMs(of:)).map { $0 + dayLength }
    }

    /// The day an instant falls on.
    public static func day(of ms: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: Int(ms.floorDivided(by: dayLength)))
        return CivilCalendar.zeroPadded(year, width: 4) + "/" + CivilCalendar.zeroPadded(month, width: 2) + "/"
            + CivilCalendar.zeroPadded(day, width: 2)
    }

    /// The first instant of a day, nil when `day` is not `yyyy/MM/dd`.
    static func dayStartMs(of day: String) -> Int64? {
        let parts = day.split(separator: "/")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let date = Int(parts[2]),
            (1...9999).contains(year), (1...12).contains(month), (1...31).contains(date)
        else { return nil }
        return Int64(CivilCalendar.daysSinceEpoch(year: year, month: month, day: date)) * dayLength
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }
}

/// The listed objects of one delivery day, each with the instant its name says it was
/// delivered: what a catalog cut at an instant of that day keeps of the listing.
public struct ListedDeliveries: Sendable {
    /// The delivery day (`yyyy/MM/dd`) whose objects these are.
    public let day: String
    /// Per partition of the day, its objects' delivery instants (the day's end for a name
    /// without a stamp) and sizes, in time order; absent for a partition whose objects were not
    /// all found under its key prefix, which is kept whole.
    private let objects: [PartitionKey: [(ms: Int64, bytes: Int64)]]

    /// Reads the objects of `day`'s partitions among `partitions` from `listed_files`, by the key
    /// prefix each partition's objects share (`AWSLogs/[org/]account/folder/region/day/`).
    public static func read(day: String, partitions: [ListedPartition], from store: StoreFile)
        throws(TrailStoreError) -> ListedDeliveries
    {
        let dayEnd = (Delivery.dayStartMs(of: day) ?? 0) + Delivery.dayLength
        let range = try onStore(
            store.path,
            try store.connection.prepare("SELECT s3_key, bytes FROM listed_files WHERE s3_key >= ? AND s3_key < ?"))
        var objects: [PartitionKey: [(ms: Int64, bytes: Int64)]] = [:]
        for partition in partitions where partition.key.day == day {
            let key = partition.key
            let (prefix, bound) = (key.keyPrefix, key.keyPrefixEnd)
            var found: [(ms: Int64, bytes: Int64)] = []
            var bytes: Int64 = 0
            do throws(SQLiteError) {
                try range.bind([.text(prefix), .text(bound)])
                defer { range.reset() }
                while try range.step() {
                    let name = (range.text(at: 0) ?? "").split(separator: "/").last ?? ""
                    let stamp = name.split(separator: "_", maxSplits: 4).dropFirst(3).first
                    let size = range.int64(at: 1)
                    found.append((stamp.flatMap(LogFileLocation.milliseconds(ofStamp:)) ?? dayEnd, size))
                    bytes += size
                }
            } catch {
                throw .database(path: store.path, error)
            }
            guard Int64(found.count) == partition.files, bytes == partition.bytes else { continue }
            objects[key] = found.sorted { $0.ms < $1.ms }
        }
        return ListedDeliveries(day: day, objects: objects)
    }

    /// `partitions` as they stood at `instant`, one for one: earlier days' whole, `instant`'s
    /// own day's the objects `listed` (that day's deliveries) says were delivered by then (whole
    /// without it), later days' empty. Partitions of no known day are kept whole.
    public static func cut(_ partitions: [ListedPartition], asOf instant: Int64, listed: ListedDeliveries?)
        -> [ListedPartition]
    {
        let day = Delivery.day(of: instant)
        return partitions.map { partition in
            if partition.key.day.isEmpty || partition.key.day < day { return partition }
            var kept = partition
            (kept.files, kept.bytes) = (0, 0)
            guard partition.key.day == day else { return kept }
            guard let listed, listed.day == day, let delivered = listed.objects[partition.key] else { return partition }
            for object in delivered where object.ms <= instant {
                kept.files += 1
                kept.bytes += object.bytes
            }
            return kept
        }
    }
}

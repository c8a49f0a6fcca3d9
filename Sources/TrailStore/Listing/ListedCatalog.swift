import CXXHash
import CloudTrail
import SQLite

/// The keys a catalog file is summed under ('' where its key does not say): the Athena table's
/// partition keys (account, region, delivery day), and what else a table's LOCATION restricts
/// by: the organization trail and the trail folder (`CloudTrail`, `CloudTrail-Insight`).
public struct PartitionKey: Hashable, Sendable, Comparable {
    public var organizationID: String
    public var account: String
    public var region: String
    public var day: String
    public var folder: String

    public init(organizationID: String?, account: String?, region: String?, day: String?, folder: String?) {
        self.organizationID = organizationID ?? ""
        self.account = account ?? ""
        self.region = region ?? ""
        self.day = day ?? ""
        self.folder = folder ?? ""
    }

    /// The prefix every key of the partition's objects shares:
    /// `AWSLogs/[org/]account/folder/region/yyyy/MM/dd/`.
    public var keyPrefix: String {
        "AWSLogs/" + (organizationID.isEmpty ? "" : organizationID + "/") + "\(account)/\(folder)/\(region)/\(day)/"
    }

    /// The least key above every key under `keyPrefix`: the prefix with its last `/` raised to `0`.
    public var keyPrefixEnd: String { String(keyPrefix.dropLast()) + "0" }

    public init(_ location: LogFileLocation) {
        self.init(
            organizationID: location.organizationID, account: location.account, region: location.region,
            day: location.day, folder: LogFileDiscovery.trailFolder(ofPath: location.s3Key ?? location.path))
    }

    var fields: [String] { [organizationID, account, region, day, folder] }

    /// For messages: the keys that are known, joined by `/`.
    public var description: String { fields.filter { !$0.isEmpty }.joined(separator: "/") }

    public static func < (a: PartitionKey, b: PartitionKey) -> Bool {
        (a.account, a.region, a.day, a.organizationID, a.folder) < (
            b.account, b.region, b.day, b.organizationID, b.folder
        )
    }
}

/// A row of `listed_partitions`: the listed files of one partition key and their bytes.
public struct ListedPartition: Sendable, Equatable {
    public var key: PartitionKey
    public var files: Int64
    public var bytes: Int64

    var checksum: Int64 {
        var hasher = RowHasher("listed_partitions")
        for value in key.fields { hasher.text(value) }
        hasher.integer(files)
        hasher.integer(bytes)
        return hasher.digest
    }
}

/// Reads and writes the listing tables (see `ListingTables`), every row with its checksum.
enum ListedCatalog {
    /// The checksum of a `listed_files` row: XXH3-64 of the key's bytes, seeded with the hash of
    /// the size and the run (a seed per row, so no buffer is built for millions of rows).
    static func checksum(s3Key: UnsafeRawBufferPointer, bytes: Int64, runID: Int64) -> Int64 {
        var fields = (bytes.littleEndian, runID.littleEndian)
        let seed = withUnsafeBytes(of: &fields) { XXH3_64bits_withSeed($0.baseAddress, $0.count, tableSeed) }
        return Int64(bitPattern: XXH3_64bits_withSeed(s3Key.baseAddress, s3Key.count, seed))
    }

    private static let tableSeed: UInt64 = {
        var name = "listed_files"
        return name.withUTF8 { XXH3_64bits($0.baseAddress, $0.count) }
    }()

    /// Every `listed_partitions` row whose checksum holds, in key order, and a fault per row
    /// whose checksum does not.
    static func partitions(_ connection: Connection) throws(SQLiteError) -> (rows: [ListedPartition], faults: [String])
    {
        let statement = try connection.prepare(
            "SELECT organization_id, account, region, day, folder, files, bytes, checksum FROM listed_partitions ORDER BY 2, 3, 4, 1, 5"
        )
        var rows: [ListedPartition] = []
        var faults: [String] = []
        while try statement.step() {
            let row = ListedPartition(
                key: PartitionKey(
                    organizationID: statement.text(at: 0), account: statement.text(at: 1),
                    region: statement.text(at: 2),
                    day: statement.text(at: 3), folder: statement.text(at: 4)),
                files: statement.int64(at: 5), bytes: statement.int64(at: 6))
            if row.checksum == statement.int64(at: 7) {
                rows.append(row)
            } else {
                faults.append("listed_partitions row \(row.key.description): checksum mismatch")
            }
        }
        return (rows, faults)
    }

    /// Adds `deltas` (files and bytes, negative to remove) to their partitions' rows, each row
    /// checked before it is changed; a row left with no files is deleted. Inside a transaction.
    static func add(_ deltas: [PartitionKey: (files: Int64, bytes: Int64)], _ connection: Connection)
        throws(SQLiteError)
    {
        guard !deltas.isEmpty else { return }
        let keyed = "organization_id = ? AND account = ? AND region = ? AND day = ? AND folder = ?"
        let read = try connection.prepare("SELECT files, bytes, checksum FROM listed_partitions WHERE \(keyed)")
        let write = try connection.prepare(
            """
            INSERT OR REPLACE INTO listed_partitions(organization_id, account, region, day, folder, files, bytes, checksum)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let drop = try connection.prepare("DELETE FROM listed_partitions WHERE \(keyed)")
        for (key, delta) in deltas.sorted(by: { $0.key < $1.key }) {
            let keyValues = key.fields.map(SQLiteValue.text)
            var row = ListedPartition(key: key, files: 0, bytes: 0)
            try read.bind(keyValues)
            if try read.step() {
                row.files = read.int64(at: 0)
                row.bytes = read.int64(at: 1)
                guard row.checksum == read.int64(at: 2) else {
                    read.reset()
                    // Damage found while writing: stop the commit rather than build on it.
                    throw SQLiteError(
                        code: 11,
                        message: "listed_partitions row \(key.description): checksum mismatch")
                }
            }
            read.reset()
            row.files += delta.files
            row.bytes += delta.bytes
            if row.files <= 0 {
                try drop.bind(keyValues)
                while try drop.step() {}
                drop.reset()
            } else {
                try write.bind(keyValues + [.integer(row.files), .integer(row.bytes), .integer(row.checksum)])
                while try write.step() {}
                write.reset()
            }
        }
    }

    /// Removes the listed entries of `locations` (files now ingested in full), keeping the
    /// partitions in step; returns the files and bytes removed. Inside a transaction.
    static func removeListed(_ locations: [LogFileLocation], _ connection: Connection) throws(SQLiteError)
        -> (files: Int64, bytes: Int64)
    {
        let remove = try connection.prepare("DELETE FROM listed_files WHERE s3_key = ? RETURNING bytes")
        var deltas: [PartitionKey: (files: Int64, bytes: Int64)] = [:]
        var removed: (files: Int64, bytes: Int64) = (0, 0)
        for location in locations {
            guard let key = location.s3Key else { continue }
            try remove.bind([.text(key)])
            defer { remove.reset() }
            guard try remove.step() else { continue }
            let bytes = remove.int64(at: 0)
            while try remove.step() {}
            deltas[PartitionKey(location), default: (0, 0)].files -= 1
            deltas[PartitionKey(location), default: (0, 0)].bytes -= bytes
            removed.files += 1
            removed.bytes += bytes
        }
        try add(deltas, connection)
        return removed
    }

    /// Checks every `listed_files` row against its checksum, and their sums per partition
    /// against `partitions` and against the totals: one fault per disagreement.
    static func verify(_ connection: Connection, partitions: [ListedPartition], totals: StoreTotals)
        throws(SQLiteError) -> [String]
    {
        var faults: [String] = []
        var sums: [PartitionKey: (files: Int64, bytes: Int64)] = [:]
        let rows = try connection.prepare("SELECT s3_key, bytes, run_id, checksum FROM listed_files")
        var count: Int64 = 0
        var bytes: Int64 = 0
        var rules = ListingKeyRules()
        while try rows.step() {
            let size = rows.int64(at: 1)
            let (sound, verdict) = rows.withBlob(at: 0) { key in
                (checksum(s3Key: key, bytes: size, runID: rows.int64(at: 2)) == rows.int64(at: 3), rules.classify(key))
            }
            guard sound, case .logFile(let partition) = verdict else {
                faults.append(
                    "listed_files row \(rows.text(at: 0) ?? ""): \(sound ? "not the key of a CloudTrail log file" : "checksum mismatch")"
                )
                continue
            }
            sums[partition, default: (0, 0)].files += 1
            sums[partition, default: (0, 0)].bytes += size
            count += 1
            bytes += size
        }
        guard faults.isEmpty else { return faults }
        if count != totals.listedFiles || bytes != totals.listedBytes {
            faults.append(
                "\(count) listed files of \(bytes) bytes in the catalog, meta says \(totals.listedFiles) of \(totals.listedBytes)"
            )
        }
        let summed = Dictionary(uniqueKeysWithValues: partitions.map { ($0.key, ($0.files, $0.bytes)) })
        for key in Set(sums.keys).union(summed.keys).sorted() {
            let found = sums[key] ?? (0, 0)
            let kept = summed[key] ?? (0, 0)
            if found != kept {
                faults.append(
                    "listed partition \(key.description): \(found.files) files of \(found.bytes) bytes listed, its summary row says \(kept.0) of \(kept.1)"
                )
            }
        }
        return faults
    }
}

import CloudTrail
import Deflate
import Foundation
import Metering
import QueryEngine
import SQLite
import TestSupport
import Testing
import TrailStore

/// A bucket listing imported as a size-only catalog plans the raw layout exactly as a full ingest
/// of the same files does.
@Suite("Listings as a size-only catalog")
struct ListingPlanTests {
    /// A generated trail (two accounts, two regions, three days) and a full ingest of it.
    static let trail: (root: URL, fullStore: String, objects: [(key: String, size: Int64)]) = {
        let root = Scratch.directory("listing")
        let tree = root.appendingPathComponent("bucket")
        var spec = SampleTrailSpec(
            days: 3, eventsPerDay: 1500, regions: ["us-east-1", "eu-west-1"], accounts: 2,
            start: TrailDate(year: 2022, month: 1, day: 30))
        spec.seed = 7
        _ = try! SampleTrailGenerator.write(spec, to: tree)
        let fullStore = root.appendingPathComponent("full.tmstore").path
        _ = try! Ingestor(store: StoreFile.openForWriting(fullStore, settings: nil)).ingest([tree.path])
        let files = FileManager.default.enumerator(atPath: tree.path)!.compactMap { $0 as? String }.sorted()
        let objects = files.compactMap { relative -> (String, Int64)? in
            let attributes = try? FileManager.default.attributesOfItem(atPath: tree.path + "/" + relative)
            guard let size = attributes?[.size] as? NSNumber, attributes?[.type] as? FileAttributeType == .typeRegular
            else { return nil }
            return (relative, size.int64Value)
        }
        return (root, fullStore, objects)
    }()

    /// Objects that are not log files: ingest's key rules pass them over.
    static let otherObjects: [(key: String, size: Int64)] = [
        (
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2022/01/30/111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20220130T0100Z.json.gz",
            900
        ),
        ("AWSLogs/111122223333/Config/us-east-1/2022/1/30/ConfigSnapshot/x.json.gz", 700),
    ]

    static var listed: [(key: String, size: Int64)] { trail.objects + otherObjects }

    static func write(_ text: String, _ name: String) -> String {
        let path = trail.root.appendingPathComponent(name).path
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `aws s3 ls --recursive` text, in a file of its own (tests run in parallel).
    static func s3ls() -> String {
        write(
            listed.map {
                "2022-02-02 01:02:03 \(String(repeating: " ", count: max(1, 10 - String($0.size).count)))\($0.size) \($0.key)"
            }
            .joined(separator: "\n") + "\n", "ls-\(UUID().uuidString).txt")
    }

    /// `aws s3api list-objects-v2` JSON, as two pages in two files.
    static func listObjects() -> [String] {
        let half = listed.count / 2
        return [Array(listed[..<half]), Array(listed[half...])].enumerated().map { page, objects in
            let contents = objects.map {
                "        {\n            \"Key\": \"\($0.key)\",\n            \"LastModified\": \"2022-02-02T01:02:03+00:00\",\n            \"ETag\": \"\\\"abc\\\"\",\n            \"Size\": \($0.size),\n            \"StorageClass\": \"STANDARD\"\n        }"
            }
            return write(
                "{\n    \"Contents\": [\n\(contents.joined(separator: ",\n"))\n    ],\n    \"RequestCharged\": null\n}\n",
                "page\(page).json")
        }
    }

    /// An S3 Inventory report: manifest.json and two CSV.gz data files under ../data/.
    static func inventory() -> String {
        let base = trail.root.appendingPathComponent("inventory/bucket/config")
        try! FileManager.default.createDirectory(
            at: base.appendingPathComponent("data"), withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(
            at: base.appendingPathComponent("2022-02-03T01-00Z"), withIntermediateDirectories: true)
        let half = listed.count / 2
        var names: [String] = []
        for (part, objects) in [Array(listed[..<half]), Array(listed[half...])].enumerated() {
            let csv =
                objects.map {
                    "\"bucket\",\"\($0.key.replacingOccurrences(of: "_", with: "%5F"))\",\"\($0.size)\",\"2022-02-02T01:02:03.000Z\""
                }.joined(separator: "\n") + "\n"
            let name = "part\(part).csv.gz"
            let gzip = Array(csv.utf8).withUnsafeBytes { Gzip.compress($0) }
            try! Data(gzip).write(to: base.appendingPathComponent("data/" + name))
            names.append("inv/bucket/config/data/" + name)
        }
        let manifest = """
            {"sourceBucket": "bucket", "destinationBucket": "arn:aws:s3:::inv", "version": "2016-11-30",
             "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size, LastModifiedDate",
             "files": [\(names.map { "{\"key\": \"\($0)\", \"size\": 1, \"MD5checksum\": \"x\"}" }.joined(separator: ", "))]}
            """
        let path = base.appendingPathComponent("2022-02-03T01-00Z/manifest.json").path
        try! Data(manifest.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let queries: [String] =
        [
            "SELECT count(*) FROM cloudtrail_logs",
            "SELECT eventname FROM cloudtrail_logs WHERE timestamp = '2022/01/31' LIMIT 1",
            "SELECT count(*) FROM cloudtrail_logs WHERE timestamp BETWEEN '2022/01/30' AND '2022/01/31' AND region = 'eu-west-1'",
            "SELECT count(*) FROM cloudtrail_logs WHERE account = '\(trail.objects[0].key.split(separator: "/")[1])' OR day = '01'",
            // `"$path"` bounds skip listed objects by their keys as they skip ingested files.
            #"SELECT count(*) FROM cloudtrail_logs WHERE "$path" LIKE 's3://bucket/\#(dayPrefix)%'"#,
            #"SELECT count(*) FROM cloudtrail_logs WHERE "$path" IN ('s3://bucket/\#(oneLogFile)', 's3://bucket/x')"#,
        ] + ArticleQueries.all

    /// The key prefix of one delivery day of one account and region, and one log file's key.
    static var dayPrefix: String {
        let parts = oneLogFile.split(separator: "/")
        return parts[..<(parts.count - 1)].joined(separator: "/") + "/"
    }
    static var oneLogFile: String { trail.objects.first { $0.key.contains("/CloudTrail/") }!.key }

    /// The raw-layout plan of every query under both Athena tables.
    static func plans(_ store: String) throws -> [String] {
        var plans: [String] = []
        for table in AthenaTableKind.allCases {
            let metered = try MeteredStore(path: store, athenaTable: table, clock: .fixed("2022-02-03T00:00:00Z")!)
            // The console's table has no partition columns to name.
            for sql in queries where table == .projected || !sql.contains("timestamp") && !sql.contains("account =") {
                let raw = try metered.run(sql).raw
                plans.append(
                    "\(table) \(raw.bytesScanned) bytes, \(raw.unitsRead) of \(raw.unitsTotal) files, \(raw.partitionBounds)"
                )
            }
        }
        return plans
    }

    static func imported(_ listings: [String], name: String) throws -> (String, ListingReport) {
        let path = trail.root.appendingPathComponent(name).path
        let report = try ListingImporter(store: StoreFile.openForWriting(path, settings: nil)).importListings(listings)
        return (path, report)
    }

    @Test(arguments: ["s3-ls", "list-objects-v2", "inventory"])
    func listingPlansEqualFullIngest(format: String) throws {
        let listings =
            switch format {
            case "s3-ls": [Self.s3ls()]
            case "list-objects-v2": Self.listObjects()
            default: [Self.inventory()]
            }
        let (store, report) = try Self.imported(listings, name: "\(format).tmstore")
        #expect(report.problems.isEmpty)
        #expect(report.filesAdded == Self.trail.objects.count)
        #expect(report.passedOver.values.reduce(0, +) == Self.otherObjects.count)
        #expect(report.passedOver["digest file"] == 1)
        let expected = try Self.plans(Self.trail.fullStore)
        #expect(try Self.plans(store) == expected)
        let listedPlan = try MeteredStore(path: store).run(Self.queries[0]).raw
        #expect(listedPlan.listedUnitsRead == Self.trail.objects.count)
        // The `"$path"` prefix keeps one day's objects of one account and region, by their keys.
        let day = Self.trail.objects.filter { $0.key.hasPrefix(Self.dayPrefix) }
        let dayPlan = try MeteredStore(path: store).run(Self.queries[4]).raw
        #expect(dayPlan.unitsRead == day.count && dayPlan.bytesScanned == day.reduce(0) { $0 + $1.size })
        #expect(day.count > 0 && day.count < Self.trail.objects.count)

        // The same listing again changes nothing, not even the file's bytes.
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let again = try ListingImporter(store: StoreFile.openForWriting(store, settings: nil)).importListings(listings)
        #expect(again.filesAdded == 0 && again.alreadyListed == Self.trail.objects.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    }

    @Test func filesIngestedLaterReplaceTheirListedEntries() throws {
        let (store, _) = try Self.imported([Self.s3ls()], name: "then-ingested.tmstore")
        let ingest = try Ingestor(store: StoreFile.openForWriting(store, settings: nil)).ingest([
            Self.trail.root.appendingPathComponent("bucket").path
        ])
        #expect(ingest.filesAdded == Self.trail.objects.count)
        let origins = try CatalogOrigins.of(StoreFile.openForReading(store))
        #expect(origins.listedFiles == 0 && origins.ingestedFiles == Int64(Self.trail.objects.count))
        #expect(try Self.plans(store) == Self.plans(Self.trail.fullStore))
        let relisted = try ListingImporter(store: StoreFile.openForWriting(store, settings: nil)).importListings([
            Self.s3ls()
        ])
        #expect(relisted.filesAdded == 0 && relisted.alreadyIngested == Self.trail.objects.count)
    }

    @Test func verifyPassesListedFilesAndFindsTheirDamage() throws {
        let (store, _) = try Self.imported([Self.s3ls()], name: "verified-\(UUID().uuidString).tmstore")
        let clean = try StoreVerifier.verify(StoreFile.openForReading(store))
        #expect(clean.faults.isEmpty)
        #expect(clean.listedFiles == Int64(Self.trail.objects.count))
        let damages = [
            (
                "UPDATE listed_files SET bytes = bytes + 1 WHERE s3_key = (SELECT max(s3_key) FROM listed_files)",
                "checksum mismatch"
            ),
            ("DELETE FROM listed_files WHERE s3_key = (SELECT min(s3_key) FROM listed_files)", "meta says"),
            ("UPDATE listed_partitions SET bytes = bytes + 1 WHERE day = '2022/01/31'", "checksum mismatch"),
        ]
        for (index, (sql, fault)) in damages.enumerated() {
            let copy = store + ".damaged\(index)"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: store, toPath: copy)
            try Connection(path: copy, mode: .readWrite).execute(sql)
            let faults = try StoreVerifier.verify(StoreFile.openForReading(copy)).faults
            #expect(faults.contains { $0.contains(fault) }, "\(sql): \(faults)")
            // Planning reads the partition sums: damage there is an error, not a figure.
            if sql.contains("listed_partitions") {
                #expect(throws: MeteringError.self) { try MeteredStore(path: copy).run(Self.queries[0]) }
            }
        }
    }

    @Test func malformedLinesAreReportedWithFileAndLineAndTheRestIsKept() throws {
        var lines = try String(contentsOfFile: Self.s3ls(), encoding: .utf8).split(separator: "\n").map(String.init)
        lines.insert("2022-02-02 01:02:03  1.2 KiB AWSLogs/x.json.gz", at: 3)
        let path = Self.write(lines.joined(separator: "\n") + "\n", "bad-ls.txt")
        let (store, report) = try Self.imported([path], name: "bad.tmstore")
        #expect(report.problems.map(\.location.description) == ["\(path):4"])
        #expect(report.filesAdded == Self.trail.objects.count)
        #expect(try Self.plans(store) == Self.plans(Self.trail.fullStore))
    }

    @Test func orcInventoriesAreRefusedPlainly() throws {
        let path = Self.write(
            #"{"sourceBucket": "b", "fileFormat": "ORC", "fileSchema": "struct<bucket:string>", "files": []}"#,
            "orc-manifest.json")
        #expect(throws: TrailStoreError.self) { try Self.imported([path], name: "orc.tmstore") }
        do { _ = try Self.imported([path], name: "orc2.tmstore") } catch {
            #expect("\(error)".contains("not ORC or Parquet"))
        }
    }
}

import Deflate
import Foundation
import TestSupport
import Testing

@testable import CloudTrail

/// The generator's records of other kinds and its S3 transfer sizes: where they land, what they
/// hold, and that they leave the trail's own files as they were.
@Suite("Sample generator: other kinds and transfer sizes")
struct OtherKindsGeneratorTests {
    static let base = SampleTrailSpec(days: 2, eventsPerDay: 1_500, seed: 3)

    static func folder() -> URL { Scratch.directory("kinds") }

    /// Relative path to contents, for every file below `root`.
    static func files(_ root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result[path] = try Data(contentsOf: root.appendingPathComponent(path))
            }
        }
        return result
    }

    static func lines(_ data: Data) throws -> [[String: Any]] {
        let text = try data.withUnsafeBytes { try Gzip.decompress($0) }
        return try String(decoding: text, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test func otherKindsLandBesideAnUnchangedTrail() throws {
        var spec = Self.base
        spec.otherKinds = [.insights, .config, .integration]
        let plain = Self.folder()
        let withKinds = Self.folder()
        let again = Self.folder()
        defer { for url in [plain, withKinds, again] { try? FileManager.default.removeItem(at: url) } }
        let plainSummary = try SampleTrailGenerator.write(Self.base, to: plain)
        let summary = try SampleTrailGenerator.write(spec, to: withKinds)
        _ = try SampleTrailGenerator.write(spec, to: again)
        let trail = try Self.files(plain)
        let all = try Self.files(withKinds)
        #expect(try Self.files(again) == all)
        // Every file of the plain trail is there, byte for byte; the rest are the other kinds.
        #expect(trail.allSatisfy { all[$0.key] == $0.value })
        let extra = all.keys.filter { trail[$0] == nil }.sorted()
        #expect(extra.count == summary.files - plainSummary.files)
        #expect(extra.allSatisfy { $0.contains("/CloudTrail-Insight/") || $0.hasPrefix("CloudTrailLake/") })
        let counts = Dictionary(uniqueKeysWithValues: summary.eventsPerKind.map { ($0.kind, $0.events) })
        // One Insights pair a day (one account), in their own delivery files.
        #expect(counts[.insights] == 4)
        #expect(extra.filter { $0.contains("/CloudTrail-Insight/") }.count == 4)

        let config = try extra.filter { $0.hasPrefix("CloudTrailLake/ConfigurationItem/") }.flatMap {
            try Self.lines(all[$0]!)
        }
        #expect(config.count == counts[.config])
        #expect(config.allSatisfy { $0["eventCategory"] as? String == "ConfigurationItem" })
        #expect(config.allSatisfy { (($0["eventData"] as? [String: Any])?["resourceType"] as? String) != nil })
        let integration = try extra.filter { $0.hasPrefix("CloudTrailLake/ActivityAuditLog/") }.flatMap {
            try Self.lines(all[$0]!)
        }
        #expect(integration.count == counts[.integration])
        let sources = Set(integration.compactMap { ($0["eventData"] as? [String: Any])?["eventSource"] as? String })
        #expect(sources == ["github.audit.streaming", "okta.system-log-events"])
        #expect(integration.allSatisfy { ($0["metadata"] as? [String: Any])?["channelARN"] is String })
    }

    @Test func s3DataEventsCarryTheBytesTheyMovedOnlyWhenAsked() throws {
        var spec = Self.base
        spec.s3TransferSizes = true
        let plain = Self.folder()
        let sized = Self.folder()
        defer { for url in [plain, sized] { try? FileManager.default.removeItem(at: url) } }
        _ = try SampleTrailGenerator.write(Self.base, to: plain)
        _ = try SampleTrailGenerator.write(spec, to: sized)
        func s3Data(_ root: URL) throws -> [[String: Any]] {
            try Self.files(root).values.flatMap { data -> [[String: Any]] in
                let json = try data.withUnsafeBytes { try Gzip.decompress($0) }
                let object = try JSONSerialization.jsonObject(with: Data(json)) as! [String: Any]
                return (object["Records"] as! [[String: Any]]).filter {
                    $0["eventCategory"] as? String == "Data" && $0["eventSource"] as? String == "s3.amazonaws.com"
                }
            }
        }
        func transfer(_ record: [String: Any], _ key: String) -> Int {
            ((record["additionalEventData"] as! [String: Any])[key] as! NSNumber).intValue
        }
        let zero = try s3Data(plain)
        #expect(!zero.isEmpty)
        #expect(zero.allSatisfy { transfer($0, "bytesTransferredIn") == 0 && transfer($0, "bytesTransferredOut") == 0 })
        let records = try s3Data(sized)
        let gets = records.filter { $0["eventName"] as? String == "GetObject" }
        let puts = records.filter { $0["eventName"] as? String == "PutObject" }
        #expect(!gets.isEmpty && !puts.isEmpty)
        #expect(
            gets.allSatisfy { transfer($0, "bytesTransferredOut") >= 300 && transfer($0, "bytesTransferredIn") == 0 })
        #expect(
            puts.allSatisfy { transfer($0, "bytesTransferredIn") >= 300 && transfer($0, "bytesTransferredOut") == 0 })
        // What real S3 data events carry, and one size per object.
        for record in gets {
            let extra = record["additionalEventData"] as! [String: Any]
            #expect(
                Set(extra.keys).isSuperset(of: [
                    "SignatureVersion", "CipherSuite", "AuthenticationMethod", "x-amz-id-2",
                ]))
            let request = record["requestParameters"] as! [String: Any]
            #expect(request["bucketName"] is String && request["Host"] is String && request["key"] is String)
        }
        var sizeByKey: [String: Int] = [:]
        for record in gets + puts {
            let key = (record["requestParameters"] as! [String: Any])["key"] as! String
            let size = max(transfer(record, "bytesTransferredIn"), transfer(record, "bytesTransferredOut"))
            #expect(sizeByKey[key, default: size] == size)
            sizeByKey[key] = size
        }
    }

    @Test func eventKindListsAreParsed() throws {
        #expect(try SampleEventKind.parseList("cloudtrail") == [])
        #expect(
            try SampleEventKind.parseList("cloudtrail, Insights,config,integration,config")
                == [.insights, .config, .integration])
        #expect(throws: SampleTrailError.unknownEventKind("audit")) { try SampleEventKind.parseList("audit") }
    }

    @Test func insightsDeliveriesAreLocatedLikeTheTrailsOwn() {
        let location = LogFileDiscovery.location(
            of:
                "/x/AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2022/01/21/123456789012_CloudTrail-Insight_us-east-1_20220121T1005Z_AbCdEfGhIjKlMnOp.json.gz"
        )
        #expect(location.account == "123456789012" && location.region == "us-east-1" && location.day == "2022/01/21")
        #expect(
            LogFileDiscovery.reasonToPassOver("AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2022/01/21/a.json.gz")
                == nil)
    }
}

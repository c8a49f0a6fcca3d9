import CloudTrail
import Testing

@testable import TrailStore

/// The per-folder shortcut of `ListingKeyRules` says of every key what ingest's rules say.
@Suite("Listing key rules")
struct ListingKeyRulesTests {
    static let keys = [
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/111122223333_CloudTrail_us-east-1_20220130T0000Z_a.json.gz",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/111122223333_CloudTrail_us-east-1_20220130T0005Z_b.json.gz",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/.hidden.json.gz",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/notes.txt",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/UPPER.JSON.GZ",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/export.jsonl",
        "AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2022/01/30/111122223333_CloudTrail_eu-west-1_20220130T0000Z_c.json.gz",
        "AWSLogs/o-abc123/111122223333/CloudTrail-Insight/eu-west-1/2022/01/30/x.json.gz",
        "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2022/01/30/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20220130T0000Z.json.gz",
        "AWSLogs/111122223333/Config/us-east-1/2022/1/30/ConfigSnapshot/x.json.gz",
        "AWSLogs/111122223333/file.json.gz",
        "AWSLogs/111122223333/other.json.gz",
        "AWSLogs/o-abc123/file.json.gz",
        "prefix/AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/111122223333_CloudTrail_us-east-1_20220130T0000Z_d.json.gz",
        "prefix//AWSLogs/111122223333/CloudTrail/us-east-1/2022//01/30/e.json.gz",
        "loose/111122223333_CloudTrail_us-east-1_20220130T0000Z_f.json.gz",
        "loose/g.json.gz",
        "h.json.gz",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/01/30/",
        "AWSLogs/111122223333/CloudTrail/us-east-1/2022/1/30/i.json.gz",
    ]

    /// What the rules say of `key` asked whole, in the shape `ListingKeyRules` answers.
    static func expected(_ key: String) -> String {
        if key.hasSuffix("/") { return "folder" }
        if let reason = LogFileDiscovery.reasonToPassOver(key) { return "pass over: \(reason)" }
        let location = LogFileDiscovery.location(of: key)
        return "log \(location.s3Key ?? key) \(PartitionKey(location))"
    }

    static func classified(_ key: String, _ rules: inout ListingKeyRules) -> String {
        var key = key
        return key.withUTF8 { bytes in
            switch rules.classify(UnsafeRawBufferPointer(bytes)) {
            case .folder: "folder"
            case .passOver(let reason): "pass over: \(reason)"
            case .logFile(let partition): "log \(String(decoding: rules.s3Key, as: UTF8.self)) \(partition)"
            }
        }
    }

    @Test func everyKeyIsClassifiedAsIngestWould() {
        var rules = ListingKeyRules()
        // Twice, and backwards, so that every key also meets a folder's remembered verdict.
        for key in Self.keys + Self.keys + Self.keys.reversed() {
            #expect(Self.classified(key, &rules) == Self.expected(key), "\(key)")
        }
    }
}

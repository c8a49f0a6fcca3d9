import Deflate
import Foundation
import TestSupport
import Testing

@testable import CloudTrail

/// A fresh scratch folder, removed when the test ends.
private final class TemporaryFolder {
    let url: URL

    init() {
        url = Scratch.directory("gen")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Every regular file below the folder, by path relative to it, sorted.
    func files() -> [String] {
        let root = url.path
        let enumerator = FileManager.default.enumerator(atPath: root)!
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    func contents(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent(relativePath))
    }

    /// The records of one gzip log file.
    func records(_ relativePath: String) throws -> [[String: Any]] {
        let data = try contents(relativePath)
        let json = try data.withUnsafeBytes { try Gzip.decompress($0) }
        let object = try JSONSerialization.jsonObject(with: Data(json)) as! [String: Any]
        return object["Records"] as! [[String: Any]]
    }
}

@Suite("Sample-trail generator")
struct GeneratorTests {
    @Test func sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws {
        let spec = SampleTrailSpec(days: 1, eventsPerDay: 2_000, accounts: 2, seed: 7)
        let first = TemporaryFolder()
        let second = TemporaryFolder()
        let other = TemporaryFolder()
        let summary = try SampleTrailGenerator.write(spec, to: first.url)
        #expect(try SampleTrailGenerator.write(spec, to: second.url) == summary)
        var otherSpec = spec
        otherSpec.seed = 8
        _ = try SampleTrailGenerator.write(otherSpec, to: other.url)

        let paths = first.files()
        #expect(paths.count == summary.files)
        #expect(paths == second.files())
        for path in paths {
            #expect(try first.contents(path) == second.contents(path), "\(path) differs between runs")
        }
        #expect(paths != other.files())
    }

    @Test func filesFollowTheS3KeyLayout() throws {
        let folder = TemporaryFolder()
        let spec = SampleTrailSpec(
            days: 2, eventsPerDay: 1_500, regions: ["us-east-1", "eu-west-1"], accounts: 2, seed: 3)
        _ = try SampleTrailGenerator.write(spec, to: folder.url)
        let pattern =
            #/AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{12})_CloudTrail_([a-z]{2}-[a-z]+-\d)_(\d{8})T(\d{4})Z_([A-Za-z0-9]{16})\.json\.gz/#
        var accounts = Set<String>()
        var regions = Set<String>()
        for path in folder.files() {
            let match = try #require(path.wholeMatch(of: pattern), "unexpected key \(path)")
            #expect(match.1 == match.6)
            #expect(match.2 == match.7)
            #expect("\(match.3)\(match.4)\(match.5)" == match.8, "folder date is the delivery date in the name")
            accounts.insert(String(match.1))
            regions.insert(String(match.2))
        }
        #expect(accounts.count == 2)
        #expect(regions == ["us-east-1", "eu-west-1"])
    }

    @Test func eventCountsAddUpExactly() throws {
        let folder = TemporaryFolder()
        let spec = SampleTrailSpec(days: 2, eventsPerDay: 3_001, accounts: 2, seed: 11)
        let summary = try SampleTrailGenerator.write(spec, to: folder.url)
        #expect(summary.events == 2 * 3_001)
        #expect(summary.eventsPerRegion.map(\.events).reduce(0, +) == 2 * 3_001)
        var counted = 0
        for path in folder.files() { counted += try folder.records(path).count }
        #expect(counted == 2 * 3_001)
    }

    @Test func recordsAreValidCloudTrailJSON() throws {
        let folder = TemporaryFolder()
        _ = try SampleTrailGenerator.write(SampleTrailSpec(days: 1, eventsPerDay: 4_000, seed: 5), to: folder.url)
        var identityTypes = Set<String>()
        var pairs = Set<String>()
        var errors = 0
        var events = 0
        var sawAssumeRoleResources = false
        var sawTLS = false
        var sawReadOnlyFalse = false
        var sawServiceAddress = false
        for path in folder.files() {
            var previousTime = ""
            for record in try folder.records(path) {
                events += 1
                for key in [
                    "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
                    "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "eventID",
                    "readOnly", "eventType", "managementEvent", "recipientAccountId", "eventCategory",
                ] {
                    #expect(record[key] != nil, "\(key) missing in \(path)")
                }
                let time = try #require(record["eventTime"] as? String)
                #expect(time >= previousTime)
                previousTime = time
                #expect(record["readOnly"] is Bool && record["managementEvent"] is Bool)
                if record["readOnly"] as? Bool == false { sawReadOnlyFalse = true }
                let identity = try #require(record["userIdentity"] as? [String: Any])
                let type = try #require(identity["type"] as? String)
                identityTypes.insert(type)
                if type == "AssumedRole" {
                    let context = try #require(identity["sessionContext"] as? [String: Any])
                    let attributes = try #require(context["attributes"] as? [String: Any])
                    #expect(attributes["creationDate"] is String && attributes["mfaAuthenticated"] is String)
                    let issuer = try #require(context["sessionIssuer"] as? [String: Any])
                    #expect(issuer["arn"] is String && issuer["userName"] is String)
                }
                if type == "AWSService" { #expect(identity["invokedBy"] is String) }
                let name = try #require(record["eventName"] as? String)
                pairs.insert("\(record["eventSource"]!)/\(name)")
                if record["errorCode"] != nil {
                    errors += 1
                    #expect(record["errorMessage"] is String)
                }
                if name == "AssumeRole", record["resources"] is [[String: Any]] { sawAssumeRoleResources = true }
                if record["tlsDetails"] is [String: Any] { sawTLS = true }
                if (record["sourceIPAddress"] as? String)?.hasSuffix(".amazonaws.com") == true {
                    sawServiceAddress = true
                }
            }
        }
        #expect(identityTypes.isSuperset(of: ["IAMUser", "AssumedRole", "AWSService"]))
        #expect(pairs.count >= 100, "only \(pairs.count) eventSource/eventName pairs")
        #expect(SampleTrailGenerator.apiCount >= 100)
        let errorShare = Double(errors) / Double(events)
        #expect((0.03...0.08).contains(errorShare), "error share \(errorShare)")
        #expect(sawAssumeRoleResources && sawTLS && sawReadOnlyFalse && sawServiceAddress)
    }

    /// Measured on a modest corpus: one day of 20,000 events over the default three regions.
    @Test func sizeAndCompressionLookLikeRealTrails() throws {
        let folder = TemporaryFolder()
        let summary = try SampleTrailGenerator.write(SampleTrailSpec(days: 1, eventsPerDay: 20_000), to: folder.url)
        #expect((8.0...11.0).contains(summary.compressionRatio), "gzip ratio \(summary.compressionRatio)")
        #expect((1_000.0...1_500.0).contains(summary.bytesPerEvent), "bytes per event \(summary.bytesPerEvent)")
        var compressed = 0
        for path in folder.files() { compressed += try folder.contents(path).count }
        #expect(compressed == summary.compressedBytes)
    }

    /// The named IAM user the project's sample queries look for, on 2022-01-22 in Tokyo.
    @Test func yutaWorksInTokyoOnTheQueriedMorning() throws {
        let folder = TemporaryFolder()
        let spec = SampleTrailSpec(days: 2, eventsPerDay: 6_000, start: TrailDate(year: 2022, month: 1, day: 21))
        _ = try SampleTrailGenerator.write(spec, to: folder.url)
        var yuta = 0
        var consoleLogins = 0
        var runInstancesByUsers = 0
        var regionsInWindow = Set<String>()
        for path in folder.files() {
            for record in try folder.records(path) {
                let time = record["eventTime"] as! String
                let identity = record["userIdentity"] as! [String: Any]
                let isUser = identity["type"] as? String == "IAMUser"
                if isUser, record["eventName"] as? String == "ConsoleLogin" { consoleLogins += 1 }
                if isUser, record["eventName"] as? String == "RunInstances" { runInstancesByUsers += 1 }
                if time >= "2022-01-22T00:00:30Z", time <= "2022-01-22T05:00:00Z" {
                    regionsInWindow.insert(record["awsRegion"] as! String)
                }
                if time >= "2022-01-22T00:00:30Z", time <= "2022-01-22T06:40:00Z",
                    record["awsRegion"] as? String == "ap-northeast-1",
                    identity["userName"] as? String == "Yuta0128"
                {
                    yuta += 1
                }
            }
        }
        #expect(yuta > 0)
        #expect(consoleLogins > 0)
        #expect(runInstancesByUsers > 0)
        #expect(regionsInWindow == Set(SampleTrailSpec.defaultRegions))
    }

    @Test func badSpecsAreRejectedWithTheProblemNamed() {
        #expect(throws: SampleTrailError.nonPositiveDays(0)) {
            try SampleTrailGenerator.write(SampleTrailSpec(days: 0), to: Scratch.path("never"))
        }
        #expect(throws: SampleTrailError.invalidRegion("us-east")) {
            try SampleTrailSpec(regions: ["us-east"]).validate()
        }
        #expect(throws: SampleTrailError.duplicateRegion("eu-west-1")) {
            try SampleTrailSpec(regions: ["eu-west-1", "eu-west-1"]).validate()
        }
        #expect(throws: SampleTrailError.invalidStartDate("2022-02-30")) {
            try TrailDate(parsing: "2022-02-30")
        }
        #expect(TrailLayout.apportion(10, weights: [1, 1, 1]) == [4, 3, 3])
    }
}

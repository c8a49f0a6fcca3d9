import CloudTrail
import Foundation
import TestSupport
import Testing

@Suite("S3 key layout and event times")
struct LayoutTests {
    @Test("Partition keys from a trail key, an organization trail key and a bare file name")
    func partitionKeys() {
        let plain = LogFileDiscovery.location(
            of:
                "/sync/AWSLogs/123456789012/CloudTrail/ap-northeast-1/2022/01/22/123456789012_CloudTrail_ap-northeast-1_20220122T0005Z_abcdefghijklmnop.json.gz"
        )
        #expect(plain.account == "123456789012" && plain.region == "ap-northeast-1" && plain.day == "2022/01/22")
        #expect(plain.s3Key?.hasPrefix("AWSLogs/123456789012/CloudTrail/") == true)
        #expect(plain.deliveryStamp == "20220122T0005Z")
        let organization = LogFileDiscovery.location(
            of: "b/AWSLogs/o-abc123/123456789012/CloudTrail/us-east-1/2022/01/23/x.json.gz")
        #expect(
            organization.organizationID == "o-abc123" && organization.account == "123456789012"
                && organization.day == "2022/01/23")
        let loose = LogFileDiscovery.location(
            of: "111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json")
        #expect(
            loose.account == "111111111111" && loose.region == "eu-central-1" && loose.day == "2017/12/11"
                && loose.s3Key == nil)
    }

    @Test("A file name's delivery stamp in milliseconds")
    func deliveryStamps() {
        #expect(LogFileLocation.milliseconds(ofStamp: "20220122T0005Z") == 1_642_809_900_000)
        #expect(LogFileLocation.milliseconds(ofStamp: "20240229T2359Z") == 1_709_251_140_000)
        for malformed in ["20220122T0005", "20221322T0005Z", "20230229T0005Z", "20220122T2405Z", "2022012xT0005Z", ""] {
            #expect(LogFileLocation.milliseconds(ofStamp: malformed) == nil, "\(malformed)")
        }
        let location = LogFileDiscovery.location(
            of:
                "AWSLogs/123456789012/CloudTrail/us-east-1/2022/01/22/123456789012_CloudTrail_us-east-1_20220122T0005Z_x.json.gz"
        )
        #expect(location.deliveredMs == 1_642_809_900_000)
        #expect(LogFileDiscovery.location(of: "export/records.json").deliveredMs == nil)
    }

    @Test("Digest files and other objects are passed over and counted")
    func passOver() throws {
        let root = Scratch.directory("layout")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "AWSLogs/123456789012/CloudTrail/us-east-1/2022/01/22/a.json.gz",
            "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2022/01/22/d.json.gz",
            "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2022/01/22/lb.log.gz",
            "AWSLogs/123456789012/CloudTrail/us-east-1/2022/01/22/notes.txt",
            ".DS_Store",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let inventory = LogFileDiscovery.inventory(of: [root.path])
        #expect(inventory.logFiles.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.json.gz"])
        let reasons = Dictionary(grouping: inventory.passedOver.map(\.reason), by: { $0 }).mapValues(\.count)
        #expect(reasons["digest file"] == 1)
        #expect(inventory.passedOver.count == 4)
    }

    @Test("eventTime parsing and printing")
    func eventTime() {
        let ms = EventTime.milliseconds("2022-01-22T05:00:00Z")
        #expect(ms == 1_642_827_600_000)
        #expect(EventTime.milliseconds("2022-01-22T05:00:00.123Z") == 1_642_827_600_123)
        #expect(EventTime.milliseconds("2022-01-22 05:00:00") == ms)
        #expect(EventTime.milliseconds("2022-02-30T00:00:00Z") == nil)
        #expect(EventTime.milliseconds("2022-01-22T05:00:00Zjunk") == nil)
        #expect(EventTime.iso(1_642_827_600_000) == "2022-01-22T05:00:00Z")
        #expect(EventTime.lake(1_642_827_600_123) == "2022-01-22 05:00:00.123")
        #expect(EventTime.partitionDay(1_642_827_600_000) == "2022/01/22")
        #expect(EventTime.iso(-1) == "1969-12-31T23:59:59.999Z")
    }
}

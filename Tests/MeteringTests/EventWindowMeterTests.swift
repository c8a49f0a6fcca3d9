import CloudTrail
import Foundation
import Metering
import QueryEngine
import TestSupport
import Testing
import TrailStore

/// The event-window meter (CloudWatch Logs Insights): the bytes of the events inside a query's
/// time range, counted from the sizes the store kept per event.
struct EventWindowMeterTests {
    /// Three records whose JSON bytes the test knows, on 2022-01-21 10:00 and 2022-01-22 10:00
    /// and 23:30 (UTC), in one plain JSON log file.
    static func record(_ time: String, _ name: String, padding: Int) -> String {
        #"{"eventVersion":"1.08","eventTime":"\#(time)","eventSource":"ec2.amazonaws.com","eventName":"\#(name)","awsRegion":"us-east-1","requestParameters":{"pad":"\#(String(repeating: "x", count: padding))"},"eventID":"\#(name)-\#(padding)"}"#
    }
    static let records = [
        record("2022-01-21T10:00:00Z", "RunInstances", padding: 10),
        record("2022-01-22T10:00:00Z", "ConsoleLogin", padding: 200),
        record("2022-01-22T23:30:00Z", "GetObject", padding: 3000),
    ]

    static let storePath: String = {
        let (directory, file) = RecordsFile.write(records, label: "event-window")
        let path = directory.appendingPathComponent("store.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(path, settings: nil)).ingest([file.path])
        return path
    }()

    static func open() throws -> MeteredStore {
        try MeteredStore(path: storePath, clock: QueryClock.fixed("2022-01-23T00:00:00Z")!)
    }

    static func ms(_ iso: String) -> Int64 { EventTime.milliseconds(iso)! }

    @Test func aOneDayWindowReadsExactlyTheBytesOfItsEvents() throws {
        let store = try Self.open()
        // The query's window is 2022-01-22 00:00:00 to 23:59:59.999: the second and third records.
        let result = try store.run(
            "SELECT eventname FROM cloudtrail_logs WHERE eventtime >= '2022-01-22T00:00:00Z' AND eventtime < '2022-01-23T00:00:00Z'",
            dialect: .athena)
        let window = try #require(result.columnar.eventTimeWindow)
        let measured = try store.eventWindowBytes(window)
        let expected = Int64(Self.records[1].utf8.count + Self.records[2].utf8.count)
        #expect(measured.bytesScanned == expected)
        #expect(measured.unitsRead == 2)
        #expect(measured.layout == .eventWindow)
    }

    @Test func everythingWhenUnboundedAndNothingOutsideTheData() throws {
        let store = try Self.open()
        let all = Int64(Self.records.reduce(0) { $0 + $1.utf8.count })
        #expect(try store.eventWindowBytes(nil).bytesScanned == all)
        let outside = TimeWindow(lowerMs: Self.ms("2022-02-01T00:00:00Z"), upperMs: Self.ms("2022-02-01T23:59:59Z"))
        #expect(try store.eventWindowBytes(outside).bytesScanned == 0)
        #expect(try store.eventWindowBytes(outside).unitsRead == 0)
        // A window cutting a segment: from 10:00 exactly on the 22nd keeps both of that day's records,
        // one millisecond later only the last.
        let edge = TimeWindow(lowerMs: Self.ms("2022-01-22T10:00:00Z") + 1, upperMs: nil)
        #expect(try store.eventWindowBytes(edge).bytesScanned == Int64(Self.records[2].utf8.count))
    }
}

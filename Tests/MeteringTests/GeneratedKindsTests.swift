import CloudTrail
import Foundation
import Metering
import QueryEngine
import SQLite
import TestSupport
import Testing
import TrailStore

/// A generated day with every kind of record and S3 transfer sizes, ingested: the published
/// kinds of query over each kind return rows.
@Suite struct GeneratedKindsTests {
    static let eds = "FROM 880143b0-368b-4ef8-a6e1-887a48146de7"

    static let built: (storePath: String, summary: SampleTrailSummary) = {
        let folder = Scratch.directory("kinds-corpus")
        var spec = SampleTrailSpec(days: 1, eventsPerDay: 4_000, start: TrailDate(year: 2022, month: 1, day: 21))
        spec.otherKinds = [.insights, .config, .integration]
        spec.s3TransferSizes = true
        let summary = try! SampleTrailGenerator.write(spec, to: folder.appendingPathComponent("trail"))
        let path = folder.appendingPathComponent("kinds.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(path, settings: nil)).ingest([
            folder.appendingPathComponent("trail").path
        ])
        return (path, summary)
    }()

    static func open() throws -> MeteredStore {
        try MeteredStore(path: built.storePath, clock: QueryClock.fixed("2022-01-22T00:00:00Z")!)
    }

    static func events(of kind: SampleEventKind) -> Int {
        built.summary.eventsPerKind.first { $0.kind == kind }?.events ?? -1
    }

    @Test func s3BytesOutPerBucketAndKeyFromAdditionalEventData() throws {
        let store = try Self.open()
        let lake = try store.run(
            """
            SELECT element_at(requestParameters, 'bucketName') AS bucket, element_at(requestParameters, 'key') AS key,
                   sum(CAST(element_at(additionalEventData, 'bytesTransferredOut') AS bigint)) AS bytesOut, count(*) AS gets
            \(Self.eds)
            WHERE eventSource = 's3.amazonaws.com' AND eventName = 'GetObject'
              AND eventTime >= '2022-01-21 00:00:00' AND eventTime < '2022-01-22 00:00:00'
            GROUP BY 1, 2 ORDER BY bytesOut DESC, bucket, key LIMIT 20
            """, verify: true)
        #expect(!lake.rows.isEmpty)
        #expect(lake.rows.allSatisfy { ($0[2].integer ?? 0) >= 300 })
        #expect(lake.verification?.rowsMatch == true)
        // The same question in Athena's dialect, where additionaleventdata is JSON text.
        let athena = try store.run(
            """
            SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
                   json_extract_scalar(requestparameters, '$.key') AS key,
                   sum(CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut') AS bigint)) AS bytesOut,
                   count(*) AS gets
            FROM cloudtrail_logs
            WHERE eventsource = 's3.amazonaws.com' AND eventname = 'GetObject'
            GROUP BY 1, 2 ORDER BY bytesOut DESC, bucket, key LIMIT 20
            """)
        #expect(athena.rows == lake.rows)
    }

    @Test func largeDownloadsByAccessKey() throws {
        let result = try Self.open().run(
            """
            SELECT userIdentity.accessKeyId, eventTime, sourceIPAddress, element_at(requestParameters, 'bucketName') as bucketName,
                   element_at(requestParameters, 'key') as key,
                   element_at(additionalEventData, 'bytesTransferredOut') as bytesTransferredOut
            \(Self.eds) WHERE eventName = 'GetObject'
              AND CAST(element_at(additionalEventData, 'bytesTransferredOut') AS bigint) > 1000000
            """)
        #expect(!result.rows.isEmpty)
        #expect(result.rows.allSatisfy { Int($0[5].text ?? "") ?? 0 > 1_000_000 })
    }

    @Test func everyKindIsQueriedByItsLakeColumns() throws {
        let store = try Self.open()
        let insights = try store.run(
            "SELECT count(*), count(DISTINCT sharedEventID) \(Self.eds) WHERE eventType = 'AwsCloudTrailInsight'")
        #expect(insights.rows.first?.first?.integer == Int64(Self.events(of: .insights)))
        #expect(insights.rows.first?[1].integer == Int64(Self.events(of: .insights) / 2))

        let config = try store.run(
            "SELECT eventData.resourceType, count(*) \(Self.eds) WHERE eventCategory = 'ConfigurationItem' GROUP BY 1")
        #expect(config.rows.reduce(0) { $0 + ($1[1].integer ?? 0) } == Int64(Self.events(of: .config)))

        let clones = try store.run(
            """
            SELECT eventData.eventname as eventName, eventData.userIdentity.principalId as user, COUNT(*) AS apiCount
            \(Self.eds)
            WHERE eventData.eventSource = 'github.audit.streaming' and
                eventTime > '2022-01-21 00:00:00' and eventTime < '2022-01-22 00:00:00' and
                eventData.eventname = 'git.clone'
            GROUP BY eventData.eventname, eventData.userIdentity.principalId
            """, verify: true)
        #expect(!clones.rows.isEmpty)
        #expect(clones.verification?.rowsMatch == true)
    }
}

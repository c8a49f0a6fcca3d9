import Foundation
import Metering
import QueryEngine
import SQLite
import TestSupport
import Testing
import TrailStore

/// Records of Lake's other event data stores (Insights, AWS Config configuration items, integration
/// events) ingested beside a CloudTrail event, queried with their Lake column names over a bare
/// event data store id, and metered as CloudTrail events are: bytes of the referenced columns' chunks.
@Suite struct LakeRecordKindsTests {
    static let eds = "FROM 880143b0-368b-4ef8-a6e1-887a48146de7"

    /// One record of each kind, an hour apart on 2022-01-21, written by hand as JSON Lines.
    static let records = [
        #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"Alice"},"eventTime":"2022-01-21T09:15:00Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-1","eventID":"ct-1","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}"#,
        #"{"eventVersion":"1.08","eventTime":"2022-01-21T10:00:00Z","awsRegion":"us-east-1","eventID":"in-1","eventType":"AwsCloudTrailInsight","recipientAccountId":"123456789012","sharedEventID":"shared-1","insightDetails":{"state":"Start","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.0125},"insight":{"average":4.5},"insightDuration":1,"baselineDuration":10080}}},"eventCategory":"Insight"}"#,
        #"{"eventVersion":"1.08","eventTime":"2022-01-21T10:20:00Z","awsRegion":"us-east-1","eventID":"in-2","eventType":"AwsCloudTrailInsight","recipientAccountId":"123456789012","sharedEventID":"shared-1","insightDetails":{"state":"End","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.0125},"insight":{"average":2.1},"insightDuration":20,"baselineDuration":10080}}},"eventCategory":"Insight"}"#,
        #"{"eventVersion":"1.09","eventCategory":"ConfigurationItem","eventType":"AwsConfigurationItem","eventID":"ci-1","eventTime":"2022-01-21T11:00:00Z","awsRegion":"us-east-1","recipientAccountId":"123456789012","eventData":{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2022-01-21T11:00:00.000Z","configurationItemStatus":"OK","configurationStateId":"1642762800000","accountId":"123456789012","resourceType":"AWS::S3::Bucket","resourceId":"payments-logs","resourceName":"payments-logs","arn":"arn:aws:s3:::payments-logs","awsRegion":"us-east-1","availabilityZone":"Regional","resourceCreationTime":"2021-06-01T00:00:00.000Z","configuration":{"name":"payments-logs","creationDate":"2021-06-01T00:00:00.000Z"},"supplementaryConfiguration":{"BucketVersioningConfiguration":{"status":"Enabled"}},"relatedEvents":[],"relationships":[],"tags":{"Team":"payments"}}}"#,
        #"{"eventVersion":"1.0","eventCategory":"ActivityAuditLog","eventType":"ActivityLog","eventID":"ia-1","eventTime":"2022-01-21T12:00:00Z","awsRegion":"us-east-1","recipientAccountId":"123456789012","metadata":{"ingestionTime":"2022-01-21T12:00:04Z","channelARN":"arn:aws:cloudtrail:us-east-1:123456789012:channel/0b5d4a2e-1f3c-4e5d-9a7b-2c8d1e6f4a3b"},"eventData":{"version":"1.0","userIdentity":{"type":"User","principalId":"octocat","details":{"GitHubOrganization":"example-org","Repository":"example-org/payments"}},"userAgent":"git/2.39.1","eventSource":"github.audit.streaming","eventName":"repo.access","eventTime":"2022-01-21T12:00:00Z","UID":"gh-7f3a","requestParameters":{"visibility":"public","repo":"example-org/payments"},"sourceIPAddress":"203.0.113.7","recipientAccountId":"123456789012","additionalEventData":{"actorLocation":"JP"}}}"#,
    ]

    static let storePath: String = {
        let folder = Scratch.directory("lake-kinds")
        let file = folder.appendingPathComponent("records.jsonl")
        try! Data((records.joined(separator: "\n") + "\n").utf8).write(to: file)
        let path = folder.appendingPathComponent("kinds.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(path, settings: nil)).ingest([file.path])
        return path
    }()

    static func open() throws -> MeteredStore {
        try MeteredStore(path: storePath, clock: QueryClock.fixed("2022-01-22T00:00:00Z")!)
    }

    /// Compressed bytes of the chunks of the named columns, over every segment.
    static func chunkBytes(_ names: [String]) throws -> Int64 {
        let connection = try Connection(path: storePath, mode: .readOnly)
        let list = names.map { "'\($0)'" }.joined(separator: ", ")
        return try connection.scalar(
            "SELECT coalesce(sum(compressed_bytes), 0) FROM chunks WHERE column_id IN (SELECT id FROM columns WHERE name IN (\(list)))"
        )?.integer ?? 0
    }

    static func texts(_ result: MeteredResult) -> [[String?]] {
        result.rows.map { row in row.map { $0 == .null ? nil : $0.text } }
    }

    @Test func insightsEventsByTheirLakeColumns() throws {
        let result = try Self.open().run(
            """
            SELECT eventTime, element_at(insightDetails, 'state') AS state, element_at(insightDetails, 'eventName') AS api,
                   sharedEventID \(Self.eds) WHERE eventCategory = 'Insight' ORDER BY eventTime
            """, verify: true)
        #expect(
            Self.texts(result) == [
                ["2022-01-21 10:00:00.000", "Start", "RunInstances", "shared-1"],
                ["2022-01-21 10:20:00.000", "End", "RunInstances", "shared-1"],
            ])
        #expect(result.verification?.rowsMatch == true)
        let columns = ["eventtime", "insightdetails", "sharedeventid", "eventcategory"]
        #expect(result.columnar.bytesScanned == (try Self.chunkBytes(columns)))
    }

    @Test func configurationItemsByTheirLakeColumns() throws {
        let result = try Self.open().run(
            """
            SELECT eventData.resourceId, eventData.configurationItemStatus, element_at(eventData.tags, 'Team') AS team,
                   json_extract_scalar(eventJson, '$.eventData.configuration.name') AS name
            \(Self.eds) WHERE eventData.resourceType = 'AWS::S3::Bucket'
            """, verify: true)
        #expect(Self.texts(result) == [["payments-logs", "OK", "payments", "payments-logs"]])
        #expect(result.verification?.rowsMatch == true)
    }

    @Test func integrationEventsByTheirLakeColumnsAndTheirMeter() throws {
        // The published GitHub integration query, with its event data store id and dates filled in.
        let result = try Self.open().run(
            """
            SELECT eventData.eventTime as eventTime, eventData.eventSource as eventSource,
                eventData.eventname as eventName,
                element_at(eventData.userIdentity.details, 'GitHubOrganization') as orgName,
                element_at(eventData.userIdentity.details, 'Repository') as repoName,
                element_at(eventData.requestParameters, 'visibility') as repoVisibility
            \(Self.eds)
            WHERE eventData.eventSource = 'github.audit.streaming' and
                eventTime > '2022-01-21 00:00:00' and eventTime < '2022-01-22 00:00:00' and
                eventData.eventName = 'repo.access' and element_at(eventData.requestParameters, 'visibility') = 'public'
            """, verify: true)
        #expect(
            Self.texts(result) == [
                [
                    "2022-01-21T12:00:00Z", "github.audit.streaming", "repo.access", "example-org",
                    "example-org/payments", "public",
                ]
            ])
        #expect(result.verification?.rowsMatch == true)
        // Every segment is inside the bounds; the eventData columns have chunks only where an
        // integration event is, and the meter counts exactly the referenced columns' chunks.
        let columns = [
            "eventtime", "eventdata.eventtime", "eventdata.eventsource", "eventdata.eventname",
            "eventdata.useridentity.details", "eventdata.requestparameters",
        ]
        #expect(result.columnar.bytesScanned == (try Self.chunkBytes(columns)))
        #expect(result.columnar.bytesScanned > (try Self.chunkBytes(["eventtime"])))
    }

    @Test func aStoreOfCloudTrailEventsHoldsNoChunkOfTheOtherStoresColumns() throws {
        let connection = try Connection(path: TestCorpus.built.storePath, mode: .readOnly)
        let other = try connection.scalar(
            """
            SELECT count(*) FROM chunks WHERE column_id > (SELECT id FROM columns WHERE name = 'eventjson')
              AND column_id NOT IN (SELECT id FROM columns WHERE name IN ('_file_id', 'emptyobjects'))
            """
        )
        #expect(other?.integer == 0)
        let mixed = try Connection(path: Self.storePath, mode: .readOnly)
        #expect(
            try mixed.scalar(
                "SELECT count(*) FROM chunks c JOIN columns n ON n.id = c.column_id WHERE n.name LIKE 'eventdata.%'")?
                .integer ?? 0 > 0)
    }

    @Test func otherStoresColumnsStayOutOfAthenaAndOfSelectStar() throws {
        let store = try Self.open()
        let star = try store.run("SELECT * \(Self.eds) WHERE eventID = 'ia-1'")
        #expect(!star.columns.contains { $0.lowercased().hasPrefix("eventdata") })
        #expect(throws: MeteringError.self) {
            try store.run("SELECT eventdata.resourcetype FROM cloudtrail_logs", dialect: .athena)
        }
    }

    @Test func channelAndIngestionTimeOfIntegrationEvents() throws {
        let result = try Self.open().run(
            "SELECT metadata.channelArn, metadata.ingestionTime, eventData.UID \(Self.eds) WHERE eventCategory = 'ActivityAuditLog'"
        )
        #expect(
            Self.texts(result) == [
                [
                    "arn:aws:cloudtrail:us-east-1:123456789012:channel/0b5d4a2e-1f3c-4e5d-9a7b-2c8d1e6f4a3b",
                    "2022-01-21T12:00:04Z", "gh-7f3a",
                ]
            ])
    }
}

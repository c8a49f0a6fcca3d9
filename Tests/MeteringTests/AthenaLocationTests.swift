import CloudTrail
import Foundation
import Metering
import QueryEngine
import SQLite
import TestSupport
import Testing
import TrailStore

/// A generated trail of two accounts and two regions with Insights deliveries, laid out as one
/// bucket holding an account's own trail (`AWSLogs/<plain>/...`) and an organization trail's
/// member (`AWSLogs/o-exampleorg/<member>/...`, the generated files moved there).
enum LocationCorpus {
    struct Built: @unchecked Sendable {
        let storePath: String
        /// The account delivering as its own trail, and the organization trail's member.
        let plain: String
        let member: String
    }

    static let organization = "o-exampleorg"

    static let built: Built = {
        let folder = Scratch.directory("location-corpus")
        let trail = folder.appendingPathComponent("trail")
        var spec = SampleTrailSpec(
            days: 2, eventsPerDay: 2_000, regions: ["us-east-1", "eu-west-1"], accounts: 2,
            start: TrailDate(year: 2022, month: 1, day: 21))
        spec.otherKinds = [.insights]
        _ = try! SampleTrailGenerator.write(spec, to: trail)
        let logs = trail.appendingPathComponent("AWSLogs")
        let accounts = try! FileManager.default.contentsOfDirectory(atPath: logs.path).sorted()
        precondition(accounts.count == 2)
        let organizationFolder = logs.appendingPathComponent(organization)
        try! FileManager.default.createDirectory(at: organizationFolder, withIntermediateDirectories: true)
        try! FileManager.default.moveItem(
            at: logs.appendingPathComponent(accounts[1]), to: organizationFolder.appendingPathComponent(accounts[1]))
        let path = folder.appendingPathComponent("location.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(path, settings: nil)).ingest([trail.path])
        return Built(storePath: path, plain: accounts[0], member: accounts[1])
    }()

    static let clock = QueryClock.fixed("2022-01-23T00:00:00Z")!

    static func open(_ ddl: String? = nil) throws -> MeteredStore {
        try MeteredStore(
            path: built.storePath, athenaDefinition: try ddl.map(AthenaTableDefinition.parse), clock: clock)
    }

    /// Sums a column of the catalog's files `where` says.
    static func files(_ column: String, where condition: String) throws -> Int64 {
        let connection = try Connection(path: built.storePath, mode: .readOnly)
        return try connection.scalar("SELECT coalesce(sum(\(column)), 0) FROM files WHERE \(condition)")?.integer ?? 0
    }
}

/// The user's table reads only what lies under its LOCATION (or its projection template):
/// the raw layout bills only those files, and every layout answers with only their events.
@Suite struct AthenaLocationTests {
    static let plain = LocationCorpus.built.plain
    static let member = LocationCorpus.built.member

    /// Files of the plain account's own trail, CloudTrail events only, with `more` conditions.
    static func plainEvents(_ more: String = "") -> String {
        "s3_key LIKE 'AWSLogs/\(plain)/CloudTrail/%' AND organization_id IS NULL" + more
    }

    @Test func documentedProjectionTableReadsItsAccountAndRegionOnly() throws {
        let store = try LocationCorpus.open(AthenaDDLFixtures.documentedProjection(account: Self.plain))
        let condition = Self.plainEvents(" AND region = 'us-east-1' AND day = '2022/01/22'")
        let result = try store.run(
            """
            SELECT recipientaccountid, awsregion, count(*) FROM cloudtrail_logs_pp
            WHERE "timestamp" = '2022/01/22' GROUP BY 1, 2 ORDER BY 1, 2
            """, verify: true)
        let bytes = try LocationCorpus.files("compressed_bytes", where: condition)
        let events = try LocationCorpus.files("events", where: condition)
        #expect(bytes > 0 && result.raw.bytesScanned == bytes)
        #expect(result.raw.unitsRead == Int(try LocationCorpus.files("1", where: condition)))
        // Only the account's own events recorded in us-east-1 (global services log there too).
        #expect(result.rows.map { $0[0] } == [.text(Self.plain)])
        #expect(result.rows.map { $0[2].integer ?? 0 }.reduce(0, +) == events)
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        // Without a partition bound the table still reads only its account and region.
        let whole = try store.run("SELECT count(*) FROM cloudtrail_logs_pp", verify: true)
        #expect(
            whole.raw.bytesScanned
                == (try LocationCorpus.files("compressed_bytes", where: Self.plainEvents(" AND region = 'us-east-1'"))))
        #expect(
            whole.rows == [
                [.integer(try LocationCorpus.files("events", where: Self.plainEvents(" AND region = 'us-east-1'")))]
            ])
        #expect(whole.verification?.rowsMatch == true && whole.verification?.bytesMatch == true)
        #expect(
            store.athenaLocationNote?.contains("bucket amzn-s3-demo-bucket is not known to the store: ignored") == true)
    }

    @Test func aLocationThatFixesTheAccountLeavesTheRegionToItsProjection() throws {
        let store = try LocationCorpus.open(AthenaDDLFixtures.accountWithProjectedRegion(account: Self.plain))
        let result = try store.run(
            "SELECT count(*) FROM cloudtrail_account WHERE region = 'eu-west-1'", verify: true)
        let condition = Self.plainEvents(" AND region = 'eu-west-1'")
        #expect(result.raw.bytesScanned == (try LocationCorpus.files("compressed_bytes", where: condition)))
        #expect(result.rows == [[.integer(try LocationCorpus.files("events", where: condition))]])
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        let accounts = try store.run("SELECT DISTINCT recipientaccountid FROM cloudtrail_account", verify: true)
        #expect(accounts.rows == [[.text(Self.plain)]])
        #expect(accounts.raw.bytesScanned == (try LocationCorpus.files("compressed_bytes", where: Self.plainEvents())))
    }

    @Test func anOrganizationTrailLocationReadsItsMemberOnly() throws {
        let store = try LocationCorpus.open(
            AthenaDDLFixtures.organizationMember(organization: LocationCorpus.organization, account: Self.member))
        let result = try store.run(
            "SELECT recipientaccountid, count(*) FROM org_member GROUP BY 1", dialect: .athena, verify: true)
        let condition = "s3_key LIKE 'AWSLogs/\(LocationCorpus.organization)/\(Self.member)/CloudTrail/%'"
        #expect(result.rows == [[.text(Self.member), .integer(try LocationCorpus.files("events", where: condition))]])
        #expect(result.raw.bytesScanned == (try LocationCorpus.files("compressed_bytes", where: condition)))
        #expect(result.verification?.rowsMatch == true)
        // The same account outside the organization's prefix holds nothing.
        let outside = try LocationCorpus.open(AthenaDDLFixtures.documentedProjection(account: Self.member))
        #expect(try outside.run("SELECT count(*) FROM cloudtrail_logs_pp").rows == [[.integer(0)]])
    }

    @Test func renamedProjectionColumnsUnderAnOrganizationPrefix() throws {
        let store = try LocationCorpus.open(AthenaDDLFixtures.projectedAccountRegion)
        let result = try store.run(
            "SELECT count(*) FROM org_trail WHERE dt = '2022/01/22' AND rgn = 'eu-west-1'", verify: true)
        let condition =
            "organization_id = '\(LocationCorpus.organization)' AND s3_key LIKE '%/CloudTrail/%' AND day = '2022/01/22' AND region = 'eu-west-1'"
        let bytes = try LocationCorpus.files("compressed_bytes", where: condition)
        #expect(bytes > 0 && result.raw.bytesScanned == bytes)
        #expect(result.rows == [[.integer(try LocationCorpus.files("events", where: condition))]])
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        // Columns the DDL does not declare are not there.
        #expect(throws: MeteringError.self) { try store.run("SELECT useragent FROM org_trail", dialect: .athena) }
    }

    @Test func aLocationMatchingNoFileGivesNoRowsAndSaysWhy() throws {
        // The guide's own account id is not in the store.
        let store = try LocationCorpus.open(AthenaDDLFixtures.documentedProjection())
        let result = try store.run(
            "SELECT count(*) FROM cloudtrail_logs_pp WHERE \"timestamp\" >= '2022/01/01'", verify: true)
        #expect(result.rows == [[.integer(0)]])
        #expect(result.raw.bytesScanned == 0 && result.raw.unitsRead == 0)
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        let note = try #require(store.athenaLocationNote)
        #expect(note.contains("reads the files under AWSLogs/111122223333/CloudTrail/us-east-1/ (bucket"))
        #expect(note.contains("no file in the store lies under it"))
        // Lake statements read the event data store, which no LOCATION restricts.
        let lake = try store.run("SELECT count(*) FROM 880143b0-368b-4ef8-a6e1-887a48146de7")
        #expect((lake.rows.first?.first?.integer ?? 0) > 0)
    }

    @Test func aCloudTrailLocationDoesNotReadInsightsDeliveries() throws {
        let insights = "s3_key LIKE '%/CloudTrail-Insight/%'"
        #expect(try LocationCorpus.files("events", where: insights) > 0)
        let ddl = try LocationCorpus.open(
            AthenaDDLFixtures.organizationMember(organization: LocationCorpus.organization, account: Self.member))
        let underDDL = try ddl.run(
            "SELECT count(*) FROM org_member WHERE eventtype = 'AwsCloudTrailInsight'", dialect: .athena, verify: true)
        #expect(underDDL.rows == [[.integer(0)]])
        // The default table is the console's (…/CloudTrail/): every account and region, no Insights.
        let plain = try LocationCorpus.open()
        let all = try plain.run("SELECT count(*) FROM cloudtrail_logs", verify: true)
        #expect(all.rows == [[.integer(try LocationCorpus.files("events", where: "NOT (\(insights))"))]])
        #expect(all.raw.bytesScanned == (try LocationCorpus.files("compressed_bytes", where: "NOT (\(insights))")))
        #expect(all.verification?.rowsMatch == true && all.verification?.bytesMatch == true)
        #expect(plain.athenaLocationNote?.contains("Insights files (CloudTrail-Insight/) left out") == true)
        // Lake's Insights queries still see them.
        let lake = try plain.run(
            "SELECT count(*) FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventCategory = 'Insight'")
        #expect(lake.rows == [[.integer(try LocationCorpus.files("events", where: insights))]])
        // A location that stops before the trail folder reads the Insights deliveries, as Athena would.
        let prefix = try LocationCorpus.open(AthenaDDLFixtures.accountPrefix(account: Self.plain))
        let both = try prefix.run(
            "SELECT count(*) FROM account_prefix WHERE eventtype = 'AwsCloudTrailInsight'", verify: true)
        #expect(
            both.rows
                == [
                    [
                        .integer(
                            try LocationCorpus.files(
                                "events", where: "\(insights) AND s3_key LIKE 'AWSLogs/\(Self.plain)/%'"))
                    ]
                ])
        #expect(both.verification?.rowsMatch == true)
    }

    @Test func theDryRunPlansTheTableFilesOnly() throws {
        let store = try LocationCorpus.open(AthenaDDLFixtures.documentedProjection(account: Self.plain))
        let sql = "SELECT eventname, count(*) FROM cloudtrail_logs_pp WHERE \"timestamp\" = '2022/01/21' GROUP BY 1"
        let dry = try store.dryRun(sql)
        let run = try store.run(sql, verify: true)
        #expect(dry.raw.bytesScanned == run.raw.bytesScanned)
        #expect(dry.columnar.bytesScanned == run.columnar.bytesScanned)
    }

    @Test func locationsAreReadSegmentBySegment() {
        let documented = AthenaTableLocation("s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1")
        #expect(documented.account == "111122223333" && documented.region == "us-east-1")
        #expect(documented.folder == "CloudTrail" && documented.underOrganization == false)
        #expect(documented.bucket == "amzn-s3-demo-bucket")
        let organization = AthenaTableLocation("s3://b/prefix/AWSLogs/o-abcdef1234/111122223333/CloudTrail/")
        #expect(organization.organizationID == "o-abcdef1234" && organization.account == "111122223333")
        #expect(organization.region == nil)
        let template = AthenaTableLocation("s3://b/AWSLogs/${account}/CloudTrail/${region}/${timestamp}")
        #expect(template.account == nil && template.region == nil && template.folder == "CloudTrail")
        #expect(template.underOrganization == false)
        let placeholders = AthenaTableLocation("s3://<bucket>/AWSLogs/<org-id>/<account-id>/CloudTrail/")
        #expect(placeholders.underOrganization == true && placeholders.organizationID == nil)
        #expect(placeholders.account == nil && placeholders.folder == "CloudTrail")
        let day = AthenaTableLocation("s3://b/AWSLogs/111122223333/CloudTrail/eu-west-1/2022/01/")
        #expect(day.dayPrefix == "2022/01")
        #expect(AthenaTableLocation("s3://b/").readsEverything)
        #expect(organization.restriction == "AWSLogs/o-abcdef1234/111122223333/CloudTrail/")
        #expect(template.restriction == "AWSLogs/*/CloudTrail/")
        #expect(placeholders.restriction == "AWSLogs/*/*/CloudTrail/")
        #expect(day.restriction == "AWSLogs/111122223333/CloudTrail/eu-west-1/2022/01/")
        #expect(AthenaTableLocation.defaultTable.restriction == "AWSLogs/[<org>/]*/CloudTrail/")
    }
}

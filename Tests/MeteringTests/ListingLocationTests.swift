import CloudTrail
import Foundation
import Metering
import QueryEngine
import Testing
import TrailStore

/// A listing of a bucket with two accounts (one an organization trail's member) and Insights
/// deliveries plans, under an Athena table's LOCATION, exactly as a full ingest of the same files
/// does: the location's organization, account, region and trail folder restrict listed files as
/// they restrict ingested ones.
@Suite("Listed files under an Athena table's location")
struct ListingLocationTests {
    /// The location corpus's bucket as `aws s3 ls --recursive` text, imported into a store of its own.
    static let listedStore: String = {
        let folder = URL(fileURLWithPath: LocationCorpus.built.storePath).deletingLastPathComponent()
        let tree = folder.appendingPathComponent("trail").path
        let keys = FileManager.default.enumerator(atPath: tree)!.compactMap { $0 as? String }.sorted()
        let lines = keys.compactMap { key -> String? in
            let attributes = try? FileManager.default.attributesOfItem(atPath: tree + "/" + key)
            guard attributes?[.type] as? FileAttributeType == .typeRegular,
                let size = attributes?[.size] as? NSNumber
            else { return nil }
            return "2022-01-23 01:02:03 \(size.int64Value) \(key)"
        }
        let listing = folder.appendingPathComponent("bucket-ls.txt")
        try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: listing)
        let store = folder.appendingPathComponent("listed.tmstore").path
        _ = try! ListingImporter(store: StoreFile.openForWriting(store, settings: nil)).importListings([listing.path])
        return store
    }()

    static let plain = LocationCorpus.built.plain
    static let member = LocationCorpus.built.member

    /// The member's eu-west-1 folder of the organization trail: one account, one region.
    static let memberRegion = """
        CREATE EXTERNAL TABLE member_region (eventtime STRING, eventtype STRING, recipientaccountid STRING)
        \(AthenaDDLFixtures.serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/\(LocationCorpus.organization)/\(member)/CloudTrail/eu-west-1/'
        """

    /// Each table (nil: the default, the console's `…/CloudTrail/` table) with queries over it.
    static let cases: [(ddl: String?, queries: [String])] = [
        (nil, ["SELECT count(*) FROM cloudtrail_logs"]),
        (memberRegion, ["SELECT count(*) FROM member_region"]),
        (
            AthenaDDLFixtures.documentedProjection(account: plain),
            [
                "SELECT count(*) FROM cloudtrail_logs_pp",
                "SELECT count(*) FROM cloudtrail_logs_pp WHERE \"timestamp\" = '2022/01/22'",
            ]
        ),
        (
            AthenaDDLFixtures.organizationMember(organization: LocationCorpus.organization, account: member),
            ["SELECT count(*) FROM org_member"]
        ),
        (AthenaDDLFixtures.accountPrefix(account: plain), ["SELECT count(*) FROM account_prefix"]),
    ]

    /// The raw layout's plan of each query, and the location's note, on the store at `path`.
    static func plans(_ path: String, ddl: String?, queries: [String]) throws -> [String] {
        let store = try MeteredStore(
            path: path, athenaDefinition: try ddl.map(AthenaTableDefinition.parse), clock: LocationCorpus.clock)
        return try queries.map { sql in
            let raw = try store.run(sql, dialect: .athena).raw
            return "\(raw.bytesScanned) bytes, \(raw.unitsRead) of \(raw.unitsTotal) files"
        } + [store.athenaLocationNote ?? "no note"]
    }

    @Test(arguments: 0..<5)
    func listedFilesPlanAsIngestedOnesUnderTheLocation(index: Int) throws {
        let (ddl, queries) = Self.cases[index]
        let listed = try Self.plans(Self.listedStore, ddl: ddl, queries: queries)
        #expect(listed == (try Self.plans(LocationCorpus.built.storePath, ddl: ddl, queries: queries)))
        let firstBytes = Int64(listed[0].prefix { $0 != " " }) ?? 0
        #expect(firstBytes > 0, "\(listed)")
    }

    @Test func theDefaultTableLeavesListedInsightsOut() throws {
        let origins = try CatalogOrigins.of(StoreFile.openForReading(Self.listedStore))
        let insights = try LocationCorpus.files("compressed_bytes", where: "s3_key LIKE '%/CloudTrail-Insight/%'")
        #expect(insights > 0 && origins.listedFiles > 0 && origins.ingestedFiles == 0)
        let store = try MeteredStore(path: Self.listedStore, clock: LocationCorpus.clock)
        let raw = try store.run("SELECT count(*) FROM cloudtrail_logs").raw
        #expect(raw.bytesScanned == origins.listedBytes - insights)
        #expect(raw.listedUnitsRead == raw.unitsRead)
        #expect(store.athenaLocationNote?.contains("Insights files (CloudTrail-Insight/) left out") == true)
    }
}

import Metering
import QueryEngine
import SQLite
import Testing

/// The user's own Athena table (`--athena-ddl`) decides the raw layout's columns, types and
/// partition pruning; without one, the shape is assumed from the partition columns a query uses.
@Suite struct AthenaDDLTests {
    /// Opens the test corpus with `ddl`, its documented account id (111122223333, in LOCATION)
    /// replaced by the corpus's account, so the table's location holds the corpus's files.
    static func open(_ ddl: String) throws -> MeteredStore {
        let account = try #require(
            try Connection(path: TestCorpus.built.storePath, mode: .readOnly).scalar("SELECT min(account) FROM files")?
                .text)
        return try MeteredStore(
            path: TestCorpus.built.storePath, athenaTable: .unpartitioned,
            athenaDefinition: try AthenaTableDefinition.parse(
                ddl.replacingOccurrences(of: "111122223333", with: account)),
            clock: TestCorpus.clock)
    }

    static func storeSum(_ sql: String) throws -> Int64 { try MeterTests.storeSum(sql) }

    @Test func everyDocumentedShapeParses() throws {
        let console = try AthenaTableDefinition.parse(AthenaDDLFixtures.console)
        #expect(console.partitionColumns.isEmpty && console.shape == "unpartitioned")
        #expect(console.column("userIdentity")?.type != nil)
        #expect(console.location == "s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/")

        let manual = try AthenaTableDefinition.parse(AthenaDDLFixtures.manual)
        #expect(manual.shape == "manual partitions region, year, month, day")
        #expect(manual.layoutPartitions == ["region", "year", "month", "day"])

        let projected = try AthenaTableDefinition.parse(AthenaDDLFixtures.projectedTimestamp)
        #expect(projected.isProjected && projected.partitionMapping == ["timestamp": "timestamp"])

        let organization = try AthenaTableDefinition.parse(AthenaDDLFixtures.projectedAccountRegion)
        #expect(organization.partitionMapping == ["acct": "account", "rgn": "region", "dt": "timestamp"])
        #expect(organization.shape == "partition projection on acct, rgn, dt")

        let copy = try AthenaTableDefinition.parse(AthenaDDLFixtures.projectedCopyWithoutAWSLogs)
        #expect(copy.partitionMapping == ["acct_no": "account", "region": "region", "day_key": "timestamp"])

        let structs = try AthenaTableDefinition.parse(AthenaDDLFixtures.structRequestParameters)
        guard case .structure(let fields)? = structs.column("requestparameters")?.type else {
            Issue.record("requestparameters should be a struct")
            return
        }
        #expect(fields.map(\.name) == ["bucketname", "host", "key"])
    }

    @Test func aBrokenStatementSaysWhere() {
        #expect(throws: QueryError.self) {
            try AthenaTableDefinition.parse("CREATE EXTERNAL TABLE t (a STRUCT<b STRING>)")
        }
        #expect(throws: QueryError.self) {
            try AthenaTableDefinition.parse("CREATE EXTERNAL TABLE t (a STRING) PARTITIONED BY (shard string)")
        }
    }

    @Test func projectionPrunesByTimestamp() throws {
        let store = try Self.open(AthenaDDLFixtures.projectedTimestamp)
        let result = try store.run(
            "SELECT count(*) FROM cloudtrail_logs_pp WHERE \"timestamp\" = '2022/01/22'", verify: true)
        // The documented LOCATION fixes the region too: us-east-1's files of that day.
        #expect(
            result.raw.bytesScanned
                == (try Self.storeSum(
                    "SELECT sum(compressed_bytes) FROM files WHERE day = '2022/01/22' AND region = 'us-east-1'")))
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        // The table has no region partition: a region bound is an unknown column.
        #expect(throws: MeteringError.self) {
            try store.run("SELECT count(*) FROM cloudtrail_logs_pp WHERE region = 'eu-west-1'")
        }
    }

    @Test func manualPartitionsPruneByRegionAndDay() throws {
        let store = try Self.open(AthenaDDLFixtures.manual)
        let result = try store.run(
            "SELECT count(*) FROM cloudtrail_logs WHERE region = 'eu-west-1' AND year = '2022' AND month = '01' AND day = '22'",
            verify: true)
        let bytes = try Self.storeSum(
            "SELECT sum(compressed_bytes) FROM files WHERE day = '2022/01/22' AND region = 'eu-west-1'")
        #expect(bytes > 0 && result.raw.bytesScanned == bytes)
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        // The manual table has no `timestamp` column.
        #expect(throws: MeteringError.self) {
            try store.run("SELECT count(*) FROM cloudtrail_logs WHERE \"timestamp\" = '2022/01/22'")
        }
    }

    @Test func theConsoleTableReadsEverythingAndLacksTheNewerColumns() throws {
        let store = try Self.open(AthenaDDLFixtures.console)
        let result = try store.run("SELECT count(*) FROM t WHERE eventtime >= '2022-01-22T00:00:00Z'")
        #expect(result.raw.unitsRead == store.fileCount)
        #expect(throws: MeteringError.self) { try store.run("SELECT eventcategory FROM t", dialect: .athena) }
    }

    @Test func structTypedRequestParametersTakeDotPaths() throws {
        let store = try Self.open(AthenaDDLFixtures.structRequestParameters)
        let viaStruct = try store.run(
            """
            SELECT requestparameters.bucketname, count(*) FROM cloudtrail_s3_data
            WHERE eventsource = 's3.amazonaws.com' AND requestParameters.bucketName IS NOT NULL
            GROUP BY 1 ORDER BY 1
            """, dialect: .athena)
        #expect(!viaStruct.rows.isEmpty)
        // The same rows as json_extract_scalar over the default table's string column.
        let plain = try TestCorpus.open()
        let viaJSON = try plain.run(
            """
            SELECT json_extract_scalar(requestparameters, '$.bucketName'), count(*) FROM cloudtrail_logs
            WHERE eventsource = 's3.amazonaws.com' AND json_extract_scalar(requestparameters, '$.bucketName') IS NOT NULL
            GROUP BY 1 ORDER BY 1
            """, dialect: .athena)
        #expect(viaStruct.rows == viaJSON.rows)
        // On the default table the column is a string and the dot path is refused.
        #expect(throws: MeteringError.self) {
            try plain.run("SELECT requestparameters.bucketname FROM cloudtrail_logs", dialect: .athena)
        }
    }

    @Test func withoutATableTheShapeIsAssumedFromThePartitionsUsed() throws {
        let store = try TestCorpus.open(.projected)
        let byDay = try store.run("SELECT count(*) FROM cloudtrail_logs WHERE \"timestamp\" >= '2022/01/22'")
        #expect(byDay.translation.partitionsUsed == ["timestamp"])
        #expect(
            AthenaTableKind.assumedShape(partitionsUsed: byDay.translation.partitionsUsed)
                == "partition projection on timestamp")
        let byRegion = try store.run(
            "SELECT count(*) FROM cloudtrail_logs WHERE region = 'eu-west-1' AND year = '2022'")
        #expect(
            AthenaTableKind.assumedShape(partitionsUsed: byRegion.translation.partitionsUsed)
                == "manual partitions region, year, month, day")
        let none = try store.run("SELECT count(*) FROM cloudtrail_logs")
        #expect(AthenaTableKind.assumedShape(partitionsUsed: none.translation.partitionsUsed) == "unpartitioned")
    }
}

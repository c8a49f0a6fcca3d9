import QueryEngine
import Testing

/// Results of some published queries (Fixtures/PublishedQueries), checked by hand against the
/// fixture events: that a query runs says little unless what it returns is right.
@Suite struct PublishedQuerySpotChecks {
    /// The query text of the corpus file whose name starts with `prefix` (`athena/102_`).
    static func query(_ prefix: String) throws -> String {
        let directory = PublishedQueryCorpusTests.directory
        let file = try #require(Conformance.sqlFiles(directory).first { $0.hasPrefix(prefix) }, "no \(prefix)")
        return Conformance.queryText(try #require(SampleSpotChecks.readText(directory + "/" + file)))
    }

    static func rows(_ prefix: String, filling placeholders: [(String, String)] = []) throws -> [[String]] {
        var sql = try query(prefix)
        for (placeholder, value) in placeholders { sql = sql.replacing(placeholder, with: value) }
        return try Fixture.rows(sql, prefix.hasPrefix("lake/") ? .lake : .athena)
    }

    @Test func consoleLoginWithoutMFAReadsAdditionalEventDataAsJSONText() throws {
        // E1 only: E11 signed in with MFA and as an assumed role.
        #expect(
            try Self.rows("athena/102_") == [
                [
                    "2022-01-22T00:00:30Z", "ConsoleLogin", "arn:aws:iam::152231080651:user/Yuta0128", "No",
                    "203.0.113.7", "Mozilla/5.0",
                ]
            ])
    }

    @Test func accessKeysCreatedForAnotherUserNewestFirst() throws {
        let rows = try Self.rows("athena/103_")
        #expect(
            rows.map { [$0[0], $0[3]] } == [
                ["2022-01-21T23:00:00Z", "deploy-bot"], ["2021-07-15T09:30:00Z", "ci-bot"],
            ])
    }

    @Test func partitionedQueriesRunOnceTheirPartitionValuesAreFilledIn() throws {
        // The README's '####' / '##' stand for year and month partition values; filled in, the
        // query reads the region/year/month/day table shape and keeps January 2022 only (E4,
        // not E9 of 2023 with the same key).
        let key = [("AKIAxxxxxxxxxxxxxxxx", "AKIAIOSFODNN7EXAMPLE"), ("'####'", "'2022'"), ("'##'", "'01'")]
        #expect(
            try Self.rows("athena/079_", filling: key) == [
                [
                    "AROAEXAMPLEROLE:alice@example.com", "arn:aws:sts::152231080651:assumed-role/admin-role/alice",
                    "152231080651", "us-east-1",
                ]
            ])
        #expect(try Self.rows("athena/080_", filling: key).map { $0[2] } == ["GetObject"])
    }

    @Test func errorsByUserSkipEventsWithoutAnErrorCode() throws {
        // errorcode != '' is NULL (not true) for the events without an error code.
        let day = [("'us-east-1'", "'us-west-2'"), ("'2019'", "'2022'"), ("'09'", "'01'"), ("'19'", "'22'")]
        #expect(
            try Self.rows("athena/100_", filling: day) == [["arn:aws:iam::152231080651:root", "AccessDenied", "1"]])
    }

    @Test func lakeLambdaOverResourcesFindsTheObjectRead() throws {
        #expect(try Self.rows("lake/015_").map { $0[0] } == ["GetObject"])
        #expect(try Self.rows("lake/018_").isEmpty)  // no Lambda function among the fixture's resources
    }

    @Test func lakeSessionIssuersOfAssumedRoles() throws {
        // E4, E5 (admin-role), E8 (dba), E9 (alice), E11 (no session context).
        #expect(
            try Self.rows("lake/016_").map { $0[0] }.sorted() == ["NULL", "admin-role", "admin-role", "alice", "dba"])
    }

    @Test func lakeConsoleSignInsBySourceIP() throws {
        #expect(try Self.rows("lake/017_").sorted { $0[0] < $1[0] } == [["10.0.5.5", "1"], ["203.0.113.7", "1"]])
    }
}

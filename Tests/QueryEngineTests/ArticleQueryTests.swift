import QueryEngine
import TestSupport
import Testing

/// The five queries of the article that asked for TrailMeter, verbatim.
@Suite struct ArticleQueryTests {
    @Test func firstQueryWithInlineNoteListsEveryEventNewestFirst() throws {
        let sql = ArticleQueries.newestEvents
        let (translation, _) = try Fixture.run(sql)
        #expect(translation.dialect == .athena)
        #expect(translation.dialectWasDetected)
        #expect(translation.referencedTable == "cloudtrail_logs_aws_cloudtrail_logs_152231080651_2bc74aa9")
        #expect(translation.columns == ["eventtime", "userName", "eventname"])
        let rows = try Fixture.rows(sql)
        #expect(rows.count == 12)
        #expect(rows.first == ["2023-01-03T10:00:00Z", "NULL", "RunInstances"])
        #expect(rows[1] == ["2022-01-22T07:00:00Z", "NULL", "PutBucketPublicAccessBlock"])
        #expect(rows[8] == ["2022-01-21T23:00:00Z", "Yuta0128", "CreateAccessKey"])
        #expect(rows.last == ["2021-07-15T09:30:00Z", "alice", "CreateAccessKey"])
    }

    @Test func secondQueryFindsRunInstances() throws {
        let sql = ArticleQueries.runInstances
        #expect(
            try Fixture.rows(sql) == [
                ["2023-01-03T10:00:00Z", "NULL", "RunInstances"],
                ["2022-01-22T01:15:00Z", "Yuta0128", "RunInstances"],
            ])
    }

    @Test func thirdQueryFindsConsoleLogin() throws {
        let sql = ArticleQueries.consoleLogins
        #expect(
            try Fixture.rows(sql) == [
                ["2022-01-22T00:00:30Z", "Yuta0128", "ConsoleLogin"],
                ["2021-07-16T08:00:00Z", "NULL", "ConsoleLogin"],
            ])
    }

    @Test func fourthQueryKeepsBothEndsOfTheWindow() throws {
        let sql = ArticleQueries.lakeWindow
        let (translation, _) = try Fixture.run(sql)
        #expect(translation.dialect == .lake)
        #expect(translation.referencedTable == "880143b0-368b-4ef8-a6e1-887a48146de7")
        // Plain column-against-constant comparisons, constants in Lake's printed form: what a
        // layout's xBestIndex can prune by.
        #expect(translation.sqliteSQL.contains(#"("eds1"."eventtime" >= '2022-01-22 00:00:30.000')"#))
        #expect(translation.sqliteSQL.contains(#"("eds1"."eventtime" <= '2022-01-22 05:00:00.000')"#))
        #expect(
            try Fixture.rows(sql) == [
                ["2022-01-22 05:00:00.000", "Yuta0128", "ec2.amazonaws.com", "DescribeInstances", "ap-northeast-1"],
                ["2022-01-22 02:00:00.000", "NULL", "rds.amazonaws.com", "CreateDBInstance", "eu-west-1"],
                ["2022-01-22 01:15:00.000", "Yuta0128", "ec2.amazonaws.com", "RunInstances", "ap-northeast-1"],
                ["2022-01-22 00:00:30.000", "Yuta0128", "signin.amazonaws.com", "ConsoleLogin", "ap-northeast-1"],
            ])
    }

    @Test func fifthQueryFiltersUserAndRegion() throws {
        let sql = ArticleQueries.lakeUserInRegion
        #expect(
            try Fixture.rows(sql) == [
                ["2022-01-22 05:00:00.000", "ec2.amazonaws.com", "DescribeInstances", "ap-northeast-1"],
                ["2022-01-22 01:15:00.000", "ec2.amazonaws.com", "RunInstances", "ap-northeast-1"],
                ["2022-01-22 00:00:30.000", "signin.amazonaws.com", "ConsoleLogin", "ap-northeast-1"],
            ])
    }
}

import Metering
import QueryEngine
import SQLite
import Testing

/// Both layouts return the same rows, and the raw layout reads exactly the files it planned.
@Suite struct LayoutAgreementTests {
    @Test(arguments: 0..<5) func articleQueryGivesTheSameRowsFromBothLayouts(_ number: Int) throws {
        let store = try TestCorpus.open()
        let result = try store.run(TestCorpus.articleQueries[number], verify: true)
        let verification = try #require(result.verification)
        #expect(!result.rows.isEmpty)
        #expect(verification.rowsMatch)
        #expect(verification.bytesMatch)
        #expect(verification.executed.bytesScanned > 0)
    }
}

/// More queries, each run on both layouts.
@Suite struct MoreAgreementTests {
    static let queries: [(AthenaTableKind, String)] = [
        (
            .projected,
            "SELECT \"timestamp\", region, count(*) FROM t WHERE \"timestamp\" >= '2022/01/22' GROUP BY 1, 2 ORDER BY 1, 2"
        ),
        (
            .projected,
            "SELECT eventtime, eventname, account FROM t WHERE region = 'ap-northeast-1' AND year = '2022' AND day = '21' ORDER BY eventtime LIMIT 50"
        ),
        (
            .unpartitioned,
            "SELECT useridentity.arn, count(*) AS n FROM t WHERE errorcode IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 20"
        ),
        (
            .unpartitioned,
            "SELECT eventtime, json_extract_scalar(requestparameters, '$.bucketName') FROM t WHERE eventsource = 's3.amazonaws.com' ORDER BY eventtime LIMIT 30"
        ),
        (
            .unpartitioned,
            "SELECT r.arn, count(*) FROM t CROSS JOIN UNNEST(resources) AS u(r) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
        ),
        (
            .unpartitioned,
            "SELECT eventjson FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventtime > '2022-01-22 06:00:00' AND eventtime < '2022-01-22 06:10:00' ORDER BY eventtime"
        ),
        (
            .unpartitioned,
            "SELECT element_at(additionaleventdata, 'MFAUsed'), readonly, count(*) FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventname = 'ConsoleLogin' GROUP BY 1, 2 ORDER BY 1, 2"
        ),
    ]

    @Test(arguments: 0..<queries.count) func sameRowsOnBothLayouts(_ index: Int) throws {
        let (table, sql) = Self.queries[index]
        let store = try TestCorpus.open(table)
        let result = try store.run(sql, verify: true)
        #expect(result.verification?.rowsMatch == true)
        #expect(result.verification?.bytesMatch == true)
        #expect(store.ledger.fileBytes == result.raw.bytesScanned)
        #expect(store.ledger.chunkBytes == result.columnar.bytesScanned)
    }
}

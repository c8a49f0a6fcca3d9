import Metering
import QueryEngine
import Testing

/// A dry run states both layouts' bytes without reading event data, and agrees with an executed
/// run where it says exact.
@Suite struct DryRunTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let sql: String
        let table: AthenaTableKind
        let precision: DryRunPrecision
        var testDescription: String { String(sql.prefix(90)) }

        init(_ sql: String, _ precision: DryRunPrecision = .exact, table: AthenaTableKind = .unpartitioned) {
            self.sql = sql
            self.table = table
            self.precision = precision
        }
    }

    static let lake = "880143b0-368b-4ef8-a6e1-887a48146de7"

    /// The article's five queries and twenty more: other columns, eventTime windows in both
    /// dialects, partition predicates, joins and subqueries, `SELECT *`, `count(*)`.
    static let cases: [Case] =
        ArticleQueries.all.map { Case($0) } + [
            Case("SELECT count(*) FROM t"),
            Case("SELECT eventname, count(*) FROM t GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"),
            Case("SELECT * FROM t WHERE eventtime >= '2022-01-22T00:00:00Z' AND eventtime < '2022-01-22T03:00:00Z'"),
            Case("SELECT * FROM \(lake) WHERE eventtime > '2022-01-22 06:00:00' AND eventtime < '2022-01-22 07:00:00'"),
            Case(
                "SELECT count(*) FROM \(lake) WHERE eventtime >= '2022-01-21 12:00:00' AND eventtime < '2022-01-21 18:00:00'"
            ),
            Case("SELECT sourceipaddress, useragent FROM t WHERE eventsource = 'iam.amazonaws.com'"),
            Case(
                "SELECT eventname FROM t WHERE eventtime BETWEEN '2022-01-21T10:00:00Z' AND '2022-01-21T11:00:00Z'"),
            Case(
                "SELECT eventsource, count(*) FROM \(lake) WHERE eventtime >= '2022-01-22 00:00:00' GROUP BY eventsource"
            ),
            Case(
                "SELECT eventname FROM \(lake) WHERE eventtime > date_add('hour', -6, timestamp '2022-01-23 00:00:00')"),
            Case("SELECT eventname FROM t WHERE \"timestamp\" = '2022/01/22'", table: .projected),
            Case(
                "SELECT count(*) FROM t WHERE region = 'eu-west-1' AND year = '2022' AND month = '01' AND day = '21'",
                table: .projected),
            Case("SELECT DISTINCT awsregion FROM t WHERE eventtime >= '2022-01-22T12:00:00Z'"),
            Case(
                "WITH logins AS (SELECT useridentity.arn AS arn FROM t WHERE eventname = 'ConsoleLogin') SELECT arn, count(*) FROM logins GROUP BY arn ORDER BY 2 DESC, 1"
            ),
            Case(
                "SELECT eventname, row_number() OVER (PARTITION BY awsregion ORDER BY eventtime) FROM t WHERE eventtime < '2022-01-21T02:00:00Z'"
            ),
            Case(
                "SELECT eventname FROM t WHERE eventtime < '2022-01-21T03:00:00Z' UNION ALL SELECT eventname FROM t WHERE eventtime >= '2022-01-22T21:00:00Z'"
            ),
            Case("SELECT eventname FROM t LIMIT 5", .upperBound),
            Case(
                "SELECT eventname FROM t WHERE eventtime > (SELECT max(eventtime) FROM t WHERE eventname = 'ConsoleLogin')",
                .upperBound),
            Case(
                "SELECT eventtime FROM t WHERE useridentity.arn IN (SELECT useridentity.arn FROM t WHERE eventname = 'ConsoleLogin') AND eventtime < '2022-01-21T02:00:00Z'",
                .upperBoundPerScan),
            Case(
                "SELECT a.eventname, b.eventname FROM t a JOIN t b ON a.requestid = b.requestid WHERE a.eventtime < '2022-01-21T00:20:00Z'",
                .upperBoundPerScan),
            Case(
                "SELECT a.eventname FROM t a WHERE a.eventtime < '2022-01-21T00:20:00Z' AND EXISTS (SELECT 1 FROM t b WHERE b.eventid = a.eventid AND b.eventtime < '2022-01-21T00:30:00Z')",
                .upperBoundPerScan),
        ]

    @Test func twentyFiveQueries() { #expect(Self.cases.count == 25) }

    @Test(arguments: cases) func dryRunAgreesWithTheExecutedRun(_ test: Case) throws {
        let store = try TestCorpus.open(test.table)
        let dry = try store.dryRun(test.sql)
        #expect(store.ledger.chunkBytes == 0 && store.ledger.chunks == 0, "a dry run reads no chunk")
        #expect(store.ledger.fileBytes == 0 && store.ledger.files == 0, "a dry run reads no log file")
        #expect(dry.eventWindow.layout == .eventWindow)
        #expect(dry.precision == test.precision, "\(dry.reasons)")
        #expect((dry.precision == .exact) == dry.reasons.isEmpty)
        let run = try store.run(test.sql)
        // count(*) alone reads no column (partition values come with the file of each row, unbilled).
        #expect(
            dry.columnar.bytesScanned > 0
                || dry.columnar.columns.allSatisfy { $0 == "region" || $0 == "year" || $0 == "month" || $0 == "day" })
        let window = try store.eventWindowBytes(run.columnar.eventTimeWindow)
        if dry.eventWindowPrecision == .exact {
            #expect(dry.eventWindow.bytesScanned == window.bytesScanned)
        } else {
            #expect(dry.eventWindow.bytesScanned >= window.bytesScanned)
        }
        switch dry.precision {
        case .exact:
            #expect(dry.columnar.bytesScanned == run.columnar.bytesScanned)
            #expect(dry.columnar.unitsRead == run.columnar.unitsRead)
            #expect(dry.columnar.segmentsRead == run.columnar.segmentsRead)
            #expect(dry.columnar.columns == run.columnar.columns)
            #expect(dry.raw.bytesScanned == run.raw.bytesScanned)
            #expect(dry.raw.unitsRead == run.raw.unitsRead)
        case .upperBound:
            #expect(dry.columnar.bytesScanned >= run.columnar.bytesScanned)
            #expect(dry.raw.bytesScanned >= run.raw.bytesScanned)
        case .upperBoundPerScan:
            // Every scan the run made reads at most one whole scan's chunks, which the dry run counts.
            #expect(run.columnar.bytesScanned <= Int64(run.columnar.scans) * dry.columnar.bytesScanned)
            #expect(run.raw.bytesScanned <= Int64(run.raw.scans) * dry.raw.bytesScanned)
        }
    }

    @Test func aDryRunLeavesMeteringAsItWas() throws {
        let store = try TestCorpus.open()
        store.isMetering = false
        let dry = try store.dryRun(ArticleQueries.newestEvents)
        #expect(dry.columnar.bytesScanned > 0)
        #expect(store.isMetering == false)
        store.isMetering = true
        let run = try store.run(ArticleQueries.newestEvents)
        #expect(run.rows.count == 100, "executing after a dry run hands over rows again")
    }
}

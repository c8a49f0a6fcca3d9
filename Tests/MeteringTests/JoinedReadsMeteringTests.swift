import Metering
import Testing

/// The events table on a join's inner side is read once, as Athena's hash join reads each side
/// once: a self-join bills two scans, each pruned by its own conditions, not one scan per row.
@Suite struct JoinedReadsMeteringTests {
    @Test func aSelfJoinReadsEachSideOnce() throws {
        let store = try TestCorpus.open()
        let early = "eventtime < '2022-01-22T00:00:00Z'"
        let one = try store.run("SELECT eventid, eventname FROM t WHERE \(early)")
        // Every event meets itself: as many rows as one side has, from two scans of its bytes.
        let joined = try store.run(
            "SELECT a.eventname, b.eventname FROM t a JOIN t b ON a.eventid = b.eventid WHERE a.\(early) AND b.\(early)"
        )
        #expect(joined.rows.count == one.rows.count)
        for (layout, measured, baseline) in [
            ("columnar", joined.columnar, one.columnar), ("raw", joined.raw, one.raw),
        ] {
            #expect(measured.scans == 2, "\(layout)")
            #expect(measured.bytesScanned == 2 * baseline.bytesScanned, "\(layout)")
        }
        let dry = try store.dryRun(
            "SELECT a.eventname, b.eventname FROM t a JOIN t b ON a.eventid = b.eventid WHERE a.\(early) AND b.\(early)"
        )
        #expect(dry.raw.bytesScanned == joined.raw.bytesScanned)
        // A dry run hands over no rows, so the join's inner side is never reached: it is counted
        // as a whole scan of its columns, an upper bound that says so.
        #expect(dry.columnar.bytesScanned >= joined.columnar.bytesScanned)
        #expect(dry.precision != .exact)
    }

    @Test func conditionsMoveOnlyWhereTheyMay() throws {
        let store = try TestCorpus.open()
        // A LEFT JOIN's WHERE condition on the inner side filters after the join: it stays out.
        let left = try store.run(
            """
            SELECT a.eventid, b.eventname FROM t a LEFT JOIN t b ON a.eventid = b.eventid
            WHERE b.eventname IS NULL OR b.eventname <> 'ConsoleLogin'
            """)
        let all = try store.run("SELECT eventid FROM t WHERE eventname IS NULL OR eventname <> 'ConsoleLogin'")
        #expect(left.rows.count == all.rows.count)
        // Its ON condition on the inner side moves, and unmatched rows keep NULLs.
        let on = try store.run(
            "SELECT count(b.eventid), count(*) FROM t a LEFT JOIN t b ON a.eventid = b.eventid AND b.eventname = 'ConsoleLogin'"
        )
        let logins = try store.run("SELECT count(*) FROM t WHERE eventname = 'ConsoleLogin'")
        let events = try store.run("SELECT count(*) FROM t")
        #expect(on.rows == [[logins.rows[0][0], events.rows[0][0]]])
        #expect(on.columnar.scans == 2)
    }

    @Test func rightJoinsAndChainsKeepThePreservedRows() throws {
        let store = try TestCorpus.open()
        let events = try store.run("SELECT count(*) FROM t").rows[0][0]
        let logins = try store.run("SELECT count(*) FROM t WHERE eventname = 'ConsoleLogin'").rows[0][0]
        // A RIGHT JOIN runs as the LEFT JOIN the other way round; only the inner side's own ON
        // condition moves, and the columns keep the order written.
        for condition in ["a.eventname = 'ConsoleLogin'", "b.eventname = 'ConsoleLogin'"] {
            let right = try store.run(
                "SELECT count(*), count(a.eventid) FROM t a RIGHT JOIN t b ON a.eventid = b.eventid AND \(condition)")
            #expect(right.rows == [[events, logins]], "\(condition)")
            #expect(right.columnar.scans == 2)
        }
        let named = try store.run(
            "SELECT a.eventid, b.eventname FROM t a RIGHT JOIN t b ON a.eventid = b.eventid WHERE b.eventname = 'ConsoleLogin'"
        )
        #expect(named.columns == ["eventid", "eventname"])
        // An ON condition on an earlier side of a LEFT JOIN does not move into that side.
        let chain = try store.run(
            """
            SELECT count(*), count(c.eventid) FROM t a JOIN t b ON a.eventid = b.eventid
            LEFT JOIN t c ON c.eventid = b.eventid AND b.eventname = 'ConsoleLogin'
            """)
        #expect(chain.rows == [[events, logins]])
        #expect(chain.columnar.scans == 3)
    }

    @Test func aWithTableOnTheInnerSideIsReadOnce() throws {
        let store = try TestCorpus.open()
        let logins = try store.run("SELECT count(*) FROM t WHERE eventname = 'ConsoleLogin'").rows[0][0]
        let joined = try store.run(
            """
            WITH x AS (SELECT eventid FROM t WHERE eventname = 'ConsoleLogin')
            SELECT count(*) FROM t JOIN x ON t.eventid = x.eventid
            """)
        #expect(joined.rows == [[logins]])
        #expect(joined.columnar.scans == 2)
        #expect(joined.raw.scans == 2)
    }

    @Test func aCorrelatedSubqueryReadsItsTableOnce() throws {
        let store = try TestCorpus.open()
        let correlated = try store.run(
            """
            SELECT a.eventname, (SELECT count(*) FROM t b WHERE b.eventname = a.eventname) FROM t a
            WHERE EXISTS (SELECT 1 FROM t c WHERE c.eventid = a.eventid AND c.eventtime < '2022-01-22T00:00:00Z')
            """)
        // Expected: each early event with its name's count over every event, worked out apart.
        let totals = try store.run("SELECT eventname, count(*) FROM t GROUP BY eventname")
        let countOf = Dictionary(uniqueKeysWithValues: totals.rows.map { ("\($0[0])", "\($0[1])") })
        let early = try store.run("SELECT eventname FROM t WHERE eventtime < '2022-01-22T00:00:00Z'")
        let expected = early.rows.map { "\($0[0]) \(countOf["\($0[0])"] ?? "")" }.sorted()
        #expect(correlated.rows.map { "\($0[0]) \($0[1])" }.sorted() == expected)
        #expect(correlated.columnar.scans == 3)
        #expect(correlated.raw.scans == 3)
        // An uncorrelated subquery was already run once by SQLite: it stays a plain scan.
        let uncorrelated = try store.run(
            "SELECT count(*) FROM t WHERE eventname IN (SELECT eventname FROM t WHERE errorcode IS NOT NULL)")
        #expect(uncorrelated.columnar.scans == 2)
    }
}

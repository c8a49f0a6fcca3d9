import Metering
import Testing

/// A query with grouping sets reads each layout once, as Athena's single scan bills it: its bytes
/// equal the plain GROUP BY's over the same keys, however many sets it has.
@Suite struct GroupingSetsMeteringTests {
    @Test(arguments: [
        "GROUP BY ROLLUP(eventsource, awsregion)",
        "GROUP BY CUBE(eventsource, awsregion)",
        "GROUP BY GROUPING SETS ((eventsource), (awsregion), ())",
    ])
    func groupingSetsReadTheEventsOnce(_ grouping: String) throws {
        let store = try TestCorpus.open()
        let select = "SELECT eventsource, awsregion, count(*) FROM t WHERE eventtime < '2022-01-22T00:00:00Z' "
        let plain = try store.run(select + "GROUP BY eventsource, awsregion")
        let sets = try store.run(select + grouping)
        #expect(sets.rows.count != plain.rows.count)
        for (layout, measured, baseline) in [
            ("columnar", sets.columnar, plain.columnar), ("raw", sets.raw, plain.raw),
        ] {
            #expect(measured.scans == 1, "\(layout)")
            #expect(measured.bytesScanned == baseline.bytesScanned, "\(layout)")
            #expect(measured.unitsRead == baseline.unitsRead, "\(layout)")
        }
        let dry = try store.dryRun(select + grouping)
        #expect(dry.columnar.bytesScanned == sets.columnar.bytesScanned)
        #expect(dry.raw.bytesScanned == sets.raw.bytesScanned)
    }
}

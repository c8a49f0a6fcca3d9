import QueryEngine
import Testing

/// `LATERAL (SELECT ...)` naming values over the row before it, as published queries write it.
@Suite struct LateralTests {
    @Test func aSelectListNamesValuesOfTheRowBeforeIt() throws {
        let named = try Fixture.rows(
            """
            SELECT arn_bucket, upper(name) FROM cloudtrail_logs,
            LATERAL (SELECT element_at(resources, 1).arn AS arn_bucket, eventname AS name)
            WHERE name = 'GetObject'
            """)
        let direct = try Fixture.rows(
            "SELECT element_at(resources, 1).arn, upper(eventname) FROM cloudtrail_logs WHERE eventname = 'GetObject'")
        #expect(named == direct)
        #expect(!named.isEmpty)
    }

    @Test func joinFormsAliasListsAndGrouping() throws {
        let grouped = try Fixture.rows(
            """
            SELECT l.region, count(*) FROM cloudtrail_logs t
            CROSS JOIN LATERAL (SELECT t.awsregion) AS l(region) GROUP BY l.region ORDER BY 1
            """)
        #expect(grouped == (try Fixture.rows("SELECT awsregion, count(*) FROM cloudtrail_logs GROUP BY 1 ORDER BY 1")))
        // One row per row before it: a LEFT JOIN ... ON TRUE keeps the count.
        #expect(
            try Fixture.rows("SELECT count(x) FROM cloudtrail_logs LEFT JOIN LATERAL (SELECT 1 AS x) ON TRUE")
                == (try Fixture.rows("SELECT count(*) FROM cloudtrail_logs")))
        // `*` lists the LATERAL columns after the table's.
        let (translation, _) = try Fixture.run(
            "SELECT * FROM cloudtrail_logs, LATERAL (SELECT eventname AS en) LIMIT 1")
        #expect(translation.columns.last == "en")
    }

    @Test func whatItCannotRunIsRefused() {
        for sql in [
            "SELECT e FROM cloudtrail_logs, LATERAL (SELECT e FROM UNNEST(resources) AS r(e))",
            "SELECT x FROM cloudtrail_logs, LATERAL (SELECT eventname AS x WHERE readonly = 'true')",
            "SELECT x FROM cloudtrail_logs, LATERAL (SELECT rand() AS x)",
        ] {
            guard case .unsupported(let construct, _)? = Fixture.error(sql) else {
                Issue.record("expected a refusal: \(sql)")
                continue
            }
            #expect(construct.contains("LATERAL"), "\(sql)")
        }
    }
}

import QueryEngine
import Testing

@Suite("The tables a statement reads")
struct StatementTablesTests {
    @Test(
        "Names after FROM and JOIN, without database, quotes or case",
        arguments: [
            ("SELECT count(*) FROM cloudtrail_logs_acme", ["cloudtrail_logs_acme"]),
            (#"SELECT 1 FROM "Default"."CloudTrail_Logs" WHERE eventname = 'x'"#, ["cloudtrail_logs"]),
            ("SELECT 1 FROM db.alb_logs a JOIN `vpc_flow_logs` v ON a.ip = v.srcaddr", ["alb_logs", "vpc_flow_logs"]),
            (
                "WITH logins AS (SELECT * FROM trail WHERE eventname = 'ConsoleLogin'), n (c) AS (SELECT 1) SELECT * FROM logins, n",
                ["trail"]
            ),
            ("SELECT r FROM trail CROSS JOIN UNNEST(resources) AS t(r)", ["trail"]),
            ("SELECT * FROM (SELECT * FROM trail) AS inner_rows JOIN trail USING (eventid)", ["trail"]),
            ("SELECT eventName FROM 880143b0-368b-4ef8-a6e1-887a48146de7 WHERE eventTime > '2022-01-01'", []),
            ("SELECT 'unterminated FROM trail", []),
            (
                "SELECT extract(hour FROM from_iso8601_timestamp(eventtime)), trim(LEADING ' ' FROM eventname) FROM trail",
                ["trail"]
            ),
        ])
    func named(sql: String, expected: [String]) {
        #expect(StatementTables.named(in: sql) == expected)
    }

    @Test func eventDataStores() {
        #expect(
            StatementTables.eventDataStores(
                in: "SELECT a.x FROM 880143B0-368b-4ef8-a6e1-887a48146de7 a JOIN $EDS_ID b ON a.eventID = b.eventID")
                == ["880143b0-368b-4ef8-a6e1-887a48146de7", "$eds_id"])
        #expect(StatementTables.eventDataStores(in: "SELECT 1 FROM trail") == [])
    }
}

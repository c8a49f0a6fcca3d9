import QueryEngine
import Testing

/// Athena bills a statement that writes its result for what its query scans: the query is found
/// as its text stands, whatever surrounds it.
@Suite("The query of a statement that writes")
struct WritingStatementTests {
    @Test func insertInto() {
        let plain = WritingStatement.of("INSERT INTO db.trail_orc SELECT eventname FROM trail WHERE eventname = 'A';")
        #expect(plain?.kind == "INSERT INTO" && plain?.target == "db.trail_orc")
        #expect(plain?.query == "SELECT eventname FROM trail WHERE eventname = 'A'")
        let columns = WritingStatement.of("insert into copy (a, b)\n  with x as (select 1 a, 2 b) select * from x")
        #expect(columns?.query == "with x as (select 1 a, 2 b) select * from x")
        let parenthesised = WritingStatement.of("INSERT INTO copy (SELECT eventname FROM trail)")
        #expect(parenthesised?.query == "(SELECT eventname FROM trail)")
    }

    @Test func createTableAs() {
        let statement = WritingStatement.of(
            """
            CREATE TABLE IF NOT EXISTS "logins" WITH (format = 'PARQUET', partitioned_by = ARRAY['day'])
            AS SELECT eventtime, eventname FROM trail WHERE eventname = 'ConsoleLogin'
            WITH NO DATA
            """)
        #expect(statement?.kind == "CREATE TABLE AS" && statement?.target == "logins")
        #expect(statement?.query == "SELECT eventtime, eventname FROM trail WHERE eventname = 'ConsoleLogin'")
        #expect(WritingStatement.of("CREATE TABLE t AS SELECT 1 WITH DATA")?.query == "SELECT 1")
    }

    @Test func unload() {
        let statement = WritingStatement.of(
            "UNLOAD (SELECT eventname, count(*) FROM trail GROUP BY (eventname)) TO 's3://bucket/out/' WITH (format = 'JSON')"
        )
        #expect(statement?.kind == "UNLOAD" && statement?.target == "s3://bucket/out/")
        #expect(statement?.query == "SELECT eventname, count(*) FROM trail GROUP BY (eventname)")
    }

    @Test func otherStatementsAreNotWrites() {
        for sql in [
            "SELECT * FROM trail", "CREATE EXTERNAL TABLE t (a string) LOCATION 's3://b/'", "INSERT t SELECT 1",
            "CREATE TABLE t (a int)", "DROP TABLE t", "UNLOAD", "", "CREATE TABLE t AS WITH DATA",
            "CREATE TABLE t AS WITH NO DATA;", "UNLOAD () TO 's3://b/'",
        ] {
            #expect(WritingStatement.of(sql) == nil, "\(sql)")
        }
        // Cut short: what is there is handed on, and its own run says why it does not parse.
        #expect(WritingStatement.of("INSERT INTO t (")?.query == "(")
    }
}

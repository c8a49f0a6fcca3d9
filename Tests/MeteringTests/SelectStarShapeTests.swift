import Foundation
import Metering
import QueryEngine
import SQLite
import Testing

/// `SELECT *` lists the columns of the table the query runs on, as Athena does: the table's
/// declared columns in declaration order (a struct is one column) followed by its partition
/// columns. Without a DDL, the table is the shape the query's partition columns imply.
@Suite struct SelectStarShapeTests {
    /// The console table's columns, in its DDL's order (Athena User Guide, CloudTrail tables).
    static let consoleColumns = [
        "eventversion", "useridentity", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress",
        "useragent", "errorcode", "errormessage", "requestparameters", "responseelements", "additionaleventdata",
        "requestid", "eventid", "resources", "eventtype", "apiversion", "readonly", "recipientaccountid",
        "serviceeventdetails", "sharedeventid", "vpcendpointid", "vpcendpointaccountid", "eventcategory", "addendum",
        "sessioncredentialfromconsole", "edgedevicedetails", "tlsdetails",
    ]

    /// The fixtures' shared column list (`AthenaDDLFixtures.columns`), in its order.
    static let fixtureColumns = [
        "eventversion", "useridentity", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress",
        "useragent", "errorcode", "errormessage", "requestparameters", "responseelements", "additionaleventdata",
        "requestid", "eventid", "resources", "eventtype", "apiversion", "readonly", "recipientaccountid",
        "serviceeventdetails", "sharedeventid", "vpcendpointid", "tlsdetails",
    ]

    /// A store whose table is assumed per query (no `--athena-table`, no DDL), as `query` opens it.
    static func assumed() throws -> MeteredStore {
        let store = try TestCorpus.open()
        store.assumesAthenaTable = true
        return store
    }

    static func columns(_ sql: String, on store: MeteredStore) throws -> [String] {
        try store.translate(sql, dialect: .athena, layout: .columnar).columns
    }

    @Test func unpartitionedTableListsTheConsoleColumnsAndNoPartition() throws {
        let store = try Self.assumed()
        #expect(try Self.columns("SELECT * FROM cloudtrail_logs LIMIT 1", on: store) == Self.consoleColumns)
        #expect(try Self.columns("SELECT t.* FROM cloudtrail_logs t LIMIT 1", on: store) == Self.consoleColumns)
        // The given console table (`--athena-table unpartitioned`) lists the same.
        let given = try TestCorpus.open(.unpartitioned)
        #expect(try Self.columns("SELECT * FROM cloudtrail_logs", on: given) == Self.consoleColumns)
    }

    @Test func manualPartitionsFollowTheColumns() throws {
        let store = try Self.assumed()
        let sql = "SELECT * FROM cloudtrail_logs WHERE region = 'eu-west-1' AND year = '2022' LIMIT 2"
        #expect(try Self.columns(sql, on: store) == Self.consoleColumns + ["region", "year", "month", "day"])
        let result = try store.run(sql, dialect: .athena, verify: true)
        #expect(result.verification?.rowsMatch == true)
        let region = try #require(result.columns.firstIndex(of: "region"))
        let year = try #require(result.columns.firstIndex(of: "year"))
        for row in result.rows {
            #expect(row[region].text == "eu-west-1")
            #expect(row[year].text == "2022")
        }
    }

    @Test func timestampProjectionListsTimestampNamedAsWritten() throws {
        let store = try Self.assumed()
        // The partition column comes after the `*`: the whole statement decides the shape.
        let sql = "SELECT * FROM cloudtrail_logs WHERE \"timestamp\" = '2022/01/22' LIMIT 1"
        #expect(try Self.columns(sql, on: store) == Self.consoleColumns + ["timestamp"])
        let row = try #require(try store.run(sql, dialect: .athena).rows.first)
        #expect(row.last?.text == "2022/01/22")
        // A table that names its partitions otherwise (AWS's security analytics bootstrap) lists
        // them as the query names them, in the order of the S3 key.
        let bootstrap = """
            SELECT * FROM cloudtrail WHERE date_partition >= '2022/01/21' AND account_partition = '111122223333'
            AND region_partition IN ('us-east-1')
            """
        #expect(
            try Self.columns(bootstrap, on: store)
                == Self.consoleColumns + ["account_partition", "region_partition", "date_partition"])
    }

    @Test func theUsersTableListsItsColumnsAndPartitionsAsDeclared() throws {
        let projected = try LocationCorpus.open(AthenaDDLFixtures.projectedTimestamp)
        #expect(
            try Self.columns("SELECT * FROM cloudtrail_logs_pp", on: projected) == Self.fixtureColumns + ["timestamp"])
        let manual = try LocationCorpus.open(AthenaDDLFixtures.manual)
        #expect(
            try Self.columns("SELECT * FROM cloudtrail_logs", on: manual)
                == Self.fixtureColumns + ["region", "year", "month", "day"])
        // Partition columns keep the names the table gives them.
        let organization = try LocationCorpus.open(AthenaDDLFixtures.projectedAccountRegion)
        #expect(
            try Self.columns("SELECT * FROM org_trail", on: organization)
                == ["eventtime", "eventname", "awsregion", "recipientaccountid", "acct", "rgn", "dt"])
    }

    @Test func structColumnsAreOneColumnEachWithTheValueTheirNameGives() throws {
        let ddl = AthenaDDLFixtures.structRequestParameters.replacingOccurrences(
            of: "AWSLogs/111122223333/", with: "AWSLogs/\(LocationCorpus.built.plain)/")
        let store = try LocationCorpus.open(ddl)
        let star = try store.run(
            "SELECT * FROM cloudtrail_s3_data WHERE eventsource = 's3.amazonaws.com' ORDER BY eventid LIMIT 3",
            dialect: .athena, verify: true)
        #expect(star.columns == Self.fixtureColumns)
        #expect(star.verification?.rowsMatch == true)
        let named = try store.run(
            """
            SELECT useridentity, requestparameters, tlsdetails FROM cloudtrail_s3_data
            WHERE eventsource = 's3.amazonaws.com' ORDER BY eventid LIMIT 3
            """, dialect: .athena)
        #expect(!named.rows.isEmpty)
        let picked = star.rows.map { row in
            ["useridentity", "requestparameters", "tlsdetails"].map { row[star.columns.firstIndex(of: $0)!] }
        }
        #expect(picked == named.rows)
        // The struct is read whole with the fields the table declares, printed as Athena prints
        // a row: `{type=..., principalid=..., ...}` in declared order.
        let identity = try #require(named.rows.first?.first?.text)
        #expect(identity.hasPrefix("{type=") && identity.contains(", sessioncontext="))
        #expect(!identity.contains("onbehalfof"))
        // A struct declared over a JSON column holds the fields it declares, named in lower case
        // and in declared order; a declared field the record lacks is null, a field it does not
        // declare is left out.
        let parameters = try #require(named.rows.first?[1].text)
        let names = parameters.dropFirst().dropLast().split(separator: ", ").map { $0.split(separator: "=")[0] }
        #expect(names == ["bucketname", "host", "key"])
        #expect(!parameters.hasPrefix("{bucketname=,") && !parameters.hasPrefix("{bucketname=null"))
    }

    /// A struct passed through `SELECT *` in a subquery is read into as on the table itself.
    @Test func structsThroughASubqueryKeepTheirFields() throws {
        let store = try Self.assumed()
        let fields = "useridentity.sessioncontext.sessionissuer.arn, useridentity.type, tlsdetails.tlsversion"
        for (dialect, table, bound) in [
            (Dialect.athena, "cloudtrail_logs", "year = '2022'"),
            (.lake, "880143b0-368b-4ef8-a6e1-887a48146de7", "eventtime > '2022-01-21 00:00:00'"),
        ] {
            let direct = try store.run(
                "SELECT \(fields), count(*) FROM \(table) WHERE \(bound) GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3",
                dialect: dialect)
            let through = try store.run(
                """
                WITH x AS (SELECT * FROM \(table) WHERE \(bound))
                SELECT \(fields), count(*) FROM x GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3
                """, dialect: dialect)
            #expect(!direct.rows.isEmpty && through.rows == direct.rows, "\(dialect)")
        }
    }

    @Test func lakeListsTheEventDataStoresTopLevelColumns() throws {
        let store = try TestCorpus.open()
        let columns = try store.translate(
            "SELECT * FROM 880143b0-368b-4ef8-a6e1-887a48146de7", dialect: .lake, layout: .columnar
        ).columns
        #expect(columns.first == "eventversion" && columns.dropFirst().first == "useridentity")
        #expect(columns.contains("tlsdetails") && columns.contains("eventjson"))
        #expect(!columns.contains { $0.contains(".") })
    }
}

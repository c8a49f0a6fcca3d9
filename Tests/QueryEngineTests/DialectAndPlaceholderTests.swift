import QueryEngine
import SQLite
import Testing

/// Dialect by meaning (the statement checked against both dialects' schemas and functions) and
/// template placeholders in every published form, bound from parameters or the store's defaults.
@Suite struct DialectByMeaningTests {
    @Test func aPlaceholderTableDoesNotMakeAStringFunctionLake() {
        // `<your_table_name>` reads as Lake by its name, but from_iso8601_timestamp takes a string:
        // eventtime is one only in Athena.
        let sql =
            "SELECT eventname FROM <your_table_name> WHERE from_iso8601_timestamp(eventtime) > timestamp '2022-01-22 00:00:00'"
        #expect(Dialect.detect(sql) == .athena)
    }

    @Test func anAbbreviatedStoreIdDoesNotMakeAMapFunctionAthena() {
        // `a1b2c3d4` reads as an Athena table by its name, but element_at over requestParameters
        // needs Lake's map.
        let sql = "SELECT element_at(requestParameters, 'bucketName') FROM a1b2c3d4 WHERE eventname = 'GetObject'"
        #expect(Dialect.detect(sql) == .lake)
    }

    @Test func whenBothFitTheTableNameDecides() {
        #expect(Dialect.detect("SELECT eventname FROM cloudtrail_logs") == .athena)
        #expect(Dialect.detect("SELECT eventname FROM $EDS_ID") == .lake)
        #expect(Dialect.detect("SELECT eventname FROM 880143b0-368b-4ef8-a6e1-887a48146de7") == .lake)
    }

    @Test func whenNeitherFitsTheCloserOneReports() throws {
        // Athena fails at element_at (column 8), Lake only later at from_iso8601_timestamp: Lake
        // is closer and its error is the one reported.
        let sql =
            "SELECT element_at(requestParameters, 'x'), from_iso8601_timestamp(eventtime) FROM cloudtrail_logs"
        #expect(Dialect.detect(sql) == .lake)
        let error = Fixture.error(sql)
        guard case .invalid(_, let at)? = error else {
            Issue.record("expected a type error, got \(String(describing: error))")
            return
        }
        #expect(at.column == 67)  // its argument, eventtime
    }

    @Test func aRefusedConstructInTheNamedDialectIsReportedAsSuch() throws {
        // Athena resolves every name and reaches a construct TrailMeter refuses (column 8); Lake
        // fails later, on a type. The refusal is the answer the user needs.
        let sql =
            "SELECT timezone_hour(from_iso8601_timestamp(eventtime) AT TIME ZONE 'America/New_York') FROM cloudtrail_logs"
        #expect(Dialect.detect(sql) == .athena)
        guard case .unsupported(_, let at)? = Fixture.error(sql) else {
            Issue.record("expected the refusal, got \(String(describing: Fixture.error(sql)))")
            return
        }
        #expect(at.column == 8)
    }

    @Test func aTakenOtherDialectSaysWhyTheNamedOneWasNot() throws {
        // eventtime is text in Athena, so only Lake compares it with a timestamp.
        let translation = try Translator(tableName: "events").translate(
            "SELECT count(*) FROM cloudtrail_logs WHERE eventtime > now() - interval '1' day")
        #expect(translation.dialect == .lake)
        #expect(translation.namedDialectError?.contains("cannot apply operator > to varchar") == true)
        let fits = try Translator(tableName: "events").translate("SELECT count(*) FROM cloudtrail_logs")
        #expect(fits.dialect == .athena && fits.namedDialectError == nil)
    }

    @Test func theUsersOwnAthenaTableKeepsATableNameAthena() throws {
        var translator = Translator(tableName: "events")
        translator.athenaDefinition = try AthenaTableDefinition.parse(
            "CREATE EXTERNAL TABLE cloudtrail_logs (eventtime STRING, eventname STRING) LOCATION 's3://b/AWSLogs/'")
        let sql = "SELECT count(*) FROM cloudtrail_logs WHERE eventtime > now() - interval '1' day"
        #expect(translator.detectDialect(sql) == .athena)
        #expect(Translator(tableName: "events").detectDialect(sql) == .lake)
        #expect(translator.detectDialect("SELECT count(*) FROM 880143b0-368b-4ef8-a6e1-887a48146de7") == .lake)
    }

    @Test func aTablePlaceholderNamesWhatItsValueNames() {
        var translator = Translator(tableName: "events")
        translator.parameters = ["T": "cloudtrail_logs"]
        #expect(translator.detectDialect("SELECT count(*) FROM <T>") == .athena)
        #expect(translator.detectDialect("SELECT count(*) FROM ${T}") == .athena)
        translator.parameters = ["T": "880143b0-368b-4ef8-a6e1-887a48146de7"]
        #expect(translator.detectDialect("SELECT count(*) FROM <T>") == .lake)
        // A qualified name is an Athena table's: Lake has no databases.
        #expect(Dialect.detect("SELECT count(*) FROM <DB>.<TABLE>") == .athena)
    }

    @Test func hyphenatedStoreIdsAreTableNames() throws {
        let sql = "SELECT count(*) FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE WHERE eventname = 'RunInstances'"
        #expect(Dialect.detect(sql) == .lake)
        #expect(try Fixture.rows(sql) == [["2"]])
        #expect(try Fixture.rows("SELECT count(*) FROM eds-ID AS e WHERE e.readOnly") == [["3"]])
    }
}

@Suite struct PlaceholderTests {
    func run(_ sql: String, _ parameters: [String: String] = [:], _ dialect: Dialect? = nil) throws -> (
        Translation, [[String]]
    ) {
        let db = try Fixture.database()
        var translator = Fixture.translator(dialect, detectedFrom: sql)
        translator.parameters = parameters
        let query = try UserQuery.prepare(sql, translator: translator, on: db)
        return (query.translation, try query.allRows().map { $0.map(Fixture.text) })
    }

    @Test func dollarBraceInAQualifiedNameAndAString() throws {
        let (translation, rows) = try run(
            #"SELECT count(*) FROM ${database}."cloudtrail" WHERE eventname = '${event}'"#, ["event": "GetObject"])
        #expect(rows == [["1"]])
        #expect(translation.dialect == .athena)
        #expect(translation.placeholders.map(\.written) == ["${database}", "'${event}'"])
        #expect(translation.placeholders.map(\.origin) == [.storeTable, .parameter])
    }

    @Test func doubleBracesWithSpaces() throws {
        let (translation, rows) = try run(
            "SELECT count(*) FROM {{ event data store }} WHERE eventname = {{ event name }}",
            ["event name": "GetObject"])
        #expect(rows == [["1"]])
        #expect(translation.dialect == .lake)
        #expect(translation.placeholders.map(\.name) == ["event data store", "event name"])
    }

    @Test func singleBraces() throws {
        let (translation, rows) = try run(
            "SELECT count(*) FROM {eds} WHERE useridentity.username = {user}", ["user": "Yuta0128"])
        #expect(rows == [["4"]])
        #expect(translation.placeholders.map(\.value) == [nil, "Yuta0128"])
    }

    @Test func angleBracketsAsTableAndValue() throws {
        let (translation, rows) = try run(
            "SELECT count(*) FROM <EDS ID> WHERE eventname = <event-name>", ["event-name": "RunInstances"])
        #expect(rows == [["2"]])
        #expect(translation.placeholders.map(\.origin) == [.storeTable, .parameter])
        // Less-than stays less-than.
        #expect(try run("SELECT count(*) FROM <EDS ID> WHERE 1 <2 AND 3> 2").1 == [["12"]])
    }

    @Test func dollarName() throws {
        let (translation, rows) = try run(
            "SELECT count(*) FROM $EDS_ID WHERE recipientaccountid = $ACCOUNT",
            [
                "ACCOUNT": "444455556666"
            ])
        #expect(rows == [["1"]])
        #expect(translation.placeholders.map(\.name) == ["EDS_ID", "ACCOUNT"])
    }

    @Test func quotedTokensTakeTheStoreTimeSpanByDefault() throws {
        let sql = "SELECT count(*) FROM cloudtrail_logs WHERE eventtime >= 'START_TIME' AND eventtime < 'END_TIME'"
        let (translation, rows) = try run(sql)
        #expect(rows == [["12"]])
        #expect(translation.placeholders.map(\.value) == ["2021-07-15T09:30:00Z", "2023-01-03T10:00:01Z"])
        #expect(translation.placeholders.map(\.origin) == [.storeTimeStart, .storeTimeEnd])
        // One name used for both bounds: the comparison decides, in Lake's format.
        let lake = try run(
            "SELECT count(*) FROM $EDS_ID WHERE eventTime >= '${date_filter}' AND eventTime <= '${date_filter}'")
        #expect(lake.1 == [["12"]])
        #expect(
            lake.0.placeholders.filter { $0.origin != .storeTable }.map(\.value) == [
                "2021-07-15 09:30:00", "2023-01-03 10:00:01",
            ])
        // A parameter wins over the default.
        let bounded = try run(sql, ["START_TIME": "2022-01-22T00:00:00Z", "END_TIME": "2022-01-23T00:00:00Z"])
        #expect(bounded.1 == [["7"]])
    }

    @Test func dateNamesTakeDays() throws {
        // A day, not an instant: the span's first day and the day after its last, so `<` keeps
        // the last day; `parse_datetime(..., 'yyyy-MM-dd')` and `DATE '...'` take them.
        let sql = """
            SELECT count(*) FROM cloudtrail_logs WHERE eventtime >= '<START_DATE>' AND eventtime < '<END_DATE>'
            AND parse_datetime('<START_DATE>', 'yyyy-MM-dd') < DATE '<END_DATE>'
            """
        let (translation, rows) = try run(sql)
        #expect(rows == [["12"]])
        #expect(translation.placeholders.map(\.value) == ["2021-07-15", "2023-01-04", "2021-07-15", "2023-01-04"])
        #expect(translation.placeholders.map(\.origin)[0...1] == [.storeTimeStart, .storeDayAfterEnd])
    }

    @Test func tablePlaceholdersTakeParametersAndQualifiers() throws {
        let sql = "SELECT count(*) FROM <DB>.<TABLE> WHERE eventname = 'GetObject'"
        let given = try run(sql, ["DB": "security", "TABLE": "cloudtrail"])
        #expect(given.1 == [["1"]])
        #expect(given.0.placeholders.map(\.origin) == [.parameter, .parameter])
        let unbound = try run(sql)
        #expect(unbound.1 == [["1"]])
        #expect(unbound.0.placeholders.map(\.origin) == [.storeTable, .storeTable])
        #expect(
            try run("SELECT count(*) FROM <CLOUDTRAIL_DB>.cloudtrail_logs WHERE eventname = 'GetObject'").1 == [["1"]])
        #expect(
            try run("SELECT count(*) FROM <T> WHERE eventname = 'GetObject'", ["T": "cloudtrail_logs"]).1 == [["1"]])
    }

    @Test func quotedCapitalsWithoutAValueAreKeptAndListed() throws {
        let (translation, rows) = try run(
            "SELECT count(*) FROM cloudtrail_logs WHERE useridentity.arn = 'SUSPECT_PRINCIPAL'")
        #expect(rows == [["0"]])
        #expect(translation.placeholders.map(\.origin) == [.unbound])
    }

    @Test func timeNamesGoByTheirWords() throws {
        // `ENDPOINT` holds "end" but is no time; `endTime` is camel case for "end time".
        let (translation, _) = try run(
            "SELECT count(*) FROM cloudtrail_logs WHERE vpcendpointid = 'VPC_ENDPOINT_ID' AND eventtime < '{{ endTime }}'"
        )
        #expect(translation.placeholders.map(\.origin) == [.unbound, .storeTimeEnd])
        // JSON in a string is no placeholder.
        let json = try run(#"SELECT json_extract_scalar('{"date": 1}', '$.date') FROM cloudtrail_logs LIMIT 1"#)
        #expect(json.1 == [["1"]] && json.0.placeholders.isEmpty)
    }

    @Test func aBarePlaceholderWithoutAValueNamesTheParameter() throws {
        let error = Fixture.error("SELECT count(*) FROM $EDS_ID WHERE eventname = ${event}")
        guard case .invalid(let message, let at)? = error else {
            Issue.record("expected invalid, got \(String(describing: error))")
            return
        }
        #expect(message.contains("--param event=VALUE"))
        #expect(at.column == 48)
    }

    @Test func anIntervalPlaceholderTakesItsValueOrNamesIt() throws {
        let sql =
            "SELECT count(*) FROM cloudtrail_logs WHERE eventtime > '2021' OR interval '${days}' day > interval '1' day"
        #expect(try run(sql, ["days": "7"]).1 == [["12"]])
        guard case .invalid(let message, _)? = Fixture.error(sql) else {
            Issue.record("expected the placeholder named, got \(String(describing: Fixture.error(sql)))")
            return
        }
        #expect(message.contains("--param days=VALUE"))
    }

    @Test func placeholdersInsideLongerStrings() throws {
        let (_, rows) = try run(
            "SELECT count(*) FROM cloudtrail_logs WHERE useridentity.arn LIKE '%${user}%'", ["user": "Yuta0128"])
        #expect(rows == [["4"]])
    }
}

// libFuzzer target: SQL text through QueryEngine's lexer, parser and translator in both dialects,
// then compiled read-only and run a few rows on a small in-memory table (docs/FUZZING.md).
import CloudTrail
import LibFuzzerDriver
import QueryEngine
import SQLite

/// Two events, enough for joins, groups and every function to see values and NULLs.
private let records = #"""
    {"Records":[
    {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice","sessionContext":{"attributes":{"creationDate":"2022-01-22T00:00:30Z","mfaAuthenticated":"false"}}},"eventTime":"2022-01-22T00:00:30Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"Mozilla/5.0","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"},"eventID":"e1","readOnly":false,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"}],"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"},
    {"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"111122223333","accountId":"111122223333"},"eventTime":"2023-07-01T12:34:56Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"10.0.0.1","requestParameters":{"bucketName":"b","key":"東京.csv","n":[1,2.5,"x",null]},"errorCode":"AccessDenied","eventID":"e2","readOnly":true,"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"111122223333","eventCategory":"Data"}
    ]}
    """#

private let clock = QueryClock.fixed("2024-01-23T00:00:00Z")!

/// The database every input runs on, built once: one table per dialect, as its layout presents
/// values. Unsafe is safe here: libFuzzer calls the target from one thread only.
nonisolated(unsafe) private let connection: Connection = {
    let parsed = try! Array(records.utf8).withUnsafeBytes { try LogFileParser.parse($0, path: "fuzz-fixture.json") }
    let batch = parsed.events
    let connection = try! Connection(path: ":memory:")
    try! SQLFunctions.register(on: connection, clock: clock)
    for (table, dialect) in [("athena_events", Dialect.athena), ("lake_events", Dialect.lake)] {
        let columns =
            EventSchema.columns.map { "\"\($0.name)\"" } + DialectSchema.partitionColumns.map { "\"\($0)\"" }
        try! connection.execute("CREATE TABLE \(table) (\(columns.joined(separator: ", ")))")
        let insert = try! connection.prepare(
            "INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
        let presenters = ValuePresentation.presenters(for: dialect)
        for row in 0..<batch.count {
            var values = zip(presenters, batch.columns).map { $0.present($1.string(row)) }
            values += [.text("2022/01/22"), .text("us-east-1"), .text("2022"), .text("01"), .text("22"), .text("1")]
            try! insert.bind(values)
            while try! insert.step() {}
        }
    }
    return connection
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSQL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let sql = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // What a query history is told apart by: the tables read, and the query a write carries.
    _ = StatementTables.named(in: sql)
    _ = StatementTables.eventDataStores(in: sql)
    if let writing = WritingStatement.of(sql), writing.query.utf8.count > sql.utf8.count {
        fatalError("query longer than its statement")
    }
    for (table, dialect) in [("athena_events", Dialect.athena), ("lake_events", Dialect.lake)] {
        var translator = Translator(tableName: table, dialect: dialect, clock: clock)
        translator.timeSpan = (1_642_809_630_000, 1_688_214_897_000)
        guard let query = try? UserQuery.prepare(sql, translator: translator, on: connection) else { continue }
        // A few rows: enough to call every function in the select list, not enough to run long.
        var rows = 0
        while rows < 16, (try? query.step()) == true { rows += 1 }
    }
    return 0
}

/// SwiftPM links an executable's entry point under this name (Fuzz/driver).
@_cdecl("trailmeter_fuzz_sql_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzzSQL)
}

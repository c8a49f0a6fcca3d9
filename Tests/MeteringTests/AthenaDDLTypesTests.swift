import Metering
import QueryEngine
import SQLite
import Testing

/// The types the user's table declares: scalar columns declared other than as strings
/// (`eventtime timestamp`, `readonly boolean`) compare and print as those types, types that
/// cannot be honoured are refused, and a struct's undeclared field is refused as Athena does.
@Suite struct AthenaDDLTypesTests {
    static let plain = LocationCorpus.built.plain

    /// The guide's projection table over the corpus's plain account, `eventtime` and `readonly`
    /// declared as `declaredTime` and `declaredReadOnly`.
    static func documented(eventtime declaredTime: String, readonly declaredReadOnly: String = "STRING") -> String {
        AthenaDDLFixtures.documentedProjection(account: plain)
            .replacingOccurrences(of: "eventtime STRING", with: "eventtime \(declaredTime)")
            .replacingOccurrences(of: "readonly STRING", with: "readonly \(declaredReadOnly)")
    }

    static func error(_ body: () throws -> Void) -> QueryError? {
        do {
            try body()
        } catch let MeteringError.query(error) {
            return error
        } catch let error as QueryError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func eventtimeDeclaredTimestampComparesAndPrintsAsATimestamp() throws {
        let typed = try LocationCorpus.open(Self.documented(eventtime: "timestamp", readonly: "boolean"))
        let text = try LocationCorpus.open(Self.documented(eventtime: "STRING"))
        let first = try typed.run(
            "SELECT eventtime FROM cloudtrail_logs_pp ORDER BY eventtime LIMIT 1", verify: true)
        let firstText = try text.run("SELECT eventtime FROM cloudtrail_logs_pp ORDER BY eventtime LIMIT 1")
        // `2022-01-21T00:00:05Z` as a string is `2022-01-21 00:00:05.000` as a timestamp.
        let iso = try #require(firstText.rows.first?.first?.text)
        let shown = try #require(first.rows.first?.first?.text)
        #expect(shown == iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ".000"))
        #expect(first.verification?.rowsMatch == true)
        // Compared with a timestamp literal, and with date arithmetic, as Athena would.
        let typedCount = try typed.run(
            """
            SELECT count(*) FROM cloudtrail_logs_pp
            WHERE eventtime >= TIMESTAMP '2022-01-22 06:00:00' AND eventtime < date_add('hour', 6, TIMESTAMP '2022-01-22 06:00:00')
            """, verify: true)
        let textCount = try text.run(
            """
            SELECT count(*) FROM cloudtrail_logs_pp
            WHERE eventtime >= '2022-01-22T06:00:00Z' AND eventtime < '2022-01-22T12:00:00Z'
            """, verify: true)
        #expect(typedCount.rows == textCount.rows && (typedCount.rows.first?.first?.integer ?? 0) > 0)
        #expect(typedCount.verification?.rowsMatch == true && typedCount.verification?.bytesMatch == true)
        // The columnar layout prunes segments by the timestamp bounds as it does for Lake.
        #expect(typedCount.columnar.segmentsRead < typedCount.columnar.segmentsTotal)
        #expect(typedCount.columnar.bytesScanned == textCount.columnar.bytesScanned)
        // A string function over a timestamp is the type error Athena gives.
        #expect(
            Self.error { _ = try typed.run("SELECT count(*) FROM cloudtrail_logs_pp WHERE eventtime LIKE '2022%'") }
                != nil)
        // `readonly boolean` is a boolean.
        let readOnly = try typed.run("SELECT count(*) FROM cloudtrail_logs_pp WHERE readonly", verify: true)
        let readOnlyText = try text.run("SELECT count(*) FROM cloudtrail_logs_pp WHERE readonly = 'true'")
        #expect(readOnly.rows == readOnlyText.rows && readOnly.verification?.rowsMatch == true)
    }

    @Test func typesThatCannotBeHonouredAreRefusedWithTheirPlace() throws {
        for (ddl, fragment) in [
            (Self.documented(eventtime: "bigint"), "column eventtime declared bigint"),
            (Self.documented(eventtime: "date"), "column eventtime declared date"),
            (
                AthenaDDLFixtures.documentedProjection().replacingOccurrences(
                    of: "eventname STRING", with: "eventname timestamp"), "column eventname declared timestamp"
            ),
            (
                AthenaDDLFixtures.documentedProjection().replacingOccurrences(
                    of: "requestparameters STRING", with: "requestparameters STRUCT<bucketname: STRING, expires: DATE>"),
                "field requestparameters.expires declared date"
            ),
        ] {
            let error = Self.error { _ = try AthenaTableDefinition.parse(ddl) }
            guard case .unsupported(let construct, let at)? = error else {
                Issue.record("expected a refusal for \(fragment), got \(String(describing: error))")
                continue
            }
            #expect(construct.contains(fragment), "\(construct)")
            // The place given is the declared type's.
            let offset = try #require(at.offset)
            let declared = String(ddl.utf8.dropFirst(offset).prefix(6))!.lowercased()
            #expect(["bigint", "date", "timest", "struct"].contains { declared.hasPrefix($0) }, "\(declared)")
        }
        // Declared as strings, or as the type CloudTrail gives them, they are read.
        #expect(throws: Never.self) {
            _ = try AthenaTableDefinition.parse(Self.documented(eventtime: "varchar(32)", readonly: "boolean"))
        }
    }

    @Test func aStructFieldTheTableDoesNotDeclareCannotBeResolved() throws {
        let ddl = AthenaDDLFixtures.structRequestParameters.replacingOccurrences(
            of: "AWSLogs/111122223333/", with: "AWSLogs/\(Self.plain)/")
        let store = try LocationCorpus.open(ddl)
        let declared = try store.run(
            """
            SELECT requestparameters.bucketname, count(*) FROM cloudtrail_s3_data
            WHERE requestparameters.bucketname IS NOT NULL GROUP BY 1 ORDER BY 1
            """, dialect: .athena, verify: true)
        #expect(!declared.rows.isEmpty && declared.verification?.rowsMatch == true)
        let sql = "SELECT eventname, requestparameters.policy FROM cloudtrail_s3_data"
        let error = Self.error { _ = try store.run(sql, dialect: .athena) }
        guard case .invalid(let message, let at)? = error else {
            Issue.record("expected the field refused, got \(String(describing: error))")
            return
        }
        #expect(message.contains("column 'requestparameters.policy' cannot be resolved"))
        #expect(message.contains("struct<bucketname, host, key>"))
        #expect(at.offset == sql.distance(from: sql.startIndex, to: sql.range(of: "policy")!.lowerBound))
        // The same inside a struct TrailMeter stores flattened: the fixture's userIdentity
        // declares no onBehalfOf.
        let nested = Self.error {
            _ = try store.run("SELECT useridentity.onbehalfof.userid FROM cloudtrail_s3_data", dialect: .athena)
        }
        guard case .invalid(let nestedMessage, _)? = nested else {
            Issue.record("expected the nested field refused, got \(String(describing: nested))")
            return
        }
        #expect(nestedMessage.contains("column 'useridentity.onbehalfof' cannot be resolved"))
        // The struct read whole holds the declared fields only.
        let whole = try store.run("SELECT useridentity FROM cloudtrail_s3_data LIMIT 1", dialect: .athena)
        let plain = try LocationCorpus.open().run("SELECT useridentity FROM cloudtrail_logs LIMIT 1", dialect: .athena)
        #expect(plain.rows.first?.first?.text?.contains("onbehalfof") == true)
        #expect(whole.rows.first?.first?.text?.contains("onbehalfof") == false)
        #expect(whole.rows.first?.first?.text?.contains("sessioncontext") == true)
        // A field declared BIGINT is a bigint: summed and compared as numbers.
        let bytes = try store.run(
            """
            SELECT sum(additionaleventdata.bytestransferredout) + 1 FROM cloudtrail_s3_data
            WHERE additionaleventdata.bytestransferredout >= 0
            """, dialect: .athena)
        #expect(bytes.rows.first?.first?.integer != nil)
        let asText = Self.error {
            _ = try store.run(
                "SELECT count(*) FROM cloudtrail_s3_data WHERE additionaleventdata.bytestransferredout LIKE '1%'",
                dialect: .athena)
        }
        #expect(asText?.description.contains("LIKE takes varchar, not bigint") == true)
    }
}

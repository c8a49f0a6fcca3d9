import QueryEngine
import SQLite
import Testing

/// Athena prints a struct as a row, `{type=IAMUser, principalid=..., sessioncontext=null}`: the
/// fields its table declares, in declared order, names in lower case, strings unquoted, and null
/// for a field or object the record lacks. `resources` prints each element the same way. So does
/// Lake, in the order its results show.
@Suite struct StructTextTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func athena(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, .athena, on: db).first) }

    @Test func aWholeStructPrintsAsARowInTheConsoleTablesOrder() throws {
        let identity = try athena(
            "SELECT useridentity FROM cloudtrail WHERE eventid = 'e4000000-0000-0000-0000-000000000004'")
        #expect(
            identity == [
                "{type=AssumedRole, principalid=AROAEXAMPLEROLE:alice@example.com, "
                    + "arn=arn:aws:sts::152231080651:assumed-role/admin-role/alice, accountid=152231080651, "
                    + "invokedby=null, accesskeyid=AKIAIOSFODNN7EXAMPLE, username=null, onbehalfof=null, "
                    + "sessioncontext={attributes={mfaauthenticated=true, creationdate=2022-01-22T04:30:00Z}, "
                    + "sessionissuer={type=Role, principalid=AROAEXAMPLEROLE, "
                    + "arn=arn:aws:iam::152231080651:role/admin-role, accountid=152231080651, username=admin-role}, "
                    + "ec2roledelivery=null, webidfederationdata=null}}"
            ])
        // A nested struct read whole prints the same way; one the record lacks is NULL.
        #expect(
            try athena(
                """
                SELECT useridentity.sessioncontext.sessionissuer, useridentity.sessioncontext, tlsdetails
                FROM cloudtrail WHERE eventid = 'e6000000-0000-0000-0000-000000000006'
                """) == ["NULL", "NULL", "NULL"])
        #expect(
            try athena("SELECT tlsdetails FROM cloudtrail WHERE eventid = 'e1000000-0000-0000-0000-000000000001'") == [
                "{tlsversion=TLSv1.2, ciphersuite=ECDHE-RSA-AES128-GCM-SHA256, clientprovidedhostheader=signin.aws.amazon.com}"
            ])
    }

    @Test func anObjectPresentWithoutValuesIsARowOfNulls() throws {
        // E2's `"sessionIssuer":{}`: Athena's SerDe reads a row of nulls, not a null.
        let identity = try athena(
            "SELECT useridentity FROM cloudtrail WHERE eventid = 'e2000000-0000-0000-0000-000000000002'")
        #expect(
            identity == [
                "{type=IAMUser, principalid=AIDAEXAMPLEYUTA, arn=arn:aws:iam::152231080651:user/Yuta0128, "
                    + "accountid=152231080651, invokedby=null, accesskeyid=ASIAEXAMPLEKEY01, username=Yuta0128, "
                    + "onbehalfof=null, sessioncontext={attributes={mfaauthenticated=false, "
                    + "creationdate=2022-01-22T00:00:30Z}, sessionissuer={type=null, principalid=null, arn=null, "
                    + "accountid=null, username=null}, ec2roledelivery=null, webidfederationdata=null}}"
            ])
        #expect(
            try athena(
                """
                SELECT useridentity.sessioncontext.sessionissuer IS NULL, useridentity.sessioncontext.webidfederationdata IS NULL
                FROM cloudtrail WHERE eventid = 'e2000000-0000-0000-0000-000000000002'
                """) == ["false", "true"])
        // The record rebuilt for Lake's eventJson keeps the empty object.
        let json = try #require(
            Fixture.rows(
                "SELECT eventJson FROM \(Fixture.lakeTable) WHERE eventID = 'e2000000-0000-0000-0000-000000000002'",
                .lake, on: db
            ).first)
        #expect(json[0].contains(#""sessionIssuer":{}"#))
    }

    @Test func resourcesPrintTheirDeclaredFieldsInLowerCase() throws {
        let id = "e4000000-0000-0000-0000-000000000004"
        #expect(
            try athena("SELECT resources FROM cloudtrail WHERE eventid = '\(id)'") == [
                "[{arn=arn:aws:s3:::demo-20230707/reports/2022/東京.csv, accountid=null, type=AWS::S3::Object}, "
                    + "{arn=arn:aws:s3:::demo-20230707, accountid=152231080651, type=AWS::S3::Bucket}]"
            ])
        let unnested = try Fixture.rows(
            "SELECT r, r.arn FROM cloudtrail CROSS JOIN UNNEST(resources) AS t(r) WHERE eventid = '\(id)'", .athena,
            on: db)
        #expect(
            unnested == [
                [
                    "{arn=arn:aws:s3:::demo-20230707/reports/2022/東京.csv, accountid=null, type=AWS::S3::Object}",
                    "arn:aws:s3:::demo-20230707/reports/2022/東京.csv",
                ],
                [
                    "{arn=arn:aws:s3:::demo-20230707, accountid=152231080651, type=AWS::S3::Bucket}",
                    "arn:aws:s3:::demo-20230707",
                ],
            ])
        // Read whole as JSON, the reshaped object keeps the declared names and order.
        #expect(
            try athena("SELECT json_format(CAST(resources[1] AS JSON)) FROM cloudtrail WHERE eventid = '\(id)'") == [
                #"{"arn":"arn:aws:s3:::demo-20230707/reports/2022/東京.csv","accountid":null,"type":"AWS::S3::Object"}"#
            ])
    }

    /// A struct renamed in a subquery or a WITH keeps its nested structs' fields readable.
    @Test func aRenamedStructKeepsItsFields() throws {
        #expect(
            try athena(
                """
                WITH x AS (SELECT useridentity AS u, useridentity.sessioncontext AS sc FROM cloudtrail
                           WHERE eventid = 'e4000000-0000-0000-0000-000000000004')
                SELECT u.sessioncontext.sessionissuer.username, sc.attributes.mfaauthenticated, u.type, sc.sessionissuer
                FROM x
                """) == [
                    "admin-role", "true", "AssumedRole",
                    "{type=Role, principalid=AROAEXAMPLEROLE, arn=arn:aws:iam::152231080651:role/admin-role, "
                        + "accountid=152231080651, username=admin-role}",
                ])
    }

    /// `typeof` names a struct's row type as the table declares it, and the other column types.
    @Test func typeofNamesRowsTimestampsAndBigints() throws {
        #expect(
            try athena(
                "SELECT typeof(tlsdetails), typeof(length(eventname)), typeof(eventtime) FROM cloudtrail LIMIT 1")
                == [
                    "row(tlsversion varchar, ciphersuite varchar, clientprovidedhostheader varchar)", "bigint",
                    "varchar",
                ])
        let lake = try #require(
            Fixture.rows(
                """
                SELECT typeof(eventTime), typeof(count(*)), typeof(from_iso8601_timestamp('2022-01-01T00:00:00Z')),
                       typeof(userIdentity.sessionContext.attributes), typeof(array_agg(eventName))
                FROM \(Fixture.lakeTable) GROUP BY eventTime
                """, .lake, on: db
            ).first)
        #expect(
            lake == [
                "timestamp(3)", "bigint", "timestamp(3) with time zone",
                "row(creationdate timestamp(3), mfaauthenticated varchar)", "array(varchar)",
            ])
    }

    @Test func aStructThroughASubqueryPrintsTheSame() throws {
        let direct = try athena(
            "SELECT useridentity, resources FROM cloudtrail WHERE eventid = 'e5000000-0000-0000-0000-000000000005'")
        let nested = try athena(
            """
            SELECT useridentity, resources FROM (SELECT * FROM cloudtrail)
            WHERE eventid = 'e5000000-0000-0000-0000-000000000005'
            """)
        #expect(direct == nested)
        #expect(direct[0].hasPrefix("{type=AssumedRole, "))
    }

    /// Older published tables declare `webIdFederationData: MAP<STRING,STRING>`: a map of the
    /// fields that have a value, keyed as the log spells them; `{}` when present without values.
    /// A struct is present when any field under it has a value, declared by the table or not.
    @Test func anObjectTheTableDeclaresAsAMapIsReadAsOne() throws {
        let ddl = """
            CREATE EXTERNAL TABLE old_trail (
              useridentity STRUCT<type:STRING, sessioncontext:STRUCT<
                sessionissuer:MAP<STRING,STRING>, webidfederationdata:MAP<STRING,STRING>>>,
              eventid STRING)
            LOCATION 's3://bucket/AWSLogs/'
            """
        func rows(_ sql: String) throws -> [[String]] {
            var translator = Fixture.translator(.athena, detectedFrom: sql)
            translator.athenaDefinition = try AthenaTableDefinition.parse(ddl)
            return try UserQuery.prepare(sql, translator: translator, on: db).allRows().map { $0.map(Fixture.text) }
        }
        // E2 holds `"sessionIssuer":{}` beside its attributes (which this table does not declare).
        let e2 = try rows(
            """
            SELECT useridentity, useridentity.sessioncontext.sessionissuer, useridentity.sessioncontext.webidfederationdata
            FROM old_trail WHERE eventid = 'e2000000-0000-0000-0000-000000000002'
            """)
        #expect(e2 == [["{type=IAMUser, sessioncontext={sessionissuer={}, webidfederationdata=null}}", "{}", "NULL"]])
        let e4 = try rows(
            "SELECT useridentity.sessioncontext.sessionissuer FROM old_trail WHERE eventid = 'e4000000-0000-0000-0000-000000000004'"
        )
        let issuer = try #require(e4.first?.first)
        #expect(issuer.hasPrefix("{") && issuer.contains("userName=admin-role") && issuer.contains("type=Role"))
        let e6 = try rows(
            "SELECT useridentity FROM old_trail WHERE eventid = 'e6000000-0000-0000-0000-000000000006'")
        #expect(e6 == [["{type=IAMUser, sessioncontext=null}"]])
    }

    /// Lake prints a struct as a row too (a result of June 2023 showed `userIdentity` so), in the
    /// order its results show, with `creationdate` as a Lake timestamp.
    @Test func lakePrintsStructsAsRowsInTheOrderItsResultsShow() throws {
        let row = try #require(
            Fixture.rows(
                """
                SELECT userIdentity, resources, tlsDetails FROM \(Fixture.lakeTable)
                WHERE eventID = 'e4000000-0000-0000-0000-000000000004'
                """, .lake, on: db
            ).first)
        #expect(
            row == [
                "{type=AssumedRole, principalid=AROAEXAMPLEROLE:alice@example.com, "
                    + "arn=arn:aws:sts::152231080651:assumed-role/admin-role/alice, accountid=152231080651, "
                    + "accesskeyid=AKIAIOSFODNN7EXAMPLE, username=null, sessioncontext={attributes={"
                    + "creationdate=2022-01-22 04:30:00.000, mfaauthenticated=true}, sessionissuer={type=Role, "
                    + "principalid=AROAEXAMPLEROLE, arn=arn:aws:iam::152231080651:role/admin-role, "
                    + "accountid=152231080651, username=admin-role}, sourceidentity=null, ec2roledelivery=null, "
                    + "ec2issuedinvpc=null, webidfederationdata=null}, invokedby=null, identityprovider=null, "
                    + "credentialid=null, onbehalfof=null, inscopeof=null}",
                "[{accountid=null, type=AWS::S3::Object, arn=arn:aws:s3:::demo-20230707/reports/2022/東京.csv, "
                    + "arnprefix=null}, {accountid=152231080651, type=AWS::S3::Bucket, "
                    + "arn=arn:aws:s3:::demo-20230707, arnprefix=null}]",
                "{tlsversion=TLSv1.2, ciphersuite=ECDHE-RSA-AES128-GCM-SHA256, "
                    + "clientprovidedhostheader=demo-20230707.s3.amazonaws.com}",
            ])
        // Lake's published form reads a field of an element: still there, whatever the log's case.
        #expect(
            try Fixture.rows(
                """
                SELECT element_at(resources, 1).arn, element_at(resources, 2).accountId FROM \(Fixture.lakeTable)
                WHERE eventID = 'e4000000-0000-0000-0000-000000000004'
                """, .lake, on: db) == [
                    ["arn:aws:s3:::demo-20230707/reports/2022/東京.csv", "152231080651"]
                ])
    }
}

import CloudTrail
import QueryEngine
import SQLite

/// A handful of CloudTrail events written for these tests, loaded into an in-memory database as
/// two plain tables holding what each dialect's layout presents: `athena_events` (stored text,
/// plus the Athena partition columns) and `lake_events` (Lake's typed forms).
enum Fixture {
    /// "now" for every test: 2022-01-23 00:00:00 UTC.
    static let clock = QueryClock.fixed("2022-01-23T00:00:00Z")!

    static let records: [String] = [
        // E1: console sign-in without MFA, Yuta0128 in Tokyo, first second of the article's window.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEYUTA","arn":"arn:aws:iam::152231080651:user/Yuta0128","accountId":"152231080651","userName":"Yuta0128"},"eventTime":"2022-01-22T00:00:30Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"ap-northeast-1","sourceIPAddress":"203.0.113.7","userAgent":"Mozilla/5.0","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No","MFAUsed":"No"},"eventID":"e1000000-0000-0000-0000-000000000001","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"152231080651","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":"signin.aws.amazon.com"}}
        """#,
        // E2: RunInstances by Yuta0128 in Tokyo.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEYUTA","arn":"arn:aws:iam::152231080651:user/Yuta0128","accountId":"152231080651","accessKeyId":"ASIAEXAMPLEKEY01","userName":"Yuta0128","sessionContext":{"sessionIssuer":{},"attributes":{"creationDate":"2022-01-22T00:00:30Z","mfaAuthenticated":"false"}}},"eventTime":"2022-01-22T01:15:00Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"ap-northeast-1","sourceIPAddress":"203.0.113.7","userAgent":"AWS Internal","requestParameters":{"instancesSet":{"items":[{"imageId":"ami-0abcdef1234567890","minCount":1,"maxCount":1}]},"instanceType":"t3.micro","monitoring":{"enabled":false}},"responseElements":{"requestId":"r-1","instancesSet":{"items":[{"instanceId":"i-b188560f","instanceState":{"code":0,"name":"pending"}}]}},"requestID":"req-2","eventID":"e2000000-0000-0000-0000-000000000002","readOnly":false,"resources":[{"accountId":"152231080651","type":"AWS::EC2::Instance","ARN":"arn:aws:ec2:ap-northeast-1:152231080651:instance/i-b188560f"},{"accountId":"152231080651","type":"AWS::EC2::Subnet","ARN":"arn:aws:ec2:ap-northeast-1:152231080651:subnet/subnet-1"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"152231080651","eventCategory":"Management","sessionCredentialFromConsole":"true"}
        """#,
        // E3: DescribeInstances at 05:00:00 exactly: the article's inclusive upper bound.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEYUTA","arn":"arn:aws:iam::152231080651:user/Yuta0128","accountId":"152231080651","userName":"Yuta0128"},"eventTime":"2022-01-22T05:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"ap-northeast-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.4.0","requestParameters":{"maxResults":1000,"filterSet":{}},"responseElements":null,"requestID":"req-3","eventID":"e3000000-0000-0000-0000-000000000003","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"152231080651","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"ec2.ap-northeast-1.amazonaws.com"}}
        """#,
        // E4: S3 GetObject by an assumed role, one second after the window, Virginia.
        #"""
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEROLE:alice@example.com","arn":"arn:aws:sts::152231080651:assumed-role/admin-role/alice","accountId":"152231080651","accessKeyId":"AKIAIOSFODNN7EXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEROLE","arn":"arn:aws:iam::152231080651:role/admin-role","accountId":"152231080651","userName":"admin-role"},"attributes":{"creationDate":"2022-01-22T04:30:00Z","mfaAuthenticated":"true"}}},"eventTime":"2022-01-22T05:00:01Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"[aws-sdk-go/1.44]","requestParameters":{"bucketName":"demo-20230707","Host":"demo-20230707.s3.amazonaws.com","key":"reports/2022/東京.csv"},"responseElements":null,"additionalEventData":{"bytesTransferredOut":1024,"aclRequired":"Yes","x-amz-id-2":"abc"},"requestID":"req-4","eventID":"e4000000-0000-0000-0000-000000000004","readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::demo-20230707/reports/2022/東京.csv"},{"accountId":"152231080651","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::demo-20230707"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"152231080651","eventCategory":"Data","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":"demo-20230707.s3.amazonaws.com"}}
        """#,
        // E5: a role assuming itself, one second before the window.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEROLE:session","arn":"arn:aws:sts::152231080651:assumed-role/admin-role/session","accountId":"152231080651","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEROLE","arn":"arn:aws:iam::152231080651:role/admin-role","accountId":"152231080651","userName":"admin-role"}}},"eventTime":"2022-01-22T00:00:29Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-sdk","requestParameters":{"roleArn":"arn:aws:iam::152231080651:role/admin-role","roleSessionName":"session"},"responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLE2","expiration":"Jan 22, 2022, 1:00:29 AM"}},"requestID":"req-5","eventID":"e5000000-0000-0000-0000-000000000005","readOnly":true,"resources":[{"accountId":"152231080651","type":"AWS::IAM::Role","ARN":"arn:aws:iam::152231080651:role/admin-role"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"152231080651","eventCategory":"Management"}
        """#,
        // E6: an access key created the evening before.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEYUTA","arn":"arn:aws:iam::152231080651:user/Yuta0128","accountId":"152231080651","userName":"Yuta0128"},"eventTime":"2022-01-21T23:00:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"console.amazonaws.com","requestParameters":{"userName":"deploy-bot"},"responseElements":{"accessKey":{"userName":"deploy-bot","accessKeyId":"AKIAEXAMPLENEWKEY","status":"Active","createDate":"Jan 21, 2022 11:00:00 PM"}},"requestID":"req-6","eventID":"e6000000-0000-0000-0000-000000000006","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"152231080651","eventCategory":"Management"}
        """#,
        // E7: a denied S3 call from a private address, later that morning.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"152231080651","arn":"arn:aws:iam::152231080651:root","accountId":"152231080651"},"eventTime":"2022-01-22T07:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutBucketPublicAccessBlock","awsRegion":"us-west-2","sourceIPAddress":"10.1.2.3","userAgent":"console.amazonaws.com","errorCode":"AccessDenied","errorMessage":"Access Denied","requestParameters":{"bucketName":"demo-20230707","PublicAccessBlockConfiguration":{"RestrictPublicBuckets":true,"BlockPublicPolicy":false}},"responseElements":null,"requestID":"req-7","eventID":"e7000000-0000-0000-0000-000000000007","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"152231080651","eventCategory":"Management"}
        """#,
        // E8: an Aurora PostgreSQL instance with Performance Insights, publicly accessible.
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEDBA:bob","arn":"arn:aws:sts::444455556666:assumed-role/dba/bob","accountId":"444455556666","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEDBA","arn":"arn:aws:iam::444455556666:role/dba","accountId":"444455556666","userName":"dba"}}},"eventTime":"2022-01-22T02:00:00Z","eventSource":"rds.amazonaws.com","eventName":"CreateDBInstance","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.76","userAgent":"console.amazonaws.com","requestParameters":{"dBInstanceIdentifier":"orders-1","dBInstanceClass":"db.r6g.large","engine":"aurora-postgresql","engineVersion":"13.4","availabilityZone":"eu-west-1a","enablePerformanceInsights":true,"publiclyAccessible":true,"allocatedStorage":20},"responseElements":{"dBInstanceArn":"arn:aws:rds:eu-west-1:444455556666:db:orders-1"},"requestID":"req-8","eventID":"e8000000-0000-0000-0000-000000000008","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"444455556666","eventCategory":"Management","sessionCredentialFromConsole":"true"}
        """#,
        // E9: a year later, another RunInstances, for the published 2023 windows.
        #"""
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEROLE:alice@example.com","arn":"arn:aws:sts::152231080651:assumed-role/alice/alice","accountId":"152231080651","accessKeyId":"AKIAIOSFODNN7EXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEROLE","arn":"arn:aws:iam::555555555555:role/alice","accountId":"555555555555","userName":"alice"}}},"eventTime":"2023-01-03T10:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","awsRegion":"us-east-2","sourceIPAddress":"192.0.2.76","userAgent":"aws-cli/2.9","requestParameters":{"instanceType":"m5.large"},"responseElements":{"instancesSet":{"items":[{"instanceId":"i-0aaaabbbbccccdddd"}]}},"requestID":"req-9","eventID":"3270e016-59a1-4448-8dd1-d27a4796502d","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"555555555555","eventCategory":"Management"}
        """#,
        // E10-E12: July 2021 in account 111122223333, the window of the security analytics
        // bootstrap's Athena samples (partitions date/region/account).
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEALICE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"},"eventTime":"2021-07-15T09:30:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.50","userAgent":"aws-cli/2.2","requestParameters":{"userName":"ci-bot"},"responseElements":{"accessKey":{"userName":"ci-bot","accessKeyId":"AKIAEXAMPLECIBOT","status":"Active"}},"requestID":"req-10","eventID":"ea000000-0000-0000-0000-000000000010","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}
        """#,
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEOPS:carol","arn":"arn:aws:sts::111122223333:assumed-role/ops/carol","accountId":"111122223333"},"eventTime":"2021-07-16T08:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-west-2","sourceIPAddress":"10.0.5.5","userAgent":"Mozilla/5.0","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"Yes"},"eventID":"eb000000-0000-0000-0000-000000000011","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}
        """#,
        #"""
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLEALICE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"},"eventTime":"2021-07-20T12:00:00Z","eventSource":"iam.amazonaws.com","eventName":"UpdateLoginProfile","awsRegion":"us-east-1","sourceIPAddress":"172.16.5.4","userAgent":"console.amazonaws.com","requestParameters":{"userName":"dave","passwordResetRequired":false},"responseElements":null,"requestID":"req-12","eventID":"ec000000-0000-0000-0000-000000000012","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}
        """#,
    ]

    static let athenaTable = "athena_events"
    static let lakeTable = "lake_events"

    /// Column text of every fixture record as the layouts present it: parsed by the real CloudTrail
    /// reader, with `eventjson` rebuilt from all columns (the store keeps only unmapped fields in it).
    static let stored: [[String?]] = {
        let file = "{\"Records\":[" + records.joined(separator: ",") + "]}"
        var bytes = Array(file.utf8)
        let parsed = try! bytes.withUnsafeMutableBytes { raw in
            try LogFileParser.parse(UnsafeRawBufferPointer(raw), path: "fixture.json")
        }
        let batch = parsed.events
        return (0..<batch.count).map { row in
            var values = batch.columns.map { $0.string(row) }
            var json: [UInt8] = []
            EventJSON.rebuild(into: &json) { column in
                let cells = batch.columns[column]
                guard !cells.isNull[row] else { return nil }
                return cells.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[cells.range(row)]) }
            }
            values[EventSchema.eventJSONIndex] = String(decoding: json, as: UTF8.self)
            return values
        }
    }()

    /// A fresh database with both tables and the `tm_` functions.
    static func database() throws -> Connection {
        let connection = try Connection(path: ":memory:")
        try SQLFunctions.register(on: connection, clock: clock)
        for (table, dialect) in [(athenaTable, Dialect.athena), (lakeTable, Dialect.lake)] {
            let columns =
                EventSchema.columns.map { "\"\($0.name)\"" } + DialectSchema.partitionColumns.map { "\"\($0)\"" }
            try connection.execute("CREATE TABLE \(table) (\(columns.joined(separator: ", ")))")
            let presenters = ValuePresentation.presenters(for: dialect)
            let insert = try connection.prepare(
                "INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
            for row in stored {
                var values = zip(presenters, row).map { $0.present($1) }
                let time = row[EventSchema.eventTimeIndex]!
                let year = String(time.prefix(4))
                let month = String(time.dropFirst(5).prefix(2))
                let day = String(time.dropFirst(8).prefix(2))
                let region = row[EventSchema.indexByName["awsregion"]!]!
                let account = row[EventSchema.indexByName["recipientaccountid"]!]!
                values += [
                    .text("\(year)/\(month)/\(day)"), .text(region), .text(year), .text(month), .text(day),
                    .text(account),
                ]
                try insert.bind(values)
                while try insert.step() {}
            }
        }
        return connection
    }

    static func translator(_ dialect: Dialect?, detectedFrom sql: String) -> Translator {
        var translator = Translator(tableName: athenaTable, dialect: dialect, clock: clock)
        translator.timeSpan = timeSpan
        let chosen = dialect ?? translator.detectDialect(sql)
        translator.tableName = chosen == .lake ? lakeTable : athenaTable
        return translator
    }

    /// The fixture's time span, the default for time placeholders: its first event
    /// (2021-07-15T09:30:00Z) to the second after its last (2023-01-03T10:00:00Z).
    static let timeSpan: (start: Int64, end: Int64) = (1_626_341_400_000, 1_672_740_001_000)

    /// Translates and runs `sql`; rows as plain values.
    static func run(_ sql: String, _ dialect: Dialect? = nil, on connection: Connection? = nil) throws -> (
        Translation, [[SQLiteValue]]
    ) {
        let db = try connection ?? database()
        let query = try UserQuery.prepare(sql, translator: translator(dialect, detectedFrom: sql), on: db)
        return (query.translation, try query.allRows())
    }

    /// Rows as text, NULL as "NULL", for compact expectations.
    static func rows(_ sql: String, _ dialect: Dialect? = nil, on connection: Connection? = nil) throws -> [[String]] {
        try run(sql, dialect, on: connection).1.map { $0.map(text) }
    }

    static func text(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let v): return "blob(\(v.count))"
        }
    }

    /// The error `sql` fails with, or nil.
    static func error(_ sql: String, _ dialect: Dialect? = nil, on connection: Connection? = nil) -> QueryError? {
        do {
            _ = try run(sql, dialect, on: connection)
            return nil
        } catch let error as QueryError {
            return error
        } catch {
            return .engine(message: "\(error)", at: nil)
        }
    }
}

@testable import CloudTrail
import Foundation

/// Small log files written for the reader's tests.
enum ReaderFixtures {
    static let consoleLogin = """
        {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/Alice","accountId":"123456789012","userName":"Alice"},"eventTime":"2022-01-22T00:10:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"Mozilla/5.0","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"},"eventID":"e1","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"123456789012"}
        """
    static let assumedRole = """
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:bot","arn":"arn:aws:sts::123456789012:assumed-role/Deploy/bot","accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::123456789012:role/Deploy","accountId":"123456789012","userName":"Deploy"},"attributes":{"creationDate":"2022-01-22T00:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2022-01-22T00:20:00Z","eventSource":"s3.amazonaws.com","eventName":"PutObject","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","userAgent":"aws-cli/2.0","requestParameters":{"bucketName":"logs","key":"a \\"quoted\\" key \\u00e9 \\ud83d\\ude00","tags":[1,2]},"responseElements":null,"eventID":"e2","readOnly":"false","eventType":"AwsApiCall","resources":[{"ARN":"arn:aws:s3:::logs","accountId":"123456789012","type":"AWS::S3::Bucket"}],"recipientAccountId":"123456789012"}
        """

    static var recordsCompact: String { #"{"Records":["# + consoleLogin + "," + assumedRole + "]}" }

    static var recordsPretty: String {
        let object = try! JSONSerialization.jsonObject(with: Data(recordsCompact.utf8))
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]), as: UTF8.self)
    }

    static func parse(_ text: String, path: String = "fixture.json") throws -> ParsedLogFile {
        try parse(Array(text.utf8), path: path)
    }

    static func parse(_ bytes: [UInt8], path: String = "fixture.json") throws -> ParsedLogFile {
        try bytes.withUnsafeBytes { try LogFileParser.parse($0, path: path) }
    }

    static func gzip(_ text: String) -> [UInt8] {
        Array(text.utf8).withUnsafeBytes { Gzip.compress($0) }
    }

    static func value(_ log: ParsedLogFile, _ column: String, _ row: Int = 0) -> String? {
        log.events.columns[EventSchema.indexByName[column]!].string(row)
    }
}

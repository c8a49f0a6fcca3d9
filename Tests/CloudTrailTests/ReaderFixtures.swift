import Deflate
import Foundation

@testable import CloudTrail

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
        return String(
            decoding: try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]), as: UTF8.self)
    }

    static func parse(_ text: String, path: String = "fixture.json") throws -> ParsedLogFile {
        try parse(Array(text.utf8), path: path)
    }

    static func parse(_ bytes: [UInt8], path: String = "fixture.json") throws -> ParsedLogFile {
        try bytes.withUnsafeBytes { try LogFileParser.parse($0, path: path) }
    }

    /// Record `row` rebuilt from its columns.
    static func rebuilt(_ log: ParsedLogFile, _ row: Int) -> String {
        var out: [UInt8] = []
        EventJSON.rebuild(into: &out) { column in
            let values = log.events.columns[column]
            guard !values.isNull[row] else { return nil }
            return values.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[values.range(row)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func gzip(_ text: String) -> [UInt8] {
        Array(text.utf8).withUnsafeBytes { Gzip.compress($0) }
    }

    static func value(_ log: ParsedLogFile, _ column: String, _ row: Int = 0) -> String? {
        log.events.columns[EventSchema.indexByName[column]!].string(row)
    }
}

/// Compares records as TrailMeter keeps them: JSON nulls dropped (an object left empty stays,
/// as `emptyobjects` keeps it), scalars
/// compared by their text (CloudTrail writes some booleans as strings and some as booleans),
/// keys by their lower-case spelling (the reader matches known fields case-insensitively and
/// rebuilds them in CloudTrail's spelling).
enum RecordComparison {
    static func canonical(_ json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        return describe(normalize(object) ?? NSNull())
    }

    static func canonical(_ object: Any) -> String { describe(normalize(object) ?? NSNull()) }

    private static func normalize(_ value: Any) -> Any? {
        switch value {
        case is NSNull: return nil
        case let object as [String: Any]:
            let kept = Dictionary(
                object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }
            ).compactMapValues(normalize)
            return kept
        case let array as [Any]: return array.map { normalize($0) ?? NSNull() }
        case let number as NSNumber:
            if "\(type(of: number))".contains("Boolean") { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default: return "\(value)"
        }
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\($0)=\(describe(object[$0]!))" }.joined(separator: ",") + "}"
        case let array as [Any]: return "[" + array.map(describe).joined(separator: ",") + "]"
        default: return "\(value)"
        }
    }
}

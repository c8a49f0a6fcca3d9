import CloudTrail

/// What part of a trail bucket an Athena table reads, from its `LOCATION` (or, for a table with
/// partition projection, the fixed segments of its `storage.location.template`): the segments
/// after `AWSLogs/` that the location fixes. A trail writes `AWSLogs/[<org-id>/]<account>/
/// CloudTrail/<region>/<yyyy>/<MM>/<dd>/`; a location that stops early, or holds a placeholder
/// (`${region}`, `<account-id>`, `Account_ID`: anything not shaped as the value) where a value
/// would stand, leaves that segment open.
/// The bucket is kept for messages only: a store does not know which bucket its files came from.
public struct AthenaTableLocation: Sendable, Equatable {
    /// The location as written (`s3://…`), nil for the default table.
    public let text: String?
    public let bucket: String?
    /// True under an organization trail's segment (`AWSLogs/o-…/`), false when an account
    /// segment follows `AWSLogs/` directly (a trail of one account), nil when the location stops
    /// before it tells.
    public let underOrganization: Bool?
    /// Fixed values; nil where the location leaves the segment open.
    public let organizationID: String?
    public let account: String?
    /// The trail folder: `CloudTrail` (events), `CloudTrail-Insight` (Insights events).
    public let folder: String?
    public let region: String?
    /// The fixed date segments, as a prefix of the `yyyy/MM/dd` day (`2022`, `2022/01`, `2022/01/22`).
    public let dayPrefix: String?

    /// The table TrailMeter assumes without a DDL: the trail's events folder (as the console's
    /// table, `…/CloudTrail/`), every account and region of the store.
    public static let defaultTable = AthenaTableLocation(
        text: nil, bucket: nil, underOrganization: nil, organizationID: nil, account: nil, folder: "CloudTrail",
        region: nil, dayPrefix: nil)

    /// Reads `text` (`s3://bucket/prefix/AWSLogs/...`).
    public init(_ text: String) {
        var rest = Substring(text)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let segments = rest.split(separator: "/").map(String.init)
        var bucket = segments.first
        var afterLogs: [String] = []
        if let logs = segments.firstIndex(of: "AWSLogs") {
            afterLogs = Array(segments[(logs + 1)...])
        }
        if bucket == "AWSLogs" { bucket = nil }
        var organization: String?
        let underOrganization: Bool? =
            afterLogs.isEmpty
            ? nil : afterLogs[0].hasPrefix("o-") || (afterLogs.count > 2 && Self.isTrailFolder(afterLogs[2]))
        if underOrganization == true, let first = afterLogs.first {
            // An organization trail's segment (`o-exampleorg`), or a placeholder standing for one.
            organization = first.hasPrefix("o-") ? first : nil
            afterLogs.removeFirst()
        }
        let account = afterLogs.first.flatMap { Self.isAccount($0) ? $0 : nil }
        let folder = afterLogs.dropFirst().first.flatMap { Self.isTrailFolder($0) ? $0 : nil }
        let region = afterLogs.dropFirst(2).first.flatMap { SampleTrailSpec.isRegionName($0) ? $0 : nil }
        var days: [String] = []
        for (segment, length) in zip(afterLogs.dropFirst(3), [4, 2, 2]) {
            guard segment.count == length, segment.allSatisfy(\.isASCII), segment.allSatisfy(\.isNumber) else { break }
            days.append(segment)
        }
        self.init(
            text: text, bucket: bucket, underOrganization: underOrganization, organizationID: organization,
            account: account, folder: folder,
            region: region, dayPrefix: days.isEmpty || region == nil ? nil : days.joined(separator: "/"))
    }

    init(
        text: String?, bucket: String?, underOrganization: Bool?, organizationID: String?, account: String?,
        folder: String?, region: String?,
        dayPrefix: String?
    ) {
        self.text = text
        self.bucket = bucket
        self.underOrganization = underOrganization
        self.organizationID = organizationID
        self.account = account
        self.folder = folder
        self.region = region
        self.dayPrefix = dayPrefix
    }

    /// What a file's key from `AWSLogs/` on follows in its `s3://` URI (Athena's `"$path"`): the
    /// location up to its `AWSLogs` segment, or the whole location (ending in `/`) when it does
    /// not reach one; nil without a location.
    public var objectPrefix: String? {
        guard let text else { return nil }
        for marker in ["/AWSLogs/", "/AWSLogs"] {
            if let found = text.firstRange(of: marker), marker.hasSuffix("/") || found.upperBound == text.endIndex {
                return String(text[...found.lowerBound])
            }
        }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// `objectPrefix` as an `s3://` string the user wrote gives it (`'s3://bucket/AWSLogs/...'`,
    /// a LIKE pattern): up to its `AWSLogs` segment, else its bucket alone; nil when it names no
    /// bucket (a wildcard or a character bucket names cannot hold).
    public static func objectPrefix(ofLiteral text: String) -> String? {
        guard text.lowercased().hasPrefix("s3://") else { return nil }
        let rest = text.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty,
            bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") })
        else { return nil }
        if let found = text.firstRange(of: "/AWSLogs/") { return String(text[...found.lowerBound]) }
        return "s3://\(bucket)/"
    }

    /// True when the location fixes nothing a store knows (every account, region, folder and day).
    public var readsEverything: Bool {
        underOrganization == nil && account == nil && folder == nil && region == nil && dayPrefix == nil
    }

    /// What the location fixes, as the key prefix it reads, `*` for a segment left open:
    /// `AWSLogs/111122223333/CloudTrail/us-east-1/`, `AWSLogs/o-exampleorg/*/CloudTrail/`,
    /// `AWSLogs/[<org>/]*/CloudTrail/` (with or without an organization segment).
    public var restriction: String {
        guard !readsEverything else { return "every file" }
        var segments: [String] = []
        switch underOrganization {
        case true?: segments.append(organizationID ?? "*")
        case false?: break
        case nil: segments.append("[<org>/]*")
        }
        if underOrganization != nil { segments.append(account ?? "*") }
        segments += [folder ?? "*", region ?? "*"] + (dayPrefix.map { [$0] } ?? [])
        while segments.last == "*" { segments.removeLast() }
        return "AWSLogs/" + segments.map { $0 + "/" }.joined()
    }

    static func isAccount(_ segment: String) -> Bool {
        segment.utf8.count == 12 && segment.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isTrailFolder(_ segment: String) -> Bool {
        segment == "CloudTrail" || segment == "CloudTrail-Insight" || segment == "CloudTrail-Digest"
    }
}

extension AthenaTableDefinition {
    /// The part of the bucket the table reads: the fixed segments of `storage.location.template`
    /// when partition projection is on and gives one (Athena reads those locations, not
    /// `LOCATION`), else `LOCATION`; every file when the statement gives neither.
    public var readLocation: AthenaTableLocation {
        if isProjected, let template = properties["storage.location.template"] { return AthenaTableLocation(template) }
        guard let location else {
            return AthenaTableLocation(
                text: nil, bucket: nil, underOrganization: nil, organizationID: nil, account: nil, folder: nil,
                region: nil, dayPrefix: nil)
        }
        return AthenaTableLocation(location)
    }
}

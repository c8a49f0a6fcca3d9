/// Who calls an API: the generator picks a caller class first (by time of day), then an API that
/// class calls, so services assume roles and humans sign in.
struct CallerClasses: OptionSet, Sendable {
    let rawValue: UInt8
    static let automation = CallerClasses(rawValue: 1)
    static let service = CallerClasses(rawValue: 2)
    static let human = CallerClasses(rawValue: 4)
    static let root = CallerClasses(rawValue: 8)
    static let people: CallerClasses = [.human, .root]
    static let everyone: CallerClasses = [.automation, .human, .root]
}

/// How an API's failures read.
enum ErrorStyle: Sendable {
    /// EC2's query API: `Client.UnauthorizedOperation`, `Client.RequestLimitExceeded`.
    case ec2
    /// JSON and REST APIs: `AccessDenied`, `ThrottlingException`, `ResourceNotFoundException`.
    case generic
    /// A specific common failure, such as S3's `NoSuchBucketPolicy`, before the generic ones.
    case specific(code: [UInt8], message: [UInt8])
}

/// One eventSource/eventName pair with its weight in a real account's mix and the shape of its records.
struct APIEntry: Sendable {
    let endpoint: [UInt8]
    let eventSource: [UInt8]
    let name: [UInt8]
    /// `service:Action`, as IAM's AccessDenied messages name it.
    let action: [UInt8]
    let weight: Double
    let callers: CallerClasses
    let readOnly: Bool
    let isGlobal: Bool
    let isDataEvent: Bool
    let isConsoleSignIn: Bool
    let errorRate: Double
    let errorStyle: ErrorStyle
    let request: Template?
    let response: Template?
    let resources: Template?
    let additional: Template?
}

enum APICatalogue {
    /// Services whose endpoint is global: their events log to us-east-1 unless a regional endpoint is used.
    static let globalEndpoints: Set<String> = [
        "iam", "sts", "signin", "organizations", "route53", "cloudfront", "ce", "health",
    ]
    private static let readPrefixes = [
        "Describe", "List", "Get", "Head", "Lookup", "BatchGet", "Search", "Decrypt",
        "Generate", "Assume", "Encrypt", "Filter", "Check", "Decode", "BatchCheck",
    ]

    static let entries: [APIEntry] = APICatalogueData.rows.map(makeEntry)

    private static func makeEntry(_ row: APIRow) -> APIEntry {
        let endpoint = row.endpoint
        let source = endpoint == "monitoring" ? "monitoring.amazonaws.com" : "\(endpoint).amazonaws.com"
        let baseName = String(row.name.prefix { !$0.isNumber })
        let iamPrefix =
            ["monitoring": "cloudwatch", "elasticloadbalancing": "elasticloadbalancing"][endpoint] ?? endpoint
        let readOnly = row.readOnly ?? readPrefixes.contains { row.name.hasPrefix($0) }
        let errorStyle: ErrorStyle
        if let specific = row.specificError {
            errorStyle = .specific(code: Array(specific.0.utf8), message: Array(specific.1.utf8))
        } else {
            errorStyle = endpoint == "ec2" ? .ec2 : .generic
        }
        return APIEntry(
            endpoint: Array(endpoint.utf8), eventSource: Array(source.utf8), name: Array(row.name.utf8),
            action: Array("\(iamPrefix):\(baseName)".utf8), weight: row.weight, callers: row.callers,
            readOnly: readOnly, isGlobal: globalEndpoints.contains(endpoint), isDataEvent: row.data,
            isConsoleSignIn: endpoint == "signin" && row.name == "ConsoleLogin",
            errorRate: row.errorRate ?? (readOnly ? 0.05 : 0.08), errorStyle: errorStyle,
            request: row.request.map(Template.init), response: row.response.map(Template.init),
            resources: row.resources.map(Template.init), additional: row.additional.map(Template.init))
    }

    /// Index of `signin`/`ConsoleLogin`, the event each IAM user's working day begins with.
    static let consoleLoginIndex = entries.firstIndex { $0.isConsoleSignIn }!

    /// Weighted tables of API indexes for one caller class, for us-east-1 and for other regions.
    static func table(for caller: CallerClasses, inUSEast1: Bool) -> WeightedTable {
        WeightedTable(
            entries.map { entry in
                guard entry.callers.contains(caller) else { return 0 }
                guard entry.isGlobal, !inUSEast1 else { return entry.weight }
                // STS has regional endpoints that SDKs increasingly use; IAM and sign-in barely leave us-east-1.
                return entry.weight * (entry.endpoint == Array("sts".utf8) ? 0.12 : 0.02)
            })
    }
}

/// One row of the catalogue as written in `APICatalogueData`.
struct APIRow {
    let endpoint: String
    let name: String
    let weight: Double
    var callers: CallerClasses = .everyone
    var readOnly: Bool? = nil
    var data = false
    var errorRate: Double? = nil
    var specificError: (String, String)? = nil
    var request: String? = nil
    var response: String? = nil
    var resources: String? = nil
    var additional: String? = nil
}

import TrailMeterCore

/// What sample trail to generate: its span, volume, regions, accounts and seed.
public struct SampleTrailSpec: Sendable, Equatable {
    /// Number of consecutive days of events, starting at `start`.
    public var days: Int
    /// Events per day for the whole trail: all accounts and regions together.
    public var eventsPerDay: Int
    /// AWS regions that receive events, such as `us-east-1`; global services (IAM, STS, sign-in)
    /// log mostly to `us-east-1` when it is among them.
    public var regions: [String]
    /// Number of member accounts; account 0 is the busiest.
    public var accounts: Int
    /// Seed of every random choice: the same spec always writes byte-identical files.
    public var seed: UInt64
    /// First day (UTC) of events.
    public var start: TrailDate
    /// Records of other kinds written beside the trail's events (none by default).
    public var otherKinds: [SampleEventKind] = []
    /// Whether S3 data events carry the bytes they moved; off by default, so that the default
    /// trail stays byte for byte what it has always been.
    public var s3TransferSizes = false

    /// The regions used when none are given.
    public static let defaultRegions = ["us-east-1", "ap-northeast-1", "eu-west-1"]

    public init(
        days: Int = 30, eventsPerDay: Int = 20_000, regions: [String] = SampleTrailSpec.defaultRegions,
        accounts: Int = 1, seed: UInt64 = 1, start: TrailDate = TrailDate(year: 2022, month: 1, day: 1)
    ) {
        self.days = days
        self.eventsPerDay = eventsPerDay
        self.regions = regions
        self.accounts = accounts
        self.seed = seed
        self.start = start
    }

    /// Throws the first problem that makes the spec unusable.
    public func validate() throws(SampleTrailError) {
        guard days > 0 else { throw .nonPositiveDays(days) }
        guard eventsPerDay > 0 else { throw .nonPositiveEventsPerDay(eventsPerDay) }
        guard accounts > 0 else { throw .nonPositiveAccounts(accounts) }
        guard accounts <= 10_000 else { throw .tooManyAccounts(accounts) }
        guard !regions.isEmpty else { throw .noRegions }
        var seen = Set<String>()
        for region in regions {
            guard Self.isRegionName(region) else { throw .invalidRegion(region) }
            guard seen.insert(region).inserted else { throw .duplicateRegion(region) }
        }
    }

    /// True for names shaped like AWS regions: `us-east-1`, `ap-northeast-3`, `us-gov-west-1`.
    public static func isRegionName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII),
            last.allSatisfy(\.isNumber)
        else { return false }
        return parts.dropLast().allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0 >= "a" && $0 <= "z" }
        } && parts[0].count == 2
    }
}

/// Records a sample can hold besides the trail's CloudTrail events.
public enum SampleEventKind: String, Sendable, CaseIterable {
    /// Insights events, delivered as a trail delivers them (`AWSLogs/<account>/CloudTrail-Insight/...`).
    case insights
    /// AWS Config configuration items as CloudTrail Lake stores them (`eventData.*`), JSON Lines
    /// under `CloudTrailLake/ConfigurationItem/`.
    case config
    /// Integration events (GitHub and Okta audit logs sent with `PutAuditEvents`) as CloudTrail
    /// Lake stores them, JSON Lines under `CloudTrailLake/ActivityAuditLog/`.
    case integration

    /// Parses a comma-separated list such as `cloudtrail,insights,config,integration`;
    /// `cloudtrail` names the trail's own events, always written.
    public static func parseList(_ text: String) throws(SampleTrailError) -> [SampleEventKind] {
        var kinds: [SampleEventKind] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if name == "cloudtrail" { continue }
            guard let kind = SampleEventKind(rawValue: name) else { throw .unknownEventKind(name) }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }
}

/// A calendar day in UTC.
public struct TrailDate: Sendable, Equatable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String) throws(SampleTrailError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1970...9999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysIn(month: month, year: year)).contains(day)
        else { throw .invalidStartDate(text) }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        CivilCalendar.isoDate(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01.
    var epochDay: Int64 { Int64(CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)) }
}

/// What a generator run wrote.
public struct SampleTrailSummary: Sendable, Equatable {
    /// Log files written.
    public var files = 0
    /// Events written, over all files.
    public var events = 0
    /// Bytes of the gzip files.
    public var compressedBytes = 0
    /// Bytes of the JSON inside them.
    public var uncompressedBytes = 0
    /// Events per region, in the spec's region order.
    public var eventsPerRegion: [(region: String, events: Int)] = []
    /// Distinct eventSource/eventName pairs the catalogue can emit.
    public var apiCount = 0
    /// Records of other kinds written, per kind (counted in `files` and `events` too).
    public var eventsPerKind: [(kind: SampleEventKind, events: Int)] = []

    public init() {}

    /// Uncompressed bytes over compressed bytes.
    public var compressionRatio: Double {
        compressedBytes == 0 ? 0 : Double(uncompressedBytes) / Double(compressedBytes)
    }

    /// Average uncompressed bytes per event.
    public var bytesPerEvent: Double {
        events == 0 ? 0 : Double(uncompressedBytes) / Double(events)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.files == rhs.files && lhs.events == rhs.events && lhs.compressedBytes == rhs.compressedBytes
            && lhs.uncompressedBytes == rhs.uncompressedBytes && lhs.apiCount == rhs.apiCount
            && lhs.eventsPerRegion.map(\.region) == rhs.eventsPerRegion.map(\.region)
            && lhs.eventsPerRegion.map(\.events) == rhs.eventsPerRegion.map(\.events)
    }
}

/// Why a sample trail could not be generated.
public enum SampleTrailError: Error, Equatable, Sendable, CustomStringConvertible {
    case nonPositiveDays(Int)
    case nonPositiveEventsPerDay(Int)
    case nonPositiveAccounts(Int)
    case tooManyAccounts(Int)
    case noRegions
    case invalidRegion(String)
    case duplicateRegion(String)
    case invalidStartDate(String)
    case unknownEventKind(String)
    /// A directory could not be created; `errno` says why.
    case cannotCreateDirectory(path: String, errno: Int32)
    /// A log file could not be written or renamed into place; `errno` says why.
    case cannotWriteFile(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .nonPositiveDays(let days): "days must be at least 1 (got \(days))"
        case .nonPositiveEventsPerDay(let events): "events per day must be at least 1 (got \(events))"
        case .nonPositiveAccounts(let accounts): "accounts must be at least 1 (got \(accounts))"
        case .tooManyAccounts(let accounts): "at most 10000 accounts (got \(accounts))"
        case .noRegions: "at least one region is needed"
        case .invalidRegion(let region): "'\(region)' is not an AWS region name such as us-east-1"
        case .duplicateRegion(let region): "region '\(region)' is listed twice"
        case .invalidStartDate(let text): "start date '\(text)' is not a valid YYYY-MM-DD date"
        case .unknownEventKind(let name):
            "event kind '\(name)' is not one of cloudtrail, "
                + SampleEventKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .cannotCreateDirectory(let path, let code): "cannot create directory \(path) (errno \(code))"
        case .cannotWriteFile(let path, let code): "cannot write \(path) (errno \(code))"
        }
    }
}

import Deflate
import TrailMeterCore

/// Writes the records of other kinds a sample can hold (`SampleEventKind`), a few a day: Insights
/// events where a trail delivers them, Config configuration items and integration events as JSON
/// Lines of the records CloudTrail Lake stores. Each file depends only on the spec and its
/// (kind, account, region, day), so the output is as deterministic as the trail's.
struct OtherKindsGenerator {
    let plan: TrailPlan
    let root: String

    /// Writes every file of `kind` and returns what each wrote.
    func write(_ kind: SampleEventKind) -> [FileResult] {
        let spec = plan.spec
        var results: [FileResult] = []
        for day in 0..<spec.days {
            for account in 0..<spec.accounts {
                switch kind {
                case .insights:
                    results += insights(account: account, day: day)
                case .config:
                    for region in spec.regions.indices {
                        results.append(lakeFile(kind, account: account, region: region, day: day))
                    }
                case .integration:
                    // A channel lives in one region; integrations send there.
                    results.append(lakeFile(kind, account: account, region: 0, day: day))
                }
            }
        }
        return results
    }

    private func random(_ kind: SampleEventKind, account: Int, region: Int, day: Int) -> TrailRandom {
        TrailRandom(
            plan.spec.seed, 0x07E4_0000, stableHash(kind.rawValue), UInt64(account), UInt64(region), UInt64(day))
    }

    private func dayStart(_ day: Int) -> Int64 { plan.startSecond + Int64(day) * 86_400 }

    /// One unusual burst a day per account, in one of its regions: a Start event and, minutes
    /// later, its End, each delivered in its own file as a trail delivers them.
    private func insights(account: Int, day: Int) -> [FileResult] {
        let region = (day + account) % plan.spec.regions.count
        var random = random(.insights, account: account, region: region, day: day)
        let population = plan.populations[account]
        let regionName = Array(plan.spec.regions[region].utf8)
        let start = dayStart(day) + 8 * 3600 + Int64(random.below(10 * 3600))
        let duration = 5 + random.below(55)
        let burst = InsightBurst(
            random: &random, account: population.accountId, role: population.roleNames[0], region: regionName,
            start: start, minutes: duration)
        let records = [burst.record(ending: false, random: &random)] + [burst.record(ending: true, random: &random)]
        return records.map { time, text in
            var id = ByteSink(capacity: 16)
            id.characters(&random, from: ByteSink.alphanumerics, count: 16)
            let delivery = time + 300 + Int64(random.below(300))
            let service = "CloudTrail-Insight"
            let folder =
                root + "/"
                + TrailLayout.folder(
                    account: population.accountId, region: regionName, delivery: delivery, service: service)
            let name = TrailLayout.fileName(
                account: population.accountId, region: regionName, delivery: delivery, id: id.bytes, service: service)
            return Self.writeGzip(Array(#"{"Records":["#.utf8) + text + Array("]}".utf8), count: 1, folder, name)
        }
    }

    /// A day's Config items (one account and region) or integration events (one account), sorted
    /// by time, as JSON Lines.
    private func lakeFile(_ kind: SampleEventKind, account: Int, region: Int, day: Int) -> FileResult {
        var random = random(kind, account: account, region: region, day: day)
        let population = plan.populations[account]
        let resources = plan.resources[account * plan.spec.regions.count + region]
        let samples = LakeRecordSamples(population: population, resources: resources)
        let count = kind == .config ? 3 + random.below(4) : 16 + random.below(17)
        let times = (0..<count).map { _ in dayStart(day) + Int64(random.below(86_400)) }.sorted()
        var lines: [UInt8] = []
        for time in times {
            lines +=
                kind == .config ? samples.configurationItem(time, &random) : samples.integrationEvent(time, &random)
            lines.append(0x0A)
        }
        let category = kind == .config ? "ConfigurationItem" : "ActivityAuditLog"
        let account = String(decoding: population.accountId, as: UTF8.self)
        let regionName = plan.spec.regions[region]
        let date = CivilCalendar.date(daysSinceEpoch: Int(dayStart(day) / 86_400))
        let stamp = CivilCalendar.isoDate(year: date.year, month: date.month, day: date.day).filter { $0 != "-" }
        return Self.writeGzip(
            lines, count: count, "\(root)/CloudTrailLake/\(category)/\(account)/\(regionName)",
            "\(account)_\(category)_\(regionName)_\(stamp).jsonl.gz")
    }

    private static func writeGzip(_ bytes: [UInt8], count: Int, _ folder: String, _ name: String) -> FileResult {
        let compressed = bytes.withUnsafeBytes { Gzip.compress($0) }
        if let error = FileWriter.writeAtomically(compressed, folder: folder, name: name) {
            return FileResult(error: error)
        }
        return FileResult(events: count, compressedBytes: compressed.count, uncompressedBytes: bytes.count)
    }
}

/// One Insights event pair: an API called (or failing) far above its seven-day baseline.
private struct InsightBurst {
    static let apis: [(source: String, name: String, agent: String)] = [
        ("ec2.amazonaws.com", "RunInstances", "aws-sdk-go-v2/1.17.3"),
        ("iam.amazonaws.com", "CreateAccessKey", "aws-cli/2.9.19"),
        ("kms.amazonaws.com", "Decrypt", "aws-sdk-java/1.12.370"),
        ("s3.amazonaws.com", "PutBucketPolicy", "Boto3/1.26.54"),
        ("sts.amazonaws.com", "AssumeRole", "aws-sdk-go-v2/1.17.3"),
    ]

    let api: (source: String, name: String, agent: String)
    let errorRate: Bool
    let shared: [UInt8]
    let account: [UInt8]
    let arn: String
    let region: [UInt8]
    let start: Int64
    let minutes: Int
    let baseline: Double
    let peak: Double

    init(random: inout TrailRandom, account: [UInt8], role: [UInt8], region: [UInt8], start: Int64, minutes: Int) {
        api = Self.apis[random.below(Self.apis.count)]
        errorRate = random.chance(0.3)
        var id = ByteSink(capacity: 36)
        id.uuid(&random)
        shared = id.bytes
        self.account = account
        arn = "arn:aws:iam::\(String(decoding: account, as: UTF8.self)):role/\(String(decoding: role, as: UTF8.self))"
        self.region = region
        self.start = start
        self.minutes = minutes
        baseline = Double(1 + random.below(400)) / 10_000
        peak = Double(20 + random.below(400)) / 10
    }

    /// The Start record (at the burst's start) or the End record (at its end), with its time.
    func record(ending: Bool, random: inout TrailRandom) -> (Int64, [UInt8]) {
        let time = ending ? start + Int64(minutes) * 60 : start
        let average = ending ? (peak * 0.4 * 1000).rounded() / 1000 : peak
        let duration = ending ? minutes : 1
        let error = errorRate ? #""AccessDenied""# : #""null""#
        func attribution(_ name: String, _ value: String) -> String {
            #"{"attribute":"\#(name)","insight":[{"value":\#(value),"average":\#(average)}],"baseline":[{"value":\#(value),"average":\#(baseline)}]}"#
        }
        var sink = ByteSink(capacity: 1_200)
        sink.raw(#"{"eventVersion":"1.08","eventTime":""#)
        sink.isoTime(time)
        sink.raw(#"","awsRegion":"#)
        sink.quoted(region)
        sink.raw(#","eventID":""#)
        sink.uuid(&random)
        sink.raw(#"","eventType":"AwsCloudTrailInsight","recipientAccountId":"#)
        sink.quoted(account)
        sink.raw(#","sharedEventID":"#)
        sink.quoted(shared)
        let state = ending ? "End" : "Start"
        let type = errorRate ? "ApiErrorRateInsight" : "ApiCallRateInsight"
        let attributions = [
            attribution("userIdentityArn", "\"\(arn)\""), attribution("userAgent", "\"\(api.agent)\""),
            attribution("errorCode", error),
        ]
        sink.raw(
            Array(
                #","insightDetails":{"state":"\#(state)","eventSource":"\#(api.source)","eventName":"\#(api.name)","insightType":"\#(type)","insightContext":{"statistics":{"baseline":{"average":\#(baseline)},"insight":{"average":\#(average)},"insightDuration":\#(duration),"baselineDuration":10080},"attributions":[\#(attributions.joined(separator: ","))]}},"eventCategory":"Insight"}"#
                    .utf8))
        return (time, sink.bytes)
    }
}

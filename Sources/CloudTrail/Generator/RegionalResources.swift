/// The resources one account has in one region. Templates draw from these small pools with a skew
/// towards the first entries, so a few buckets, keys and instances dominate, as they do in practice.
struct RegionalResources {
    let region: [UInt8]
    let availabilityZones: [[UInt8]]
    let apps: [[UInt8]]
    let buckets: [[UInt8]]
    let objectPrefixes: [[UInt8]]
    let instances: [[UInt8]]
    let images: [[UInt8]]
    let securityGroups: [[UInt8]]
    let subnets: [[UInt8]]
    let vpcs: [[UInt8]]
    let volumes: [[UInt8]]
    let snapshots: [[UInt8]]
    let networkInterfaces: [[UInt8]]
    let privateIPs: [[UInt8]]
    let instanceTypes: [[UInt8]]
    let kmsKeys: [[UInt8]]
    let functions: [[UInt8]]
    let logGroups: [[UInt8]]
    let tables: [[UInt8]]
    let queues: [[UInt8]]
    let topics: [[UInt8]]
    let secrets: [[UInt8]]
    let parameters: [[UInt8]]
    let stacks: [[UInt8]]
    let clusters: [[UInt8]]
    let repositories: [[UInt8]]
    let databases: [[UInt8]]
    let alarms: [[UInt8]]
    let digests: [[UInt8]]

    private static let appNames = [
        "orders", "payments", "search", "auth", "billing", "inventory", "notifications",
        "reporting", "gateway", "analytics", "catalog", "shipping",
    ]

    init(seed: UInt64, accountIndex: Int, accountId: [UInt8], region: String) {
        var random = TrailRandom(seed, 0x2E61_0000, UInt64(accountIndex), stableHash(region))
        let account = String(decoding: accountId, as: UTF8.self)
        self.region = Array(region.utf8)
        availabilityZones = ["a", "b", "c"].map { Array((region + $0).utf8) }
        let apps = Self.appNames.shuffledDeterministically(&random)
        self.apps = apps.map { Array($0.utf8) }

        func hexID(_ prefix: String, _ count: Int, _ digits: Int = 17) -> [[UInt8]] {
            (0..<count).map { _ in
                var sink = ByteSink(capacity: prefix.utf8.count + digits)
                sink.raw(Array(prefix.utf8))
                sink.hex(&random, count: digits)
                return sink.bytes
            }
        }
        func names(_ count: Int, _ make: (String, Int) -> String) -> [[UInt8]] {
            (0..<count).map { Array(make(apps[$0 % apps.count], $0).utf8) }
        }

        buckets = names(10) { app, index in
            index == 0
                ? "acme-cloudtrail-logs-\(account)" : "acme-\(index % 3 == 2 ? "staging" : "prod")-\(app)-\(region)"
        }
        objectPrefixes = names(12) { app, index in
            [
                "\(app)/exports/2022/01/", "\(app)/uploads/", "AWSLogs/\(account)/CloudTrail/\(region)/2022/01/",
                "\(app)/cache/v2/",
            ][index % 4]
        }
        instances = hexID("i-0", 40, 16)
        images = hexID("ami-0", 5, 16)
        securityGroups = hexID("sg-0", 14, 16)
        subnets = hexID("subnet-0", 9, 16)
        vpcs = hexID("vpc-0", 3, 16)
        volumes = hexID("vol-0", 40, 16)
        snapshots = hexID("snap-0", 20, 16)
        networkInterfaces = hexID("eni-0", 24, 16)
        privateIPs = (0..<40).map { _ in Array("10.0.\(random.below(64)).\(random.below(250) + 3)".utf8) }
        instanceTypes = ["m5.large", "t3.medium", "c5.xlarge", "m5.2xlarge", "r5.large", "t3.micro"].map {
            Array($0.utf8)
        }
        kmsKeys = (0..<6).map { _ in
            var sink = ByteSink(capacity: 36)
            sink.uuid(&random)
            return sink.bytes
        }
        let functionNames = names(12) { app, index in
            "\(index % 3 == 2 ? "staging" : "prod")-\(app)-\(["handler", "worker", "scheduler"][index % 3])"
        }
        functions = functionNames
        logGroups = functionNames.map { Array("/aws/lambda/".utf8) + $0 } + names(6) { app, _ in "/ecs/\(app)" }
        tables = names(8) { app, index in "prod-\(app)-\(["items", "sessions", "events", "state"][index % 4])" }
        queues = names(8) { app, index in "prod-\(app)-\(index % 2 == 0 ? "jobs" : "dead-letter")" }
        topics = names(5) { app, _ in "prod-\(app)-alerts" }
        secrets = names(8) { app, index in "prod/\(app)/\(["db-credentials", "api-key"][index % 2])" }
        parameters = names(16) { app, index in
            "/production/\(app)/\(["db_host", "feature_flags", "api_url", "log_level"][index % 4])"
        }
        stacks = names(8) { app, _ in "prod-\(app)-stack" }
        clusters = names(2) { _, index in ["prod-eks", "prod-ecs"][index] }
        repositories = names(8) { app, _ in app }
        databases = names(4) { app, _ in "prod-\(app)-db" }
        alarms = names(10) { app, index in
            "\(app)-\(["high-cpu", "5xx-rate", "queue-depth", "latency-p99", "errors"][index % 5])"
        }
        digests = hexID("", 8, 32)
    }
}

extension Array {
    /// Fisher–Yates with the generator's own random stream, so it is the same on every platform.
    func shuffledDeterministically(_ random: inout TrailRandom) -> [Element] {
        var copy = self
        guard copy.count > 1 else { return copy }
        for index in stride(from: copy.count - 1, to: 0, by: -1) {
            copy.swapAt(index, random.below(index + 1))
        }
        return copy
    }
}

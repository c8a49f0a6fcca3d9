/// Which kind of caller makes an event.
enum CallerClass: Int, CaseIterable {
    case automation, service, human, root

    var mask: CallerClasses {
        switch self {
        case .automation: .automation
        case .service: .service
        case .human: .human
        case .root: .root
        }
    }
}

/// Tables shared by every file of a run: which caller class and which person is active at each
/// UTC hour in each region, and which APIs each class calls in us-east-1 and elsewhere.
struct CallerTables: Sendable {
    /// [regionIndex * 24 + hour]
    let classByRegionHour: [WeightedTable]
    let personByRegionHour: [WeightedTable]
    /// [class * 2 + (inUSEast1 ? 1 : 0)]
    let apiByClass: [WeightedTable]

    init(people: [Person], regions: [String]) {
        var classes: [WeightedTable] = []
        var persons: [WeightedTable] = []
        for regionIndex in regions.indices {
            for hour in 0..<24 {
                let activity = people.map {
                    AccountPopulation.activity(of: $0, utcHour: hour, regionIndex: regionIndex)
                }
                let human = 0.075 * activity.reduce(0, +)
                classes.append(WeightedTable([0.55, 0.17, human, human > 0.05 ? 0.0015 : 0.0002]))
                persons.append(WeightedTable(activity))
            }
        }
        classByRegionHour = classes
        personByRegionHour = persons
        apiByClass = CallerClass.allCases.flatMap { caller in
            [false, true].map { APICatalogue.table(for: caller.mask, inUSEast1: $0) }
        }
    }
}

/// Writes CloudTrail records as compact JSON, keys in the order CloudTrail writes them.
struct RecordWriter {
    let population: AccountPopulation
    let resources: RegionalResources
    let tables: CallerTables
    let regionIndex: Int
    let inUSEast1: Bool
    let userNames: [[UInt8]]
    let sessionNames: [[UInt8]]

    /// Whether S3 data events carry the bytes they moved (`bytesTransferredIn`/`Out`); off, they
    /// carry 0, as the default trail always has.
    var transferSizes = false

    /// Per-event choices, so a placeholder used twice in one record names the same thing.
    var chosen = [UInt64](repeating: 0, count: Placeholder.allCases.count)
    var chosenMask: UInt64 = 0
    var eventTime: Int64 = 0
    private var recent: [CallerPick] = []

    init(
        population: AccountPopulation, resources: RegionalResources, tables: CallerTables, regionIndex: Int,
        regionName: String
    ) {
        self.population = population
        self.resources = resources
        self.tables = tables
        self.regionIndex = regionIndex
        inUSEast1 = regionName == "us-east-1"
        userNames = population.people.filter { $0.caller.type == .iamUser }.map(\.caller.name)
        sessionNames = population.automation.flatMap(\.sessionNames) + population.people.flatMap(\.caller.sessionNames)
    }

    /// Appends one random event at `time`, or the console sign-in of `person` when given.
    mutating func writeEvent(into sink: inout ByteSink, time: Int64, signInOf person: Int?, random: inout TrailRandom) {
        eventTime = time
        chosenMask = 0
        let hour = Int(((time % 86_400) + 86_400) % 86_400 / 3600)
        var pick: CallerPick
        if let person {
            pick = CallerPick(
                callerClass: .human, caller: person, api: APICatalogue.consoleLoginIndex, session: 0, console: true)
        } else if !recent.isEmpty, random.chance(Self.burstProbability) {
            // Tools and people work in bursts: paging through a list, describing resource after
            // resource, while only a handful of them are busy in any five minutes. Repeating recent
            // callers (and often their API) is also what makes real trails compress ten to one.
            let last = recent[recent.count - 1]
            if random.chance(0.7) {
                pick = last
                if random.chance(0.3) { pick.api = apiTable(pick.callerClass).pick(&random) }
            } else {
                pick = recent[random.below(recent.count)]
                pick.api = apiTable(pick.callerClass).pick(&random)
            }
        } else {
            let callerClass = CallerClass(rawValue: tables.classByRegionHour[regionIndex * 24 + hour].pick(&random))!
            let index: Int
            switch callerClass {
            case .automation: index = population.automationTable.pick(&random)
            case .service: index = population.serviceTable.pick(&random)
            case .human: index = tables.personByRegionHour[regionIndex * 24 + hour].pick(&random)
            case .root: index = 0
            }
            let caller = self.caller(callerClass, index)
            let isPerson = callerClass == .human || callerClass == .root
            pick = CallerPick(
                callerClass: callerClass, caller: index, api: apiTable(callerClass).pick(&random),
                session: caller.sessionNames.isEmpty ? 0 : random.skewed(caller.sessionNames.count),
                console: isPerson && (caller.accessKeyId == nil || random.chance(0.55)))
        }
        if person == nil {
            if recent.count == Self.recentCallers { recent.removeFirst() }
            recent.append(pick)
        }
        let callerClass = pick.callerClass
        let caller = self.caller(callerClass, pick.caller)
        let api = APICatalogue.entries[pick.api]
        let failed = person == nil && random.chance(api.errorRate)
        let isPerson = callerClass == .human || callerClass == .root
        let console = api.isConsoleSignIn || pick.console
        let session = pick.session

        sink.raw(#"{"eventVersion":"1.08","userIdentity":"#)
        writeIdentity(caller, session: session, console: console, signIn: api.isConsoleSignIn, into: &sink)
        sink.raw(#","eventTime":""#)
        sink.isoTime(time)
        sink.raw(#"","eventSource":"#)
        sink.quoted(api.eventSource)
        sink.raw(#","eventName":"#)
        sink.quoted(api.name)
        sink.raw(#","awsRegion":"#)
        sink.quoted(resources.region)
        // A session keeps its host, so address and agent follow the session rather than each call.
        let source = caller.sourceAddresses[(session + pick.caller) % caller.sourceAddresses.count]
        sink.raw(#","sourceIPAddress":"#)
        sink.quoted(source)
        sink.raw(#","userAgent":""#)
        if isPerson {
            if console {
                sink.raw(caller.userAgents[0])
            } else {
                sink.raw(caller.userAgents[caller.userAgents.count - 1])
                sink.raw(" command/")
                sink.raw(api.endpoint)
            }
        } else {
            sink.raw(caller.userAgents[session % caller.userAgents.count])
        }
        sink.byte(0x22)
        if failed, !api.isConsoleSignIn {
            writeError(api, caller: caller, session: session, into: &sink, random: &random)
        } else if failed {
            sink.raw(#","errorMessage":"Failed authentication""#)
        }
        sink.raw(#","requestParameters":"#)
        write(api.request, into: &sink, random: &random)
        sink.raw(#","responseElements":"#)
        if api.isConsoleSignIn {
            sink.raw(failed ? #"{"ConsoleLogin":"Failure"}"# : #"{"ConsoleLogin":"Success"}"#)
        } else {
            write(failed ? nil : api.response, into: &sink, random: &random)
        }
        if let additional = api.additional {
            sink.raw(#","additionalEventData":"#)
            write(additional, into: &sink, random: &random)
        }
        if !api.isConsoleSignIn {
            sink.raw(#","requestID":""#)
            if api.endpoint == Array("s3".utf8) {
                sink.hex(&random, count: 16, upper: true)
            } else {
                sink.uuid(&random)
            }
            sink.byte(0x22)
        }
        sink.raw(#","eventID":""#)
        sink.uuid(&random)
        sink.raw(api.readOnly ? #"","readOnly":true"# : #"","readOnly":false"#)
        if let resourceTemplate = api.resources {
            sink.raw(#","resources":"#)
            write(resourceTemplate, into: &sink, random: &random)
        }
        sink.raw(api.isConsoleSignIn ? #","eventType":"AwsConsoleSignIn""# : #","eventType":"AwsApiCall""#)
        sink.raw(api.isDataEvent ? #","managementEvent":false"# : #","managementEvent":true"#)
        sink.raw(#","recipientAccountId":"#)
        sink.quoted(population.accountId)
        if let endpoint = caller.vpcEndpointId, !api.isGlobal {
            sink.raw(#","vpcEndpointId":"#)
            sink.quoted(endpoint)
        }
        sink.raw(api.isDataEvent ? #","eventCategory":"Data""# : #","eventCategory":"Management""#)
        if !caller.sourceIsService {
            sink.raw(
                console
                    ? #","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":""#
                    : #","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":""#
            )
            if api.isConsoleSignIn {
                sink.raw("signin.aws.amazon.com")
            } else {
                sink.raw(api.endpoint)
                sink.byte(0x2E)
                if !api.isGlobal {
                    sink.raw(resources.region)
                    sink.byte(0x2E)
                }
                sink.raw("amazonaws.com")
            }
            sink.raw(#""}"#)
        }
        if console, !api.isConsoleSignIn { sink.raw(#","sessionCredentialFromConsole":"true""#) }
        sink.byte(0x7D)
    }

    /// Share of events made by one of the few callers seen last.
    static let burstProbability = 0.9
    static let recentCallers = 4

    private func caller(_ callerClass: CallerClass, _ index: Int) -> Caller {
        switch callerClass {
        case .automation: population.automation[index]
        case .service: population.services[index]
        case .human: population.people[index].caller
        case .root: population.root
        }
    }

    private func apiTable(_ callerClass: CallerClass) -> WeightedTable {
        tables.apiByClass[callerClass.rawValue * 2 + (inUSEast1 ? 1 : 0)]
    }

    private func writeIdentity(_ caller: Caller, session: Int, console: Bool, signIn: Bool, into sink: inout ByteSink) {
        let account = population.accountId
        switch caller.type {
        case .awsService:
            sink.raw(#"{"type":"AWSService","invokedBy":"#)
            sink.quoted(caller.name)
            sink.byte(0x7D)
        case .iamUser:
            sink.raw(#"{"type":"IAMUser","principalId":"#)
            sink.quoted(caller.principalId)
            sink.raw(#","arn":"arn:aws:iam::"#)
            sink.raw(account)
            sink.raw(":user/")
            sink.raw(caller.name)
            sink.raw(#"","accountId":"#)
            sink.quoted(account)
            if !signIn {
                sink.raw(#","accessKeyId":""#)
                if console || caller.accessKeyId == nil {
                    writeSessionKey(caller, session: 0, into: &sink)
                } else {
                    sink.raw(caller.accessKeyId!)
                }
                sink.byte(0x22)
            }
            sink.raw(#","userName":"#)
            sink.quoted(caller.name)
            if console, !signIn { writePlainSessionContext(caller, session: 0, into: &sink) }
            sink.byte(0x7D)
        case .root:
            sink.raw(#"{"type":"Root","principalId":"#)
            sink.quoted(account)
            sink.raw(#","arn":"arn:aws:iam::"#)
            sink.raw(account)
            sink.raw(#":root","accountId":"#)
            sink.quoted(account)
            if !signIn {
                sink.raw(#","accessKeyId":""#)
                writeSessionKey(caller, session: 0, into: &sink)
                sink.byte(0x22)
                writePlainSessionContext(caller, session: 0, into: &sink)
            }
            sink.byte(0x7D)
        case .assumedRole:
            let sessionName = caller.sessionNames[session]
            sink.raw(#"{"type":"AssumedRole","principalId":""#)
            sink.raw(caller.principalId)
            sink.byte(0x3A)
            sink.raw(sessionName)
            sink.raw(#"","arn":"arn:aws:sts::"#)
            sink.raw(account)
            sink.raw(":assumed-role/")
            sink.raw(caller.name)
            sink.byte(0x2F)
            sink.raw(sessionName)
            sink.raw(#"","accountId":"#)
            sink.quoted(account)
            sink.raw(#","accessKeyId":""#)
            writeSessionKey(caller, session: session, into: &sink)
            sink.raw(#"","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"#)
            sink.quoted(caller.principalId)
            sink.raw(#","arn":"arn:aws:iam::"#)
            sink.raw(account)
            sink.raw(":role/")
            sink.raw(caller.name)
            sink.raw(#"","accountId":"#)
            sink.quoted(account)
            sink.raw(#","userName":"#)
            sink.quoted(caller.name)
            sink.raw(#"},"webIdFederationData":{},"attributes":{"creationDate":""#)
            sink.isoTime(sessionStart(caller, session: session))
            sink.raw(caller.mfaAuthenticated ? #"","mfaAuthenticated":"true"}"# : #"","mfaAuthenticated":"false"}"#)
            if caller.ec2RoleDelivery { sink.raw(#","ec2RoleDelivery":"2.0""#) }
            sink.byte(0x7D)
            if let invokedBy = caller.invokedBy {
                sink.raw(#","invokedBy":"#)
                sink.quoted(invokedBy)
            }
            sink.byte(0x7D)
        }
    }

    private func writePlainSessionContext(_ caller: Caller, session: Int, into sink: inout ByteSink) {
        sink.raw(#","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"attributes":{"creationDate":""#)
        sink.isoTime(sessionStart(caller, session: session))
        sink.raw(caller.mfaAuthenticated ? #"","mfaAuthenticated":"true"}}"# : #"","mfaAuthenticated":"false"}}"#)
    }

    /// Temporary credentials renew hourly, at a phase fixed per principal and session, so one key
    /// recurs for an hour and then changes, as role sessions do.
    private func sessionStart(_ caller: Caller, session: Int) -> Int64 {
        let phase = Int64(sessionPhase(caller, session: session) % 3600)
        let shifted = eventTime - phase
        return (shifted >= 0 ? shifted / 3600 : (shifted - 3599) / 3600) * 3600 + phase
    }

    private func sessionPhase(_ caller: Caller, session: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(session)
        for byte in caller.principalId { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    private func writeSessionKey(_ caller: Caller, session: Int, into sink: inout ByteSink) {
        var keyRandom = TrailRandom(
            seed: sessionPhase(caller, session: session) ^ UInt64(bitPattern: sessionStart(caller, session: session)))
        sink.raw("ASIA")
        sink.characters(&keyRandom, from: ByteSink.upperAlphanumerics, count: 16)
    }
}

/// Who calls which API in one event; kept to continue bursts.
struct CallerPick {
    var callerClass: CallerClass
    var caller: Int
    var api: Int
    var session: Int
    var console: Bool
}

import Foundation
import TrailMeterCore

extension RecordWriter {
    /// Writes a template, or JSON `null` when there is none.
    mutating func write(_ template: Template?, into sink: inout ByteSink, random: inout TrailRandom) {
        guard let template else {
            sink.raw("null")
            return
        }
        for piece in template.pieces {
            switch piece {
            case .literal(let bytes): sink.raw(bytes)
            case .value(let placeholder): writeValue(placeholder, into: &sink, random: &random)
            }
        }
    }

    /// Draws a placeholder's choice once per event: a pool index or the seed of a random value.
    private mutating func choice(_ placeholder: Placeholder, _ random: inout TrailRandom, pool: Int) -> UInt64 {
        let bit = UInt64(1) << UInt64(placeholderIndex(placeholder))
        if chosenMask & bit == 0 {
            chosenMask |= bit
            chosen[placeholderIndex(placeholder)] = pool > 0 ? UInt64(random.skewed(pool)) : random.next()
        }
        return chosen[placeholderIndex(placeholder)]
    }

    private func placeholderIndex(_ placeholder: Placeholder) -> Int {
        Placeholder.indexes[placeholder]!
    }

    private mutating func pick(
        _ placeholder: Placeholder, _ pool: [[UInt8]], _ random: inout TrailRandom, into sink: inout ByteSink
    ) {
        sink.raw(pool[Int(choice(placeholder, &random, pool: pool.count))])
    }

    private mutating func writeValue(_ placeholder: Placeholder, into sink: inout ByteSink, random: inout TrailRandom) {
        let r = resources
        switch placeholder {
        case .acct: sink.raw(population.accountId)
        case .region: sink.raw(r.region)
        case .az: pick(placeholder, r.availabilityZones, &random, into: &sink)
        case .app: pick(placeholder, r.apps, &random, into: &sink)
        case .bucket: pick(placeholder, r.buckets, &random, into: &sink)
        case .objkey:
            let seed = choice(placeholder, &random, pool: 0)
            var local = TrailRandom(seed: seed)
            sink.raw(r.objectPrefixes[local.skewed(r.objectPrefixes.count)])
            sink.hex(&local, count: 12)
            sink.raw(".json.gz")
        case .instance: pick(placeholder, r.instances, &random, into: &sink)
        case .ami: pick(placeholder, r.images, &random, into: &sink)
        case .sg: pick(placeholder, r.securityGroups, &random, into: &sink)
        case .subnet: pick(placeholder, r.subnets, &random, into: &sink)
        case .vpc: pick(placeholder, r.vpcs, &random, into: &sink)
        case .volume: pick(placeholder, r.volumes, &random, into: &sink)
        case .snapshot: pick(placeholder, r.snapshots, &random, into: &sink)
        case .eni: pick(placeholder, r.networkInterfaces, &random, into: &sink)
        case .privip: pick(placeholder, r.privateIPs, &random, into: &sink)
        case .itype: pick(placeholder, r.instanceTypes, &random, into: &sink)
        case .kms: pick(placeholder, r.kmsKeys, &random, into: &sink)
        case .function: pick(placeholder, r.functions, &random, into: &sink)
        case .loggroup: pick(placeholder, r.logGroups, &random, into: &sink)
        case .table: pick(placeholder, r.tables, &random, into: &sink)
        case .queue: pick(placeholder, r.queues, &random, into: &sink)
        case .topic: pick(placeholder, r.topics, &random, into: &sink)
        case .secret: pick(placeholder, r.secrets, &random, into: &sink)
        case .param: pick(placeholder, r.parameters, &random, into: &sink)
        case .stack: pick(placeholder, r.stacks, &random, into: &sink)
        case .cluster: pick(placeholder, r.clusters, &random, into: &sink)
        case .repo: pick(placeholder, r.repositories, &random, into: &sink)
        case .db: pick(placeholder, r.databases, &random, into: &sink)
        case .alarm: pick(placeholder, r.alarms, &random, into: &sink)
        case .digest: pick(placeholder, r.digests, &random, into: &sink)
        case .role: pick(placeholder, population.roleNames, &random, into: &sink)
        case .user: pick(placeholder, userNames, &random, into: &sink)
        case .policy: pick(placeholder, population.policyNames, &random, into: &sink)
        case .session: pick(placeholder, sessionNames, &random, into: &sink)
        case .logstream:
            var local = TrailRandom(seed: choice(placeholder, &random, pool: 0))
            let date = CivilCalendar.date(daysSinceEpoch: Int(eventTime / 86_400))
            sink.int(date.year)
            sink.byte(0x2F)
            if date.month < 10 { sink.byte(0x30) }
            sink.int(date.month)
            sink.byte(0x2F)
            if date.day < 10 { sink.byte(0x30) }
            sink.int(date.day)
            sink.raw("/[$LATEST]")
            sink.hex(&local, count: 32)
        case .uuid, .uuid2:
            var local = TrailRandom(seed: choice(placeholder, &random, pool: 0))
            sink.uuid(&local)
        case .token:
            var local = TrailRandom(seed: choice(placeholder, &random, pool: 0))
            sink.base64(&local, count: 76)
        case .akid:
            var local = TrailRandom(seed: choice(placeholder, &random, pool: 0))
            sink.raw("ASIA")
            sink.characters(&local, from: ByteSink.upperAlphanumerics, count: 16)
        case .hex8:
            var local = TrailRandom(seed: choice(placeholder, &random, pool: 0))
            sink.hex(&local, count: 8)
        case .int: sink.int(1 + Int(choice(placeholder, &random, pool: 0) % 24))
        case .objsize:
            guard transferSizes else { return sink.byte(0x30) }
            // Log-uniform from 300 B to 64 MB, fixed by the key: the same object has one size.
            var local = TrailRandom(seed: choice(.objkey, &random, pool: 0) ^ 0x0B5E_512E)
            sink.int(Int(exp(log(300.0) + local.unit() * (log(64e6) - log(300.0)))))
        case .listsize:
            guard transferSizes else { return sink.byte(0x30) }
            sink.int(700 + Int(choice(placeholder, &random, pool: 0) % 60_000))
        case .time: sink.isoTime(eventTime)
        case .expiry: sink.stsExpiry(eventTime + 3600)
        case .epochms: sink.int(Int(eventTime) * 1000)
        case .newinstance, .reservation:
            var local = TrailRandom(seed: choice(placeholder, &random, pool: 0))
            sink.raw(placeholder == .newinstance ? "i-0" : "r-0")
            sink.hex(&local, count: 16)
        }
    }

    /// Writes `errorCode` and `errorMessage` in the style of the API's service.
    mutating func writeError(
        _ api: APIEntry, caller: Caller, session: Int, into sink: inout ByteSink, random: inout TrailRandom
    ) {
        let roll = random.unit()
        if case .specific(let code, let message) = api.errorStyle, roll < 0.85 {
            sink.raw(#","errorCode":"#)
            sink.quoted(code)
            sink.raw(#","errorMessage":"#)
            sink.quoted(message)
            return
        }
        if case .ec2 = api.errorStyle {
            if roll < 0.55 {
                sink.raw(
                    #","errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation.""#
                )
            } else if roll < 0.9 {
                sink.raw(#","errorCode":"Client.RequestLimitExceeded","errorMessage":"Request limit exceeded.""#)
            } else {
                sink.raw(#","errorCode":"Client.InvalidInstanceID.NotFound","errorMessage":"The instance ID '"#)
                writeValue(.instance, into: &sink, random: &random)
                sink.raw(#"' does not exist""#)
            }
            return
        }
        if roll < 0.5 {
            let isS3 = api.endpoint == Array("s3".utf8)
            sink.raw(
                isS3
                    ? #","errorCode":"AccessDenied","errorMessage":"Access Denied""#
                    : #","errorCode":"AccessDenied","errorMessage":"User: "#)
            if isS3 { return }
            writeCallerArn(caller, session: session, into: &sink)
            sink.raw(" is not authorized to perform: ")
            sink.raw(api.action)
            sink.raw(" because no identity-based policy allows the ")
            sink.raw(api.action)
            sink.raw(#" action""#)
        } else if roll < 0.85 {
            sink.raw(#","errorCode":"ThrottlingException","errorMessage":"Rate exceeded""#)
        } else {
            sink.raw(#","errorCode":"ResourceNotFoundException","errorMessage":"Requested resource not found""#)
        }
    }

    private func writeCallerArn(_ caller: Caller, session: Int, into sink: inout ByteSink) {
        switch caller.type {
        case .assumedRole:
            sink.raw("arn:aws:sts::")
            sink.raw(population.accountId)
            sink.raw(":assumed-role/")
            sink.raw(caller.name)
            sink.byte(0x2F)
            sink.raw(caller.sessionNames[session])
        case .iamUser:
            sink.raw("arn:aws:iam::")
            sink.raw(population.accountId)
            sink.raw(":user/")
            sink.raw(caller.name)
        case .root, .awsService:
            sink.raw("arn:aws:iam::")
            sink.raw(population.accountId)
            sink.raw(":root")
        }
    }
}

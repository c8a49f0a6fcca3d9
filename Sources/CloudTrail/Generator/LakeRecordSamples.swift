import Foundation

/// Records of CloudTrail Lake's other event data stores, as Lake stores them: an AWS Config
/// configuration item, or an integration event (a GitHub or Okta audit event sent with
/// `PutAuditEvents`), each with CloudTrail's top-level fields and the payload under `eventData`.
/// Names come from the account's generated resources, so items and events match its trail.
struct LakeRecordSamples {
    let population: AccountPopulation
    let resources: RegionalResources

    private var account: String { String(decoding: population.accountId, as: UTF8.self) }
    private var region: String { String(decoding: resources.region, as: UTF8.self) }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func pick(_ pool: [[UInt8]], _ random: inout TrailRandom) -> String {
        text(pool[random.below(pool.count)])
    }

    private static func iso(_ seconds: Int64) -> String {
        var sink = ByteSink(capacity: 20)
        sink.isoTime(seconds)
        return text(sink.bytes)
    }

    private static func uuid(_ random: inout TrailRandom) -> String {
        var sink = ByteSink(capacity: 36)
        sink.uuid(&random)
        return text(sink.bytes)
    }

    private static func hex(_ random: inout TrailRandom, _ count: Int) -> String {
        var sink = ByteSink(capacity: count)
        sink.hex(&random, count: count)
        return text(sink.bytes)
    }

    /// One configuration item captured at `time`: a bucket, a security group, an instance, or a
    /// Config rule's compliance for a bucket.
    func configurationItem(_ time: Int64, _ random: inout TrailRandom) -> [UInt8] {
        let created = Self.iso(time - 86_400 * Int64(30 + random.below(700)))
        let app = Self.pick(resources.apps, &random)
        let tags = #"{"Team":"\#(app)","Environment":"production"}"#
        let item: (type: String, id: String, arn: String, zone: String, configuration: String, more: String)
        switch random.below(4) {
        case 0:
            let bucket = Self.pick(resources.buckets, &random)
            item = (
                "AWS::S3::Bucket", bucket, "arn:aws:s3:::\(bucket)", "Regional",
                #"{"name":"\#(bucket)","owner":{"id":"\#(Self.hex(&random, 64))"},"creationDate":"\#(created)"}"#,
                #"{"BucketVersioningConfiguration":{"status":"\#(random.chance(0.7) ? "Enabled" : "Off")"},"PublicAccessBlockConfiguration":{"blockPublicAcls":true,"ignorePublicAcls":true,"blockPublicPolicy":true,"restrictPublicBuckets":true}}"#
            )
        case 1:
            let group = Self.pick(resources.securityGroups, &random)
            let vpc = Self.pick(resources.vpcs, &random)
            let port = [443, 80, 22, 5432][random.below(4)]
            item = (
                "AWS::EC2::SecurityGroup", group, "arn:aws:ec2:\(region):\(account):security-group/\(group)",
                "Not Applicable",
                #"{"groupId":"\#(group)","groupName":"\#(app)-sg","vpcId":"\#(vpc)","ownerId":"\#(account)","ipPermissions":[{"ipProtocol":"tcp","fromPort":\#(port),"toPort":\#(port),"ipRanges":["10.0.0.0/8"]}]}"#,
                "{}"
            )
        case 2:
            let instance = Self.pick(resources.instances, &random)
            let zone = Self.pick(resources.availabilityZones, &random)
            item = (
                "AWS::EC2::Instance", instance, "arn:aws:ec2:\(region):\(account):instance/\(instance)", zone,
                #"{"instanceId":"\#(instance)","instanceType":"\#(Self.pick(resources.instanceTypes, &random))","state":{"code":16,"name":"running"},"subnetId":"\#(Self.pick(resources.subnets, &random))","vpcId":"\#(Self.pick(resources.vpcs, &random))","launchTime":"\#(created)"}"#,
                "{}"
            )
        default:
            let bucket = Self.pick(resources.buckets, &random)
            let compliance = random.chance(0.25) ? "NON_COMPLIANT" : "COMPLIANT"
            let rule = "config-rule-\(Self.hex(&random, 6))"
            item = (
                "AWS::Config::ResourceCompliance", "AWS::S3::Bucket/\(bucket)",
                "arn:aws:config:\(region):\(account):resource-compliance/AWS::S3::Bucket/\(bucket)", "Not Applicable",
                #"{"complianceType":"\#(compliance)","targetResourceId":"\#(bucket)","targetResourceType":"AWS::S3::Bucket","configRuleList":[{"configRuleArn":"arn:aws:config:\#(region):\#(account):config-rule/\#(rule)","configRuleId":"\#(rule)","configRuleName":"s3-bucket-versioning-enabled","complianceType":"\#(compliance)"}]}"#,
                "{}"
            )
        }
        let name = item.type == "AWS::Config::ResourceCompliance" ? "" : #","resourceName":"\#(item.id)""#
        let record =
            #"{"eventVersion":"1.09","eventCategory":"ConfigurationItem","eventType":"AwsConfigurationItem","eventID":"\#(Self.uuid(&random))","eventTime":"\#(Self.iso(time))","awsRegion":"\#(region)","recipientAccountId":"\#(account)","eventData":{"configurationItemVersion":"1.3","configurationItemCaptureTime":"\#(Self.iso(time))","configurationItemStatus":"\#(random.chance(0.2) ? "ResourceDiscovered" : "OK")","configurationStateId":"\#(time * 1000 + Int64(random.below(1000)))","accountId":"\#(account)","resourceType":"\#(item.type)","resourceId":"\#(item.id)"\#(name),"arn":"\#(item.arn)","awsRegion":"\#(region)","availabilityZone":"\#(item.zone)","resourceCreationTime":"\#(created)","configuration":\#(item.configuration),"supplementaryConfiguration":\#(item.more),"relatedEvents":[],"relationships":[],"tags":\#(tags)}}"#
        return Array(record.utf8)
    }

    /// One integration event at `time`: GitHub's audit log (three in four) or Okta's system log.
    func integrationEvent(_ time: Int64, _ random: inout TrailRandom) -> [UInt8] {
        let person = population.people[random.below(population.people.count)]
        let login = Self.text(person.caller.name).lowercased()
        let github = random.chance(0.75)
        let source = github ? "github.audit.streaming" : "okta.system-log-events"
        let channel = UUIDText.from(stableHash(account + source))
        let name: String
        let identity: String
        let request: String
        let agent: String
        if github {
            let repository = "example-org/\(Self.pick(resources.apps, &random))"
            let action = ["git.clone", "git.clone", "git.clone", "git.push", "repo.access", "org.invite_member"][
                random.below(6)]
            name = action
            identity =
                #"{"type":"User","principalId":"\#(login)","details":{"GitHubOrganization":"example-org","Repository":"\#(repository)"}}"#
            let visibility = action == "repo.access" && random.chance(0.5) ? "public" : "private"
            request =
                action == "org.invite_member"
                ? #"{"org":"example-org","user":"new-hire-\#(Self.hex(&random, 4))"}"#
                : #"{"repo":"\#(repository)","visibility":"\#(visibility)"}"#
            agent = action.hasPrefix("git.") ? "git/2.39.1" : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)"
        } else {
            name = random.chance(0.6) ? "user.session.start" : "user.authentication.sso"
            identity =
                #"{"type":"User","principalId":"00u\#(Self.hex(&random, 17))","details":{"alternateId":"\#(login)@example.com","displayName":"\#(login)"}}"#
            request = #"{"outcome":"SUCCESS","authenticationContext":"AUTHENTICATION"}"#
            agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
        }
        let address = "203.0.113.\(1 + random.below(254))"
        let record =
            #"{"eventVersion":"1.0","eventCategory":"ActivityAuditLog","eventType":"ActivityLog","eventID":"\#(Self.uuid(&random))","eventTime":"\#(Self.iso(time))","awsRegion":"\#(region)","recipientAccountId":"\#(account)","metadata":{"ingestionTime":"\#(Self.iso(time + 2 + Int64(random.below(30))))","channelARN":"arn:aws:cloudtrail:\#(region):\#(account):channel/\#(channel)"},"eventData":{"version":"1.0","userIdentity":\#(identity),"userAgent":"\#(agent)","eventSource":"\#(source)","eventName":"\#(name)","eventTime":"\#(Self.iso(time))","UID":"\#(Self.hex(&random, 20))","requestParameters":\#(request),"responseElements":null,"sourceIPAddress":"\#(address)","recipientAccountId":"\#(account)","additionalEventData":{"country":"JP"}}}"#
        return Array(record.utf8)
    }
}

/// A UUID's text drawn from a fixed value (a channel's id stays the same all run).
enum UUIDText {
    static func from(_ value: UInt64) -> String {
        var random = TrailRandom(seed: value)
        var sink = ByteSink(capacity: 36)
        sink.uuid(&random)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

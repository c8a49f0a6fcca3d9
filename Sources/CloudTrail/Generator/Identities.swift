/// The `userIdentity.type` values the generator writes.
enum IdentityType {
    case iamUser, assumedRole, root, awsService
}

/// One principal that makes calls: a person's IAM user or SSO role, a workload's role, the root
/// user, or an AWS service. Everything about it that recurs (ARNs, IPs, user agents) is fixed here,
/// which is what lets real trails compress about ten to one.
struct Caller {
    let type: IdentityType
    /// `AIDA…` for users, `AROA…` for roles, the account ID for root.
    let principalId: [UInt8]
    /// User name or role name; service name for AWSService.
    let name: [UInt8]
    /// Role session names this caller uses (instance IDs, function names, e-mail addresses).
    let sessionNames: [[UInt8]]
    let invokedBy: [UInt8]?
    /// IP addresses, or a service name where AWS calls on the caller's behalf.
    let sourceAddresses: [[UInt8]]
    let userAgents: [[UInt8]]
    /// The long-term access key of an IAM user called from code; nil for console-only people.
    let accessKeyId: [UInt8]?
    let mfaAuthenticated: Bool
    let ec2RoleDelivery: Bool
    let vpcEndpointId: [UInt8]?
    let weight: Double

    var sourceIsService: Bool {
        sourceAddresses.first.map { $0.first.map { $0 < 0x30 || $0 > 0x39 } ?? false } ?? false
    }
}

/// A person: an IAM user or an SSO role session, at home in one region and time zone.
struct Person {
    let caller: Caller
    let homeRegionIndex: Int
    /// Hours east of UTC.
    let utcOffset: Int
    let usesConsole: Double
}

/// The static description of the people every generated account has.
private struct PersonProfile {
    let name: String
    let sso: Bool
    let homeRegion: String
    let utcOffset: Int
    let office: Int
}

private let peopleProfiles: [PersonProfile] = [
    PersonProfile(name: "Yuta0128", sso: false, homeRegion: "ap-northeast-1", utcOffset: 9, office: 0),
    PersonProfile(name: "haruka.sato", sso: true, homeRegion: "ap-northeast-1", utcOffset: 9, office: 0),
    PersonProfile(name: "Kenji.Watanabe", sso: false, homeRegion: "ap-northeast-1", utcOffset: 9, office: 0),
    PersonProfile(name: "alice.chen", sso: false, homeRegion: "us-east-1", utcOffset: -5, office: 1),
    PersonProfile(name: "bob.martinez", sso: true, homeRegion: "us-east-1", utcOffset: -5, office: 1),
    PersonProfile(name: "dmitri.ivanov", sso: false, homeRegion: "us-east-1", utcOffset: -5, office: 1),
    PersonProfile(name: "priya.natarajan", sso: true, homeRegion: "us-west-2", utcOffset: -8, office: 1),
    PersonProfile(name: "emma.schulz", sso: false, homeRegion: "eu-west-1", utcOffset: 1, office: 2),
    PersonProfile(name: "lucas.dubois", sso: true, homeRegion: "eu-west-1", utcOffset: 1, office: 2),
    PersonProfile(name: "olivia.brown", sso: false, homeRegion: "eu-west-1", utcOffset: 0, office: 2),
    PersonProfile(name: "sofia.garcia", sso: true, homeRegion: "eu-central-1", utcOffset: 1, office: 2),
]

private let consoleAgents = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0.4692.71 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0.4692.71 Safari/537.36 Edg/97.0.1072.62",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:96.0) Gecko/20100101 Firefox/96.0",
]
private let cliAgents = [
    "aws-cli/2.4.6 Python/3.8.8 Darwin/21.2.0 exe/x86_64 prompt/off",
    "aws-cli/2.4.10 Python/3.8.8 Linux/5.13.0-27-generic exe/x86_64.ubuntu.20 prompt/off",
    "aws-cli/1.22.34 Python/3.9.10 Windows/10 botocore/1.23.34",
    "Boto3/1.20.40 Python/3.9.10 Darwin/21.2.0 Botocore/1.23.40",
]

/// Everyone who calls APIs in one account.
struct AccountPopulation {
    let accountId: [UInt8]
    let automation: [Caller]
    let automationTable: WeightedTable
    let services: [Caller]
    let serviceTable: WeightedTable
    let people: [Person]
    let root: Caller
    /// Role names that AssumeRole and IAM reads target.
    let roleNames: [[UInt8]]
    let policyNames: [[UInt8]]

    init(seed: UInt64, accountIndex: Int, regions: [String]) {
        var random = TrailRandom(seed, 0xACC0, UInt64(accountIndex))
        let number = 100_000_000_000 + Int(random.next() % 899_999_999_999)
        let account = String(number)
        accountId = Array(account.utf8)

        func id(_ prefix: String) -> [UInt8] {
            var sink = ByteSink(capacity: 21)
            sink.raw(Array(prefix.utf8))
            // Access key IDs have 20 characters, user and role IDs 21.
            sink.characters(&random, from: ByteSink.upperAlphanumerics, count: prefix == "AKIA" ? 16 : 17)
            return sink.bytes
        }
        func hex(_ prefix: String, _ count: Int) -> [UInt8] {
            var sink = ByteSink(capacity: count + prefix.utf8.count)
            sink.raw(Array(prefix.utf8))
            sink.hex(&random, count: count)
            return sink.bytes
        }
        func publicIP() -> [UInt8] {
            let firsts = [3, 13, 18, 34, 35, 44, 52, 54, 203, 126, 153, 81]
            return Array(
                "\(firsts[random.below(firsts.count)]).\(random.below(254) + 1).\(random.below(254) + 1).\(random.below(254) + 1)"
                    .utf8)
        }
        func bytes(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

        // Office egress addresses are shared by every account of the organisation, so they come
        // from the seed alone.
        var officeRandom = TrailRandom(seed, 0x0FF1CE)
        let offices: [[[UInt8]]] = (0..<3).map { office in
            (0..<2).map { _ in
                let prefixes = [[126, 203, 210], [72, 98, 173], [81, 86, 195]][office]
                return Array(
                    "\(prefixes[officeRandom.below(3)]).\(officeRandom.below(254) + 1).\(officeRandom.below(254) + 1).\(officeRandom.below(254) + 1)"
                        .utf8)
            }
        }

        let natIPs = (0..<3).map { _ in publicIP() }
        let privateIPs = (0..<6).map { _ in Array("10.0.\(random.below(64) * 4 + 1).\(random.below(250) + 3)".utf8) }
        let instanceSessions = (0..<10).map { _ in hex("i-0", 16) }
        let functionNames = [
            "orders-api-handler", "payments-webhook", "search-indexer", "thumbnail-resizer", "nightly-report",
        ]
        let vpce = hex("vpce-0", 16)

        func role(
            _ name: String, sessions: [[UInt8]], invokedBy: String? = nil, sources: [[UInt8]], agents: [String],
            ec2: Bool = false, vpce: [UInt8]? = nil, weight: Double
        ) -> Caller {
            Caller(
                type: .assumedRole, principalId: id("AROA"), name: Array(name.utf8), sessionNames: sessions,
                invokedBy: invokedBy.map { Array($0.utf8) }, sourceAddresses: sources, userAgents: bytes(agents),
                accessKeyId: nil, mfaAuthenticated: false, ec2RoleDelivery: ec2, vpcEndpointId: vpce, weight: weight)
        }
        let terraform =
            "APN/1.0 HashiCorp/1.0 Terraform/1.1.3 (+https://www.terraform.io) terraform-provider-aws/3.72.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.42.35 (go1.17.5; linux; amd64)"
        let githubIPs = (0..<4).map { _ in
            Array(
                "\([20, 40, 52, 13][random.below(4)]).\(random.below(254) + 1).\(random.below(254) + 1).\(random.below(254) + 1)"
                    .utf8)
        }
        var automation = [
            role(
                "AWSServiceRoleForConfig", sessions: bytes(["AWSConfig-Describe"]), invokedBy: "config.amazonaws.com",
                sources: bytes(["config.amazonaws.com"]), agents: ["config.amazonaws.com"], weight: 22),
            role(
                "DatadogIntegrationRole", sessions: bytes(["DatadogAWSIntegration"]),
                sources: Array(natIPs.prefix(2)).map { _ in publicIP() },
                agents: [
                    "aws-sdk-go/1.42.27 (go1.17.5; linux; amd64)",
                    "Datadog-AWS-Integration aws-sdk-go/1.42.27 (go1.17.5; linux; amd64)",
                ], weight: 18),
            role(
                "eks-node-role", sessions: instanceSessions, sources: privateIPs,
                agents: [
                    "aws-sdk-go/1.42.23 (go1.17.3; linux; amd64) exec-env/aws-node",
                    "aws-sdk-go/1.40.54 (go1.16.10; linux; amd64) cluster-autoscaler/v1.21.1",
                ],
                ec2: true, vpce: vpce, weight: 16),
            role(
                "orders-lambda-role", sessions: bytes(functionNames), sources: (0..<6).map { _ in publicIP() },
                agents: [
                    "Boto3/1.20.32 Python/3.9.9 Linux/4.14.255-276-224.499.amzn2.x86_64 exec-env/AWS_Lambda_python3.9 Botocore/1.23.32"
                ], weight: 14),
            role(
                "ecs-task-payments", sessions: (0..<6).map { _ in hex("", 32) }, sources: natIPs,
                agents: [
                    "aws-sdk-java/1.12.132 Linux/4.14.256-197.484.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/11.0.13+8-LTS java/11.0.13 vendor/Amazon.com_Inc. cfg/retry-mode/standard"
                ],
                weight: 10),
            role(
                "github-actions-deploy", sessions: bytes(["GitHubActions"]), sources: githubIPs, agents: [terraform],
                weight: 6),
            role(
                "SecurityAuditRole", sessions: bytes(["prowler-scan"]), sources: Array(natIPs.prefix(1)),
                agents: [
                    "Boto3/1.20.40 Python/3.9.10 Linux/5.10.90-88.403.amzn2.x86_64 Botocore/1.23.40 prowler/2.7.0"
                ], weight: 6),
            role(
                "AWSServiceRoleForAutoScaling", sessions: bytes(["AutoScaling"]),
                invokedBy: "autoscaling.amazonaws.com",
                sources: bytes(["autoscaling.amazonaws.com"]), agents: ["autoscaling.amazonaws.com"], weight: 4),
        ]
        automation.append(
            Caller(
                type: .iamUser, principalId: id("AIDA"), name: Array("ci-terraform".utf8), sessionNames: [],
                invokedBy: nil, sourceAddresses: githubIPs, userAgents: bytes([terraform]),
                accessKeyId: id("AKIA"), mfaAuthenticated: false, ec2RoleDelivery: false, vpcEndpointId: nil, weight: 4)
        )
        self.automation = automation
        automationTable = WeightedTable(automation.map(\.weight))

        let serviceWeights: [(String, Double)] = [
            ("lambda.amazonaws.com", 12), ("ec2.amazonaws.com", 10), ("cloudtrail.amazonaws.com", 10),
            ("config.amazonaws.com", 8),
            ("ecs-tasks.amazonaws.com", 8), ("ssm.amazonaws.com", 6), ("elasticloadbalancing.amazonaws.com", 5),
            ("autoscaling.amazonaws.com", 4), ("guardduty.amazonaws.com", 4), ("cloudformation.amazonaws.com", 3),
            ("delivery.logs.amazonaws.com", 3), ("access-analyzer.amazonaws.com", 2),
        ]
        services = serviceWeights.map { name, weight in
            let bytes = Array(name.utf8)
            return Caller(
                type: .awsService, principalId: [], name: bytes, sessionNames: [], invokedBy: bytes,
                sourceAddresses: [bytes], userAgents: [bytes], accessKeyId: nil, mfaAuthenticated: false,
                ec2RoleDelivery: false, vpcEndpointId: nil, weight: weight)
        }
        serviceTable = WeightedTable(services.map(\.weight))

        let ssoRole = "AWSReservedSSO_AdministratorAccess_" + String(decoding: hex("", 16), as: UTF8.self)
        people = peopleProfiles.map { profile in
            let home =
                regions.firstIndex(of: profile.homeRegion)
                ?? regions.firstIndex { $0.prefix(2) == profile.homeRegion.prefix(2) } ?? 0
            let sources = offices[profile.office] + [publicIP()]
            let agents = [consoleAgents[random.below(consoleAgents.count)], cliAgents[random.below(cliAgents.count)]]
            let caller: Caller
            if profile.sso {
                caller = Caller(
                    type: .assumedRole, principalId: id("AROA"), name: Array(ssoRole.utf8),
                    sessionNames: [Array("\(profile.name)@example.com".utf8)], invokedBy: nil,
                    sourceAddresses: sources, userAgents: bytes(agents), accessKeyId: nil,
                    mfaAuthenticated: false, ec2RoleDelivery: false, vpcEndpointId: nil, weight: 1)
            } else {
                caller = Caller(
                    type: .iamUser, principalId: id("AIDA"), name: Array(profile.name.utf8), sessionNames: [],
                    invokedBy: nil, sourceAddresses: sources, userAgents: bytes(agents), accessKeyId: id("AKIA"),
                    mfaAuthenticated: true, ec2RoleDelivery: false, vpcEndpointId: nil, weight: 1)
            }
            return Person(
                caller: caller, homeRegionIndex: home, utcOffset: profile.utcOffset,
                usesConsole: profile.sso ? 0.7 : 0.5)
        }
        root = Caller(
            type: .root, principalId: accountId, name: [], sessionNames: [], invokedBy: nil,
            sourceAddresses: [offices[1][0]], userAgents: bytes([consoleAgents[0]]), accessKeyId: nil,
            mfaAuthenticated: true, ec2RoleDelivery: false, vpcEndpointId: nil, weight: 1)
        roleNames =
            automation.filter { $0.type == .assumedRole }.map(\.name)
            + bytes([
                "OrganizationAccountAccessRole", "lambda-exec-role", "ecs-task-execution-role", "backup-service-role",
                "cross-account-readonly", "eks-pod-external-dns", "eks-pod-ebs-csi", ssoRole,
            ])
        policyNames = bytes([
            "DeployPolicy", "ReadOnlyBuckets", "KmsDecryptProd", "EksNodeExtras", "LambdaVpcAccess",
            "BackupOperator", "SecurityAuditExtras", "CostExplorerRead",
        ])
    }

    /// How likely `person` is to be working at `utcHour` in the region at `regionIndex`: people
    /// work office hours, mostly in their home region.
    static func activity(of person: Person, utcHour: Int, regionIndex: Int) -> Double {
        let local = ((utcHour + person.utcOffset) % 24 + 24) % 24
        let hours: Double = (9..<18).contains(local) ? 1 : (local == 8 || (18..<21).contains(local)) ? 0.3 : 0.02
        return hours * (person.homeRegionIndex == regionIndex ? 1 : 0.06)
    }
}

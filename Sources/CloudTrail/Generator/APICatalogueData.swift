// The API mix of a typical production account: weights are relative call counts, shaped after
// published CloudTrail breakdowns (reads by monitoring and config tools dominate; STS and KMS
// follow; writes are a thin tail). Templates hold JSON as CloudTrail logs it; `$name` marks a value
// drawn per event (see Placeholder). Reads have null responseElements, as CloudTrail logs them.

private func api(
    _ endpoint: String, _ name: String, _ weight: Double, callers: CallerClasses = .everyone, readOnly: Bool? = nil,
    data: Bool = false, errorRate: Double? = nil, error: (String, String)? = nil, req: String? = nil,
    resp: String? = nil, resources: String? = nil, extra: String? = nil
) -> APIRow {
    APIRow(
        endpoint: endpoint, name: name, weight: weight, callers: callers, readOnly: readOnly, data: data,
        errorRate: errorRate, specificError: error, request: req, response: resp, resources: resources,
        additional: extra)
}

private let ok = #"{"requestId":"$uuid","_return":true}"#
private let roleResource = #"[{"accountId":"$acct","type":"AWS::IAM::Role","ARN":"arn:aws:iam::$acct:role/$role"}]"#
private let kmsResource = #"[{"accountId":"$acct","type":"AWS::KMS::Key","ARN":"arn:aws:kms:$region:$acct:key/$kms"}]"#
private let s3Extra = s3Transfer(in: "0", out: "0")
private func s3Transfer(in bytesIn: String, out bytesOut: String) -> String {
    #"{"SignatureVersion":"SigV4","CipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","bytesTransferredIn":"#
        + bytesIn + #","AuthenticationMethod":"AuthHeader","x-amz-id-2":"$token","bytesTransferredOut":"# + bytesOut
        + "}"
}
private let objectResources =
    #"[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::$bucket/$objkey"},{"accountId":"$acct","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::$bucket"}]"#

private let runInstancesRequest =
    #"{"instancesSet":{"items":[{"imageId":"$ami","minCount":1,"maxCount":1}]},"userData":"<sensitiveDataRemoved>","instanceType":"$itype","blockDeviceMapping":{"items":[{"deviceName":"/dev/xvda","ebs":{"volumeSize":50,"deleteOnTermination":true,"volumeType":"gp3","encrypted":true,"kmsKeyId":"arn:aws:kms:$region:$acct:key/$kms"}}]},"availabilityZone":"$az","tenancy":"default","monitoring":{"enabled":true},"disableApiTermination":false,"disableApiStop":false,"clientToken":"$uuid2","networkInterfaceSet":{"items":[{"deviceIndex":0,"subnetId":"$subnet","associatePublicIpAddress":false,"groupSet":{"items":[{"groupId":"$sg"}]}}]},"iamInstanceProfile":{"arn":"arn:aws:iam::$acct:instance-profile/$app-instance-profile"},"ebsOptimized":true,"tagSpecificationSet":{"items":[{"resourceType":"instance","tags":[{"key":"Name","value":"$app-worker"},{"key":"Environment","value":"production"},{"key":"Team","value":"$app"},{"key":"ManagedBy","value":"terraform"}]},{"resourceType":"volume","tags":[{"key":"Name","value":"$app-worker"},{"key":"Team","value":"$app"}]}]},"launchTemplate":{"launchTemplateName":"$app-launch-template","version":"$LATEST"},"metadataOptions":{"httpTokens":"required","httpPutResponseHopLimit":2,"httpEndpoint":"enabled"},"privateDnsNameOptions":{"hostnameType":"ip-name","enableResourceNameDnsARecord":false,"enableResourceNameDnsAAAARecord":false}}"#
private let runInstancesResponse =
    #"{"requestId":"$uuid","reservationId":"$reservation","ownerId":"$acct","groupSet":{},"instancesSet":{"items":[{"instanceId":"$newinstance","imageId":"$ami","currentInstanceBootMode":"legacy-bios","instanceState":{"code":0,"name":"pending"},"privateDnsName":"ip-$hex8.$region.compute.internal","amiLaunchIndex":0,"productCodes":{},"instanceType":"$itype","launchTime":$epochms,"placement":{"availabilityZone":"$az","tenancy":"default"},"monitoring":{"state":"pending"},"subnetId":"$subnet","vpcId":"$vpc","privateIpAddress":"$privip","stateReason":{"code":"pending","message":"pending"},"architecture":"x86_64","rootDeviceType":"ebs","rootDeviceName":"/dev/xvda","blockDeviceMapping":{},"virtualizationType":"hvm","clientToken":"$uuid2","tagSet":{"items":[{"key":"Name","value":"$app-worker"},{"key":"Environment","value":"production"},{"key":"Team","value":"$app"},{"key":"ManagedBy","value":"terraform"}]},"groupSet":{"items":[{"groupId":"$sg","groupName":"$app-instances"}]},"sourceDestCheck":true,"hypervisor":"xen","networkInterfaceSet":{"items":[{"networkInterfaceId":"$eni","subnetId":"$subnet","vpcId":"$vpc","ownerId":"$acct","status":"in-use","macAddress":"0a:$hex8","privateIpAddress":"$privip","sourceDestCheck":true,"interfaceType":"interface","groupSet":{"items":[{"groupId":"$sg","groupName":"$app-instances"}]},"attachment":{"attachmentId":"eni-attach-$hex8","deviceIndex":0,"networkCardIndex":0,"status":"attaching","attachTime":$epochms,"deleteOnTermination":true},"privateIpAddressesSet":{"item":[{"privateIpAddress":"$privip","primary":true}]},"ipv6AddressesSet":{},"tagSet":{}}]},"iamInstanceProfile":{"arn":"arn:aws:iam::$acct:instance-profile/$app-instance-profile","id":"AIPA$hex8"},"ebsOptimized":true,"enaSupport":true,"cpuOptions":{"coreCount":1,"threadsPerCore":2},"capacityReservationSpecification":{"capacityReservationPreference":"open"},"enclaveOptions":{"enabled":false},"metadataOptions":{"state":"pending","httpTokens":"required","httpPutResponseHopLimit":2,"httpEndpoint":"enabled","httpProtocolIpv6":"disabled","instanceMetadataTags":"disabled"},"maintenanceOptions":{"autoRecovery":"default"},"privateDnsNameOptions":{"hostnameType":"ip-name","enableResourceNameDnsARecord":false,"enableResourceNameDnsAAAARecord":false}}]}}"#

enum APICatalogueData {
    static let rows: [APIRow] = ec2 + s3 + iamAndSTS + security + compute + dataStores + platform

    private static let ec2: [APIRow] = [
        api(
            "ec2", "DescribeInstances", 50,
            req:
                #"{"instancesSet":{},"filterSet":{"items":[{"name":"instance-state-name","valueSet":{"items":[{"value":"running"}]}}]}}"#
        ),
        api(
            "ec2", "DescribeInstanceStatus", 12, req: #"{"instancesSet":{},"filterSet":{},"includeAllInstances":false}"#
        ),
        api("ec2", "DescribeVolumes", 15, req: #"{"volumeSet":{"items":[{"volumeId":"$volume"}]},"filterSet":{}}"#),
        api(
            "ec2", "DescribeSnapshots", 8,
            req: #"{"snapshotSet":{},"ownersSet":{"items":[{"owner":"self"}]},"sharedUsersSet":{},"filterSet":{}}"#),
        api(
            "ec2", "DescribeSecurityGroups", 14,
            req: #"{"securityGroupSet":{},"securityGroupIdSet":{"items":[{"groupId":"$sg"}]},"filterSet":{}}"#),
        api(
            "ec2", "DescribeSubnets", 10,
            req: #"{"subnetSet":{},"filterSet":{"items":[{"name":"vpc-id","valueSet":{"items":[{"value":"$vpc"}]}}]}}"#),
        api("ec2", "DescribeVpcs", 8, req: #"{"vpcSet":{},"filterSet":{}}"#),
        api(
            "ec2", "DescribeNetworkInterfaces", 14,
            req:
                #"{"networkInterfaceIdSet":{},"filterSet":{"items":[{"name":"vpc-id","valueSet":{"items":[{"value":"$vpc"}]}}]}}"#
        ),
        api(
            "ec2", "DescribeImages", 6,
            req: #"{"executableBySet":{},"imagesSet":{"items":[{"imageId":"$ami"}]},"ownersSet":{},"filterSet":{}}"#),
        api("ec2", "DescribeRegions", 5, req: #"{"regionSet":{}}"#),
        api("ec2", "DescribeAvailabilityZones", 4, req: #"{"availabilityZoneSet":{},"availabilityZoneIdSet":{}}"#),
        api(
            "ec2", "DescribeTags", 6,
            req: #"{"filterSet":{"items":[{"name":"resource-id","valueSet":{"items":[{"value":"$instance"}]}}]}}"#),
        api("ec2", "DescribeLaunchTemplates", 3, req: #"{"DescribeLaunchTemplatesRequest":{"MaxResults":200}}"#),
        api("ec2", "DescribeRouteTables", 5, req: #"{"routeTableIdSet":{},"filterSet":{}}"#),
        api("ec2", "DescribeAddresses", 3, req: #"{"publicIpsSet":{},"allocationIdsSet":{},"filterSet":{}}"#),
        api("ec2", "DescribeKeyPairs", 2, req: #"{"keySet":{},"filterSet":{}}"#),
        api("ec2", "DescribeNatGateways", 2, req: #"{"DescribeNatGatewaysRequest":{"MaxResults":1000}}"#),
        api(
            "ec2", "DescribeInstanceTypes", 3,
            req: #"{"DescribeInstanceTypesRequest":{"InstanceType":{"content":"$itype","tag":1}}}"#),
        api("ec2", "DescribeVpcEndpoints", 2, req: #"{"DescribeVpcEndpointsRequest":{}}"#),
        api(
            "ec2", "DescribeAccountAttributes", 3,
            req: #"{"accountAttributeNameSet":{"items":[{"attributeName":"supported-platforms"}]},"filterSet":{}}"#),
        api("ec2", "GetConsoleOutput", 0.3, req: #"{"instanceId":"$instance"}"#),
        api(
            "ec2", "RunInstances", 2.5, callers: [.automation, .human], req: runInstancesRequest,
            resp: runInstancesResponse),
        api(
            "ec2", "TerminateInstances", 1.2, callers: [.automation, .human],
            req: #"{"instancesSet":{"items":[{"instanceId":"$instance"}]}}"#,
            resp:
                #"{"requestId":"$uuid","instancesSet":{"items":[{"instanceId":"$instance","currentState":{"code":32,"name":"shutting-down"},"previousState":{"code":16,"name":"running"}}]}}"#
        ),
        api(
            "ec2", "StartInstances", 0.6, req: #"{"instancesSet":{"items":[{"instanceId":"$instance"}]}}"#,
            resp:
                #"{"requestId":"$uuid","instancesSet":{"items":[{"instanceId":"$instance","currentState":{"code":0,"name":"pending"},"previousState":{"code":80,"name":"stopped"}}]}}"#
        ),
        api(
            "ec2", "StopInstances", 0.6, req: #"{"instancesSet":{"items":[{"instanceId":"$instance"}]},"force":false}"#,
            resp:
                #"{"requestId":"$uuid","instancesSet":{"items":[{"instanceId":"$instance","currentState":{"code":64,"name":"stopping"},"previousState":{"code":16,"name":"running"}}]}}"#
        ),
        api(
            "ec2", "CreateTags", 4,
            req:
                #"{"resourcesSet":{"items":[{"resourceId":"$instance"}]},"tagSet":{"items":[{"key":"Name","value":"$app-worker"},{"key":"Team","value":"$app"}]}}"#,
            resp: ok),
        api(
            "ec2", "CreateNetworkInterface", 2,
            req:
                #"{"subnetId":"$subnet","description":"AWS Lambda VPC ENI-$function-$uuid2","groupSet":{"items":[{"groupId":"$sg"}]},"privateIpAddressesSet":{}}"#,
            resp:
                #"{"requestId":"$uuid","networkInterface":{"networkInterfaceId":"$eni","subnetId":"$subnet","vpcId":"$vpc","availabilityZone":"$az","description":"AWS Lambda VPC ENI-$function-$uuid2","ownerId":"$acct","requesterId":"AROA$hex8:$function","requesterManaged":true,"status":"pending","macAddress":"02:$hex8","privateIpAddress":"$privip","sourceDestCheck":true,"interfaceType":"lambda","groupSet":{"items":[{"groupId":"$sg","groupName":"$app-lambda"}]},"privateIpAddressesSet":{"item":[{"privateIpAddress":"$privip","primary":true}]},"ipv6AddressesSet":{},"tagSet":{}}}"#
        ),
        api("ec2", "DeleteNetworkInterface", 1.5, req: #"{"networkInterfaceId":"$eni"}"#, resp: ok),
        api(
            "ec2", "AuthorizeSecurityGroupIngress", 0.5, callers: [.automation, .human],
            req:
                #"{"groupId":"$sg","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":443,"toPort":443,"groups":{},"ipRanges":{"items":[{"cidrIp":"10.0.0.0/16"}]},"ipv6Ranges":{},"prefixListIds":{}}]}}"#,
            resp:
                #"{"requestId":"$uuid","_return":true,"securityGroupRuleSet":{"items":[{"groupOwnerId":"$acct","groupId":"$sg","securityGroupRuleId":"sgr-0$hex8","isEgress":false,"ipProtocol":"tcp","fromPort":443,"toPort":443,"cidrIpv4":"10.0.0.0/16"}]}}"#
        ),
        api(
            "ec2", "CreateSnapshot", 0.8, req: #"{"volumeId":"$volume","description":"Created by AWS Backup"}"#,
            resp:
                #"{"requestId":"$uuid","snapshotId":"$snapshot","volumeId":"$volume","status":"pending","startTime":$epochms,"progress":"","ownerId":"$acct","volumeSize":50,"encrypted":true,"kmsKeyId":"arn:aws:kms:$region:$acct:key/$kms"}"#
        ),
        api("ec2", "DeleteSnapshot", 0.6, req: #"{"snapshotId":"$snapshot"}"#, resp: ok),
        api(
            "ec2", "CreateVolume", 0.5, req: #"{"size":"50","zone":"$az","volumeType":"gp3","encrypted":true}"#,
            resp:
                #"{"requestId":"$uuid","volumeId":"$volume","size":"50","zone":"$az","status":"creating","createTime":$epochms,"volumeType":"gp3","iops":3000,"encrypted":true,"kmsKeyId":"arn:aws:kms:$region:$acct:key/$kms","throughput":125}"#
        ),
        api(
            "ec2", "AttachVolume", 0.5, req: #"{"volumeId":"$volume","instanceId":"$instance","device":"/dev/sdf"}"#,
            resp:
                #"{"requestId":"$uuid","volumeId":"$volume","instanceId":"$instance","device":"/dev/sdf","status":"attaching","attachTime":$epochms}"#
        ),
        api(
            "ec2", "ModifyInstanceAttribute", 0.3, callers: [.automation, .human],
            req: #"{"instanceId":"$instance","instanceType":{"value":"$itype"}}"#, resp: ok),
        api(
            "ec2", "CreateLaunchTemplateVersion", 0.3,
            req:
                #"{"CreateLaunchTemplateVersionRequest":{"LaunchTemplateName":"$app-launch-template","LaunchTemplateData":{"ImageId":"$ami","InstanceType":"$itype"}}}"#,
            resp:
                #"{"CreateLaunchTemplateVersionResponse":{"requestId":"$uuid","launchTemplateVersion":{"launchTemplateName":"$app-launch-template","versionNumber":$int,"createdBy":"arn:aws:sts::$acct:assumed-role/github-actions-deploy/GitHubActions"}}}"#
        ),
    ]

    private static let s3: [APIRow] = [
        api("s3", "ListBuckets", 12, req: #"{"Host":"s3.$region.amazonaws.com"}"#),
        api(
            "s3", "GetBucketAcl", 10, callers: [.automation, .service, .human],
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","acl":""}"#),
        api(
            "s3", "GetBucketPolicy", 6, errorRate: 0.3,
            error: ("NoSuchBucketPolicy", "The bucket policy does not exist"),
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","policy":""}"#),
        api(
            "s3", "GetBucketLocation", 10,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","location":""}"#),
        api(
            "s3", "GetBucketVersioning", 5,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","versioning":""}"#),
        api(
            "s3", "GetBucketEncryption", 5, errorRate: 0.15,
            error: (
                "ServerSideEncryptionConfigurationNotFoundError",
                "The server side encryption configuration was not found"
            ), req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","encryption":""}"#),
        api(
            "s3", "GetBucketTagging", 5, errorRate: 0.25, error: ("NoSuchTagSet", "The TagSet does not exist"),
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","tagging":""}"#),
        api(
            "s3", "GetBucketLogging", 3,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","logging":""}"#),
        api(
            "s3", "GetBucketPublicAccessBlock", 4,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","publicAccessBlock":""}"#),
        api(
            "s3", "GetBucketLifecycle", 3, errorRate: 0.35,
            error: ("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"),
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","lifecycle":""}"#),
        api(
            "s3", "GetBucketNotification", 2,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","notification":""}"#),
        api(
            "s3", "GetBucketOwnershipControls", 2,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","ownershipControls":""}"#),
        api(
            "s3", "GetBucketCors", 1.5, errorRate: 0.5,
            error: ("NoSuchCORSConfiguration", "The CORS configuration does not exist"),
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","cors":""}"#),
        api(
            "s3", "GetBucketWebsite", 0.8, errorRate: 0.6,
            error: ("NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration"),
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","website":""}"#),
        api(
            "s3", "GetBucketReplication", 0.8, errorRate: 0.6,
            error: ("ReplicationConfigurationNotFoundError", "The replication configuration was not found"),
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","replication":""}"#),
        api(
            "s3", "PutBucketPolicy", 0.2, callers: [.automation, .human],
            req:
                #"{"bucketPolicy":{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::$bucket","arn:aws:s3:::$bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]},"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","policy":""}"#
        ),
        api(
            "s3", "PutBucketTagging", 0.3,
            req:
                #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","tagging":"","Tagging":{"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","TagSet":{"Tag":[{"Value":"$app","Key":"Team"}]}}}"#
        ),
        api(
            "s3", "CreateBucket", 0.05, callers: [.automation, .human],
            req:
                #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","x-amz-object-ownership":"BucketOwnerEnforced"}"#
        ),
        api(
            "s3", "GetObject", 8, callers: [.automation, .human], data: true,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","key":"$objkey"}"#,
            resources: objectResources, extra: s3Transfer(in: "0", out: "$objsize")),
        api(
            "s3", "PutObject", 6, callers: [.automation, .service, .human], data: true,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","key":"$objkey"}"#,
            resp:
                #"{"x-amz-server-side-encryption":"aws:kms","x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:$region:$acct:key/$kms","x-amz-server-side-encryption-bucket-key-enabled":"true"}"#,
            resources: objectResources, extra: s3Transfer(in: "$objsize", out: "0")),
        api(
            "s3", "HeadObject", 3, callers: [.automation, .human], data: true,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","key":"$objkey"}"#,
            resources: objectResources, extra: s3Extra),
        api(
            "s3", "DeleteObject", 1, callers: [.automation, .human], data: true,
            req: #"{"bucketName":"$bucket","Host":"$bucket.s3.$region.amazonaws.com","key":"$objkey"}"#,
            resources: objectResources, extra: s3Extra),
        api(
            "s3", "ListObjects", 3, callers: [.automation, .human], data: true,
            req:
                #"{"list-type":"2","bucketName":"$bucket","encoding-type":"url","max-keys":"1000","prefix":"$app/","Host":"$bucket.s3.$region.amazonaws.com"}"#,
            resources: #"[{"accountId":"$acct","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::$bucket"}]"#,
            extra: s3Transfer(in: "0", out: "$listsize")
        ),
    ]

    private static let iamAndSTS: [APIRow] = [
        api(
            "sts", "AssumeRole", 80, callers: [.automation, .service, .human], errorRate: 0.025,
            req: #"{"roleArn":"arn:aws:iam::$acct:role/$role","roleSessionName":"$session","durationSeconds":3600}"#,
            resp:
                #"{"credentials":{"accessKeyId":"$akid","sessionToken":"$token","expiration":"$expiry"},"assumedRoleUser":{"assumedRoleId":"AROA$hex8:$session","arn":"arn:aws:sts::$acct:assumed-role/$role/$session"}}"#,
            resources: roleResource),
        api("sts", "GetCallerIdentity", 10, errorRate: 0.005),
        api(
            "sts", "AssumeRoleWithWebIdentity", 8, callers: [.automation], errorRate: 0.01,
            req: #"{"roleArn":"arn:aws:iam::$acct:role/$role","roleSessionName":"$session"}"#,
            resp:
                #"{"credentials":{"accessKeyId":"$akid","sessionToken":"$token","expiration":"$expiry"},"subjectFromWebIdentityToken":"system:serviceaccount:$app:$app-sa","assumedRoleUser":{"assumedRoleId":"AROA$hex8:$session","arn":"arn:aws:sts::$acct:assumed-role/$role/$session"},"provider":"arn:aws:iam::$acct:oidc-provider/oidc.eks.$region.amazonaws.com/id/$digest","audience":"sts.amazonaws.com"}"#,
            resources: roleResource),
        api(
            "sts", "AssumeRoleWithSAML", 1.5, callers: [.human], errorRate: 0.01,
            req:
                #"{"roleArn":"arn:aws:iam::$acct:role/$role","principalArn":"arn:aws:iam::$acct:saml-provider/AWSSSO_$hex8_DO_NOT_DELETE","durationSeconds":43200}"#,
            resp:
                #"{"credentials":{"accessKeyId":"$akid","sessionToken":"$token","expiration":"$expiry"},"assumedRoleUser":{"assumedRoleId":"AROA$hex8:$session","arn":"arn:aws:sts::$acct:assumed-role/$role/$session"},"subject":"$session","subjectType":"persistent","issuer":"https://portal.sso.us-east-1.amazonaws.com/saml/assertion/$digest","audience":"https://signin.aws.amazon.com/saml","nameQualifier":"$digest"}"#,
            resources: roleResource),
        api(
            "sts", "GetSessionToken", 0.5, callers: .people,
            resp: #"{"credentials":{"accessKeyId":"$akid","sessionToken":"$token","expiration":"$expiry"}}"#),
        api("sts", "DecodeAuthorizationMessage", 0.05, callers: .people, req: #"{"encodedMessage":"$token"}"#),
        api(
            "signin", "ConsoleLogin", 1.2, callers: .people, readOnly: false, errorRate: 0.08,
            error: ("Failed authentication", "Failed authentication"),
            resp: #"{"ConsoleLogin":"Success"}"#,
            extra:
                #"{"LoginTo":"https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true","MobileVersion":"No","MFAUsed":"Yes"}"#
        ),
        api(
            "signin", "GetSigninToken", 0.3, callers: [.human], readOnly: false, errorRate: 0.01,
            resp: #"{"GetSigninToken":"Success"}"#, extra: #"{"MobileVersion":"No"}"#),
        api(
            "signin", "SwitchRole", 0.4, callers: [.human], readOnly: false, errorRate: 0.02,
            resp: #"{"SwitchRole":"Success"}"#,
            extra:
                #"{"SwitchFrom":"arn:aws:iam::$acct:user/$user","RedirectTo":"https://console.aws.amazon.com/console/home"}"#
        ),
        api("iam", "ListRoles", 5, req: #"{"maxItems":1000}"#),
        api("iam", "GetRole", 8, req: #"{"roleName":"$role"}"#),
        api("iam", "ListUsers", 3),
        api("iam", "GetUser", 3, req: #"{"userName":"$user"}"#),
        api("iam", "ListPolicies", 3, req: #"{"scope":"Local","onlyAttached":false,"maxItems":1000}"#),
        api("iam", "GetPolicy", 3, req: #"{"policyArn":"arn:aws:iam::$acct:policy/$policy"}"#),
        api(
            "iam", "GetPolicyVersion", 3, req: #"{"policyArn":"arn:aws:iam::$acct:policy/$policy","versionId":"v$int"}"#
        ),
        api("iam", "ListAttachedRolePolicies", 5, req: #"{"roleName":"$role"}"#),
        api("iam", "ListRolePolicies", 4, req: #"{"roleName":"$role"}"#),
        api(
            "iam", "GetRolePolicy", 3, errorRate: 0.08,
            error: ("NoSuchEntityException", "The role policy with name inline-policy cannot be found."),
            req: #"{"roleName":"$role","policyName":"inline-policy"}"#),
        api("iam", "ListAccessKeys", 3, req: #"{"userName":"$user"}"#),
        api("iam", "GetAccountSummary", 2),
        api("iam", "ListMFADevices", 2, req: #"{"userName":"$user"}"#),
        api("iam", "ListGroups", 2),
        api("iam", "ListInstanceProfiles", 2),
        api("iam", "GenerateCredentialReport", 0.5, readOnly: true),
        api("iam", "GetCredentialReport", 0.5),
        api("iam", "ListServerCertificates", 1),
        api("iam", "ListAccountAliases", 2),
        api("iam", "GetAccountPasswordPolicy", 1),
        api("iam", "ListEntitiesForPolicy", 1, req: #"{"policyArn":"arn:aws:iam::$acct:policy/$policy"}"#),
        api(
            "iam", "CreateRole", 0.1, callers: [.automation, .human],
            req:
                #"{"roleName":"$role","assumeRolePolicyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}","tags":[{"key":"Team","value":"$app"}]}"#,
            resp:
                #"{"role":{"path":"/","roleName":"$role","roleId":"AROA$hex8","arn":"arn:aws:iam::$acct:role/$role","createDate":"$expiry","assumeRolePolicyDocument":"%7B%22Version%22%3A%222012-10-17%22%7D","tags":[{"key":"Team","value":"$app"}]}}"#
        ),
        api(
            "iam", "AttachRolePolicy", 0.2, callers: [.automation, .human],
            req: #"{"roleName":"$role","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#),
        api(
            "iam", "PutRolePolicy", 0.2, callers: [.automation, .human],
            req:
                #"{"roleName":"$role","policyName":"inline-policy","policyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}"}"#
        ),
        api(
            "iam", "CreateAccessKey", 0.05, callers: .people, req: #"{"userName":"$user"}"#,
            resp:
                #"{"accessKey":{"userName":"$user","accessKeyId":"AKIA$hex8","status":"Active","createDate":"$expiry"}}"#
        ),
        api(
            "iam", "CreateUser", 0.04, callers: .people, req: #"{"userName":"$user"}"#,
            resp:
                #"{"user":{"path":"/","userName":"$user","userId":"AIDA$hex8","arn":"arn:aws:iam::$acct:user/$user","createDate":"$expiry"}}"#
        ),
        api(
            "iam", "UpdateAssumeRolePolicy", 0.05, callers: [.automation, .human],
            req: #"{"roleName":"$role","policyDocument":"{\"Version\":\"2012-10-17\"}"}"#),
        api(
            "iam", "CreateServiceLinkedRole", 0.03, callers: [.automation, .human],
            req: #"{"aWSServiceName":"$app.amazonaws.com"}"#),
        api(
            "iam", "TagRole", 0.1, callers: [.automation, .human],
            req: #"{"roleName":"$role","tags":[{"key":"Team","value":"$app"}]}"#),
        api("organizations", "DescribeOrganization", 2),
        api("organizations", "ListAccounts", 1),
        api("organizations", "DescribeAccount", 0.5, req: #"{"accountId":"$acct"}"#),
        api("sso", "ListAccountRoles", 0.8, callers: [.human], req: #"{"accountId":"$acct"}"#),
        api("sso", "GetRoleCredentials", 1, callers: [.human], req: #"{"roleName":"$role","accountId":"$acct"}"#),
    ]
}

// The rest of the catalogue: security, compute, data stores and platform services.

private func api(
    _ endpoint: String, _ name: String, _ weight: Double, callers: CallerClasses = .everyone, readOnly: Bool? = nil,
    errorRate: Double? = nil, error: (String, String)? = nil, req: String? = nil, resp: String? = nil,
    resources: String? = nil
) -> APIRow {
    APIRow(
        endpoint: endpoint, name: name, weight: weight, callers: callers, readOnly: readOnly, data: false,
        errorRate: errorRate, specificError: error, request: req, response: resp, resources: resources)
}

private let kmsResource = #"[{"accountId":"$acct","type":"AWS::KMS::Key","ARN":"arn:aws:kms:$region:$acct:key/$kms"}]"#
private let encryptionContext =
    #""encryptionContext":{"aws:lambda:FunctionArn":"arn:aws:lambda:$region:$acct:function:$function"}"#
private let logGroupReq = #"{"logGroupName":"$loggroup"}"#
private let functionReq = #"{"functionName":"$function"}"#
private let tableReq = #"{"tableName":"$table"}"#
private let queueReq = #"{"queueUrl":"https://sqs.$region.amazonaws.com/$acct/$queue","attributeNames":["All"]}"#
private let stackReq = #"{"stackName":"$stack"}"#
private let clusterArn = "arn:aws:ecs:$region:$acct:cluster/$cluster"

extension APICatalogueData {
    static let security: [APIRow] = [
        api(
            "kms", "Decrypt", 40, callers: [.automation, .service, .human], errorRate: 0.02,
            req: #"{"encryptionAlgorithm":"SYMMETRIC_DEFAULT","# + encryptionContext + "}", resources: kmsResource),
        api(
            "kms", "GenerateDataKey", 20, callers: [.automation, .service, .human], errorRate: 0.02,
            req: #"{"keyId":"arn:aws:kms:$region:$acct:key/$kms","keySpec":"AES_256","# + encryptionContext + "}",
            resources: kmsResource),
        api(
            "kms", "Encrypt", 3, callers: [.automation, .service],
            req: #"{"keyId":"alias/$app","encryptionAlgorithm":"SYMMETRIC_DEFAULT"}"#, resources: kmsResource),
        api(
            "kms", "DescribeKey", 8, callers: [.automation, .service, .human],
            req: #"{"keyId":"arn:aws:kms:$region:$acct:key/$kms"}"#, resources: kmsResource),
        api("kms", "ListAliases", 4),
        api("kms", "ListKeys", 3, req: #"{"limit":1000}"#),
        api("kms", "GetKeyPolicy", 2, req: #"{"keyId":"$kms","policyName":"default"}"#, resources: kmsResource),
        api("kms", "GetKeyRotationStatus", 2, req: #"{"keyId":"$kms"}"#, resources: kmsResource),
        api("kms", "ListResourceTags", 1, req: #"{"keyId":"$kms"}"#, resources: kmsResource),
        api(
            "kms", "CreateGrant", 1, callers: [.automation, .service],
            req:
                #"{"keyId":"arn:aws:kms:$region:$acct:key/$kms","granteePrincipal":"arn:aws:sts::$acct:assumed-role/$role/$session","operations":["Decrypt","Encrypt","GenerateDataKey"],"constraints":{"encryptionContextSubset":{"aws:ebs:id":"$volume"}}}"#,
            resp: #"{"grantId":"$digest","keyId":"arn:aws:kms:$region:$acct:key/$kms"}"#, resources: kmsResource),
        api(
            "kms", "RetireGrant", 0.5, callers: [.automation, .service],
            req: #"{"keyId":"arn:aws:kms:$region:$acct:key/$kms","grantId":"$digest"}"#, resources: kmsResource),
        api("secretsmanager", "GetSecretValue", 8, errorRate: 0.02, req: #"{"secretId":"$secret"}"#),
        api("secretsmanager", "DescribeSecret", 3, req: #"{"secretId":"$secret"}"#),
        api("secretsmanager", "ListSecrets", 2),
        api(
            "secretsmanager", "PutSecretValue", 0.1, req: #"{"secretId":"$secret","clientRequestToken":"$uuid2"}"#,
            resp:
                #"{"aRN":"arn:aws:secretsmanager:$region:$acct:secret:$secret-$hex8","name":"$secret","versionId":"$uuid2","versionStages":["AWSCURRENT"]}"#
        ),
        api(
            "secretsmanager", "RotateSecret", 0.05, req: #"{"secretId":"$secret","clientRequestToken":"$uuid2"}"#,
            resp:
                #"{"aRN":"arn:aws:secretsmanager:$region:$acct:secret:$secret-$hex8","name":"$secret","versionId":"$uuid2"}"#
        ),
        api("cloudtrail", "DescribeTrails", 2, req: #"{"includeShadowTrails":true}"#),
        api(
            "cloudtrail", "GetTrailStatus", 2,
            req: #"{"name":"arn:aws:cloudtrail:us-east-1:$acct:trail/organization-trail"}"#),
        api(
            "cloudtrail", "LookupEvents", 2,
            req: #"{"maxResults":50,"lookupAttributes":[{"attributeKey":"EventName","attributeValue":"ConsoleLogin"}]}"#
        ),
        api("cloudtrail", "GetEventSelectors", 1, req: #"{"trailName":"organization-trail"}"#),
        api("cloudtrail", "ListTrails", 1),
        api(
            "cloudtrail", "StopLogging", 0.01, callers: .people, readOnly: false, req: #"{"name":"organization-trail"}"#
        ),
        api("guardduty", "ListDetectors", 2),
        api("guardduty", "GetDetector", 1, req: #"{"detectorId":"$digest"}"#),
        api("guardduty", "ListFindings", 1, req: #"{"detectorId":"$digest","maxResults":50}"#),
        api("guardduty", "GetFindings", 1, req: #"{"detectorId":"$digest","findingIds":["$hex8"]}"#),
        api(
            "securityhub", "GetFindings", 2,
            req: #"{"maxResults":100,"filters":{"recordState":[{"comparison":"EQUALS","value":"ACTIVE"}]}}"#),
        api("securityhub", "BatchImportFindings", 2, callers: [.service, .automation], readOnly: false),
        api("securityhub", "DescribeHub", 0.5),
        api("access-analyzer", "ListAnalyzers", 0.5),
        api(
            "config", "PutEvaluations", 3, callers: [.automation], readOnly: false,
            req:
                #"{"evaluations":[{"complianceResourceType":"AWS::EC2::Instance","complianceResourceId":"$instance","complianceType":"COMPLIANT","orderingTimestamp":"$time"}],"resultToken":"$token","testMode":false}"#,
            resp: #"{"failedEvaluations":[]}"#),
        api("config", "DescribeConfigRules", 1),
        api("config", "DescribeConfigurationRecorders", 1),
        api("config", "DescribeComplianceByConfigRule", 1),
        api(
            "config", "PutConfigurationRecorder", 0.02, callers: .people,
            req:
                #"{"configurationRecorder":{"name":"default","roleARN":"arn:aws:iam::$acct:role/$role","recordingGroup":{"allSupported":true,"includeGlobalResourceTypes":true}}}"#
        ),
        api(
            "health", "DescribeEvents", 1.5,
            req: #"{"filter":{"eventStatusCodes":["open","upcoming"]},"maxResults":100}"#),
        api(
            "ce", "GetCostAndUsage", 0.5, callers: .people,
            req:
                #"{"timePeriod":{"start":"2022-01-01","end":"2022-02-01"},"granularity":"DAILY","metrics":["UnblendedCost"]}"#
        ),
        api("tagging", "GetResources", 3, req: #"{"resourcesPerPage":100,"resourceTypeFilters":["ec2:instance"]}"#),
    ]

    static let compute: [APIRow] = [
        api("lambda", "ListFunctions20150331", 5),
        api("lambda", "GetFunction20150331v2", 3, req: functionReq),
        api("lambda", "GetFunctionConfiguration20150331v2", 2, req: functionReq),
        api("lambda", "ListEventSourceMappings20150331", 1.5, req: functionReq),
        api("lambda", "ListTags20170331", 2, req: #"{"resource":"arn:aws:lambda:$region:$acct:function:$function"}"#),
        api(
            "lambda", "GetPolicy20150331v2", 1, errorRate: 0.2,
            error: ("ResourceNotFoundException", "The resource you requested does not exist."), req: functionReq),
        api("lambda", "ListVersionsByFunction20150331", 1, req: functionReq),
        api(
            "lambda", "UpdateFunctionCode20150331v2", 0.3, callers: [.automation, .human],
            req: #"{"functionName":"$function","s3Bucket":"$bucket","s3Key":"$objkey","publish":true,"dryRun":false}"#,
            resp:
                #"{"functionName":"$function","functionArn":"arn:aws:lambda:$region:$acct:function:$function","runtime":"python3.9","role":"arn:aws:iam::$acct:role/$role","handler":"app.handler","codeSize":$int,"description":"","timeout":30,"memorySize":512,"lastModified":"$time","codeSha256":"$token","version":"$int","tracingConfig":{"mode":"PassThrough"},"revisionId":"$uuid2","state":"Active","lastUpdateStatus":"InProgress","packageType":"Zip","architectures":["x86_64"]}"#
        ),
        api("ecr", "GetAuthorizationToken", 6, req: #"{"registryIds":["$acct"]}"#),
        api(
            "ecr", "BatchGetImage", 4,
            req:
                #"{"registryId":"$acct","repositoryName":"$repo","imageIds":[{"imageTag":"latest"}],"acceptedMediaTypes":["application/vnd.docker.distribution.manifest.v2+json"]}"#
        ),
        api(
            "ecr", "GetDownloadUrlForLayer", 4,
            req: #"{"registryId":"$acct","repositoryName":"$repo","layerDigest":"sha256:$digest"}"#),
        api("ecr", "DescribeRepositories", 2),
        api("ecr", "DescribeImages", 2, req: #"{"repositoryName":"$repo"}"#),
        api(
            "ecr", "BatchCheckLayerAvailability", 1,
            req: #"{"repositoryName":"$repo","layerDigests":["sha256:$digest"]}"#),
        api("ecr", "ListImages", 1, req: #"{"repositoryName":"$repo"}"#),
        api(
            "ecr", "PutImage", 0.1, callers: [.automation],
            req: #"{"repositoryName":"$repo","imageTag":"$hex8","registryId":"$acct"}"#),
        api("eks", "DescribeCluster", 4, req: #"{"name":"$cluster"}"#),
        api("eks", "ListClusters", 1),
        api("eks", "ListNodegroups", 1, req: #"{"name":"$cluster"}"#),
        api("eks", "DescribeNodegroup", 1, req: #"{"name":"$cluster","nodegroupName":"$cluster-workers"}"#),
        api("ecs", "DescribeServices", 4, req: #"{"cluster":"\#(clusterArn)","services":["$app"]}"#),
        api("ecs", "DescribeTasks", 3, req: #"{"cluster":"\#(clusterArn)","tasks":["$digest"]}"#),
        api("ecs", "ListTasks", 3, req: #"{"cluster":"\#(clusterArn)","serviceName":"$app"}"#),
        api("ecs", "DescribeTaskDefinition", 2, req: #"{"taskDefinition":"$app:$int"}"#),
        api("ecs", "ListClusters", 1),
        api("ecs", "ListServices", 1, req: #"{"cluster":"\#(clusterArn)"}"#),
        api("ecs", "DescribeClusters", 1, req: #"{"clusters":["\#(clusterArn)"]}"#),
        api(
            "ecs", "UpdateService", 0.2, callers: [.automation, .human],
            req: #"{"cluster":"\#(clusterArn)","service":"$app","desiredCount":3,"forceNewDeployment":true}"#),
        api(
            "ecs", "RegisterTaskDefinition", 0.2, callers: [.automation, .human],
            req:
                #"{"family":"$app","taskRoleArn":"arn:aws:iam::$acct:role/$role","networkMode":"awsvpc","containerDefinitions":[{"name":"$app","image":"$acct.dkr.ecr.$region.amazonaws.com/$repo:$hex8","cpu":512,"memory":1024,"essential":true}],"requiresCompatibilities":["FARGATE"],"cpu":"512","memory":"1024"}"#
        ),
        api("autoscaling", "DescribeAutoScalingGroups", 6),
        api("autoscaling", "DescribeLaunchConfigurations", 2),
        api("autoscaling", "DescribeScalingActivities", 1.5, req: #"{"autoScalingGroupName":"$cluster-workers"}"#),
        api("autoscaling", "DescribePolicies", 1),
        api("autoscaling", "DescribeLifecycleHooks", 0.5, req: #"{"autoScalingGroupName":"$cluster-workers"}"#),
        api(
            "autoscaling", "UpdateAutoScalingGroup", 0.2, callers: [.automation, .human],
            req: #"{"autoScalingGroupName":"$cluster-workers","minSize":2,"maxSize":12,"desiredCapacity":$int}"#),
        api("elasticloadbalancing", "DescribeLoadBalancers", 5),
        api("elasticloadbalancing", "DescribeTargetGroups", 4),
        api(
            "elasticloadbalancing", "DescribeTargetHealth", 6,
            req: #"{"targetGroupArn":"arn:aws:elasticloadbalancing:$region:$acct:targetgroup/$app-tg/$hex8"}"#),
        api(
            "elasticloadbalancing", "DescribeListeners", 2,
            req: #"{"loadBalancerArn":"arn:aws:elasticloadbalancing:$region:$acct:loadbalancer/app/$app-alb/$hex8"}"#),
        api(
            "elasticloadbalancing", "DescribeTags", 2,
            req: #"{"resourceArns":["arn:aws:elasticloadbalancing:$region:$acct:loadbalancer/app/$app-alb/$hex8"]}"#),
        api(
            "elasticloadbalancing", "DescribeLoadBalancerAttributes", 1,
            req: #"{"loadBalancerArn":"arn:aws:elasticloadbalancing:$region:$acct:loadbalancer/app/$app-alb/$hex8"}"#),
        api(
            "elasticloadbalancing", "RegisterTargets", 0.3, callers: [.automation, .service],
            req:
                #"{"targetGroupArn":"arn:aws:elasticloadbalancing:$region:$acct:targetgroup/$app-tg/$hex8","targets":[{"id":"$instance","port":8080}]}"#
        ),
        api(
            "elasticloadbalancing", "DeregisterTargets", 0.3, callers: [.automation, .service],
            req:
                #"{"targetGroupArn":"arn:aws:elasticloadbalancing:$region:$acct:targetgroup/$app-tg/$hex8","targets":[{"id":"$instance","port":8080}]}"#
        ),
        api("states", "ListStateMachines", 1),
        api(
            "states", "DescribeStateMachine", 0.5,
            req: #"{"stateMachineArn":"arn:aws:states:$region:$acct:stateMachine:$app-workflow"}"#),
        api(
            "states", "StartExecution", 0.5, callers: [.automation, .service],
            req: #"{"stateMachineArn":"arn:aws:states:$region:$acct:stateMachine:$app-workflow","name":"$uuid2"}"#,
            resp:
                #"{"executionArn":"arn:aws:states:$region:$acct:execution:$app-workflow:$uuid2","startDate":"$expiry"}"#
        ),
    ]

    static let dataStores: [APIRow] = [
        api(
            "dynamodb", "DescribeTable", 10, req: tableReq,
            resources:
                #"[{"accountId":"$acct","type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:$region:$acct:table/$table"}]"#
        ),
        api("dynamodb", "ListTables", 4),
        api("dynamodb", "DescribeContinuousBackups", 1, req: tableReq),
        api("dynamodb", "DescribeTimeToLive", 1, req: tableReq),
        api(
            "dynamodb", "ListTagsOfResource", 1.5,
            req: #"{"resourceArn":"arn:aws:dynamodb:$region:$acct:table/$table"}"#),
        api("dynamodb", "DescribeKinesisStreamingDestination", 0.5, req: tableReq),
        api(
            "dynamodb", "UpdateTable", 0.1, callers: [.automation, .human],
            req: #"{"tableName":"$table","billingMode":"PAY_PER_REQUEST"}"#),
        api("rds", "DescribeDBInstances", 5),
        api("rds", "DescribeDBClusters", 2),
        api(
            "rds", "DescribeDBSnapshots", 2,
            req: #"{"dBInstanceIdentifier":"$db","includeShared":false,"includePublic":false}"#),
        api("rds", "DescribeDBSubnetGroups", 1),
        api("rds", "ListTagsForResource", 1.5, req: #"{"resourceName":"arn:aws:rds:$region:$acct:db:$db"}"#),
        api("rds", "DescribeDBParameterGroups", 1),
        api("rds", "DescribeEvents", 1, req: #"{"duration":60}"#),
        api(
            "rds", "CreateDBSnapshot", 0.1, callers: [.automation, .service],
            req: #"{"dBSnapshotIdentifier":"$db-$hex8","dBInstanceIdentifier":"$db"}"#,
            resp:
                #"{"dBSnapshotIdentifier":"$db-$hex8","dBInstanceIdentifier":"$db","engine":"postgres","allocatedStorage":200,"status":"creating","port":5432,"availabilityZone":"$az","vpcId":"$vpc","masterUsername":"app","engineVersion":"13.4","licenseModel":"postgresql-license","snapshotType":"manual","storageType":"gp2","encrypted":true,"kmsKeyId":"arn:aws:kms:$region:$acct:key/$kms","dBSnapshotArn":"arn:aws:rds:$region:$acct:snapshot:$db-$hex8","iAMDatabaseAuthenticationEnabled":false,"dbiResourceId":"db-$hex8"}"#
        ),
        api("elasticache", "DescribeCacheClusters", 1, req: #"{"showCacheNodeInfo":true}"#),
        api("es", "DescribeElasticsearchDomain", 0.5, req: #"{"domainName":"$app-search"}"#),
        api("sqs", "GetQueueAttributes", 6, req: queueReq),
        api("sqs", "ListQueues", 3),
        api("sqs", "ListQueueTags", 1, req: #"{"queueUrl":"https://sqs.$region.amazonaws.com/$acct/$queue"}"#),
        api(
            "sqs", "SetQueueAttributes", 0.1, callers: [.automation, .human],
            req:
                #"{"queueUrl":"https://sqs.$region.amazonaws.com/$acct/$queue","attributes":{"VisibilityTimeout":"300"}}"#
        ),
        api("sns", "ListTopics", 3),
        api("sns", "GetTopicAttributes", 3, req: #"{"topicArn":"arn:aws:sns:$region:$acct:$topic"}"#),
        api("sns", "ListSubscriptionsByTopic", 1.5, req: #"{"topicArn":"arn:aws:sns:$region:$acct:$topic"}"#),
        api("sns", "ListTagsForResource", 1, req: #"{"resourceArn":"arn:aws:sns:$region:$acct:$topic"}"#),
        api("kinesis", "DescribeStream", 1.5, req: #"{"streamName":"$app-events"}"#),
        api("kinesis", "ListStreams", 1),
        api(
            "athena", "StartQueryExecution", 0.4, callers: [.automation, .human], readOnly: false,
            req:
                #"{"queryString":"SELECT eventname, count(*) FROM cloudtrail_logs WHERE timestamp = '2022/01/22' GROUP BY 1","clientRequestToken":"$uuid2","queryExecutionContext":{"database":"default"},"workGroup":"primary"}"#,
            resp: #"{"queryExecutionId":"$uuid2"}"#),
        api("athena", "GetQueryExecution", 1.2, req: #"{"queryExecutionId":"$uuid2"}"#),
        api("athena", "GetQueryResults", 0.6, req: #"{"queryExecutionId":"$uuid2","maxResults":1000}"#),
        api("glue", "GetTable", 1, req: #"{"databaseName":"$app","name":"$table"}"#),
        api("glue", "GetDatabase", 0.8, req: #"{"name":"$app"}"#),
        api(
            "glue", "GetPartitions", 0.8,
            req: #"{"databaseName":"$app","tableName":"$table","expression":"dt >= '2022-01-01'"}"#),
        api("backup", "ListBackupPlans", 0.5),
        api(
            "backup", "StartBackupJob", 0.2, callers: [.service, .automation], readOnly: false,
            req:
                #"{"backupVaultName":"Default","resourceArn":"arn:aws:dynamodb:$region:$acct:table/$table","iamRoleArn":"arn:aws:iam::$acct:role/$role","idempotencyToken":"$uuid2"}"#,
            resp: #"{"backupJobId":"$uuid2","creationDate":"$expiry","isParent":false}"#),
    ]

    static let platform: [APIRow] = [
        api(
            "logs", "CreateLogStream", 15, callers: [.automation, .service], readOnly: false, errorRate: 0.03,
            error: ("ResourceAlreadyExistsException", "The specified log stream already exists"),
            req: #"{"logGroupName":"$loggroup","logStreamName":"$logstream"}"#),
        api("logs", "DescribeLogGroups", 6),
        api(
            "logs", "DescribeLogStreams", 10,
            req: #"{"logGroupName":"$loggroup","orderBy":"LastEventTime","descending":true,"limit":50}"#),
        api(
            "logs", "CreateLogGroup", 1, errorRate: 0.3,
            error: ("ResourceAlreadyExistsException", "The specified log group already exists"), req: logGroupReq),
        api("logs", "PutRetentionPolicy", 0.2, req: #"{"logGroupName":"$loggroup","retentionInDays":30}"#),
        api(
            "logs", "FilterLogEvents", 2,
            req: #"{"logGroupName":"$loggroup","startTime":$epochms,"filterPattern":"ERROR","interleaved":true}"#),
        api(
            "logs", "GetLogEvents", 2,
            req: #"{"logGroupName":"$loggroup","logStreamName":"$logstream","startFromHead":false}"#),
        api(
            "logs", "StartQuery", 0.8,
            req:
                #"{"logGroupName":"$loggroup","startTime":$epochms,"endTime":$epochms,"queryString":"fields @timestamp, @message | sort @timestamp desc | limit 20"}"#,
            resp: #"{"queryId":"$uuid2"}"#),
        api("logs", "DescribeSubscriptionFilters", 2, req: logGroupReq),
        api("logs", "ListTagsLogGroup", 2, req: logGroupReq),
        api("monitoring", "DescribeAlarms", 12, req: #"{"alarmNames":["$alarm"]}"#),
        api(
            "monitoring", "GetMetricData", 10,
            req:
                #"{"metricDataQueries":[{"id":"m1","metricStat":{"metric":{"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[{"name":"InstanceId","value":"$instance"}]},"period":300,"stat":"Average"},"returnData":true}],"startTime":"$time","endTime":"$time"}"#
        ),
        api("monitoring", "ListMetrics", 5, req: #"{"namespace":"AWS/EC2","metricName":"CPUUtilization"}"#),
        api(
            "monitoring", "GetMetricStatistics", 6,
            req:
                #"{"namespace":"AWS/ApplicationELB","metricName":"RequestCount","dimensions":[{"name":"LoadBalancer","value":"app/$app-alb/$hex8"}],"startTime":"$time","endTime":"$time","period":60,"statistics":["Sum"]}"#
        ),
        api("monitoring", "DescribeAlarmHistory", 1, req: #"{"alarmName":"$alarm","historyItemType":"StateUpdate"}"#),
        api(
            "monitoring", "PutMetricAlarm", 0.3, callers: [.automation, .human],
            req:
                #"{"alarmName":"$alarm","metricName":"CPUUtilization","namespace":"AWS/EC2","statistic":"Average","period":300,"evaluationPeriods":3,"threshold":80.0,"comparisonOperator":"GreaterThanThreshold","alarmActions":["arn:aws:sns:$region:$acct:$topic"]}"#
        ),
        api(
            "ssm", "GetParameter", 10, errorRate: 0.03, error: ("ParameterNotFound", "Parameter not found"),
            req: #"{"name":"$param","withDecryption":true}"#),
        api("ssm", "GetParameters", 8, req: #"{"names":["$param"],"withDecryption":true}"#),
        api(
            "ssm", "GetParametersByPath", 5, req: #"{"path":"/production/$app","recursive":true,"withDecryption":true}"#
        ),
        api("ssm", "DescribeParameters", 2),
        api(
            "ssm", "DescribeInstanceInformation", 6, req: #"{"filters":[{"key":"InstanceIds","values":["$instance"]}]}"#
        ),
        api(
            "ssm", "UpdateInstanceInformation", 8, callers: [.automation], readOnly: false,
            req:
                #"{"instanceId":"$instance","agentVersion":"3.1.821.0","agentName":"amazon-ssm-agent","platformType":"Linux","platformName":"Amazon Linux","platformVersion":"2","iPAddress":"$privip","computerName":"ip-$hex8.$region.compute.internal","agentStatus":"Active","availabilityZone":"$az","availabilityZoneId":"use1-az4"}"#
        ),
        api(
            "ssm", "ListAssociations", 4,
            req: #"{"associationFilterList":[{"key":"InstanceId","value":"$instance"}],"maxResults":50}"#),
        api("ssm", "ListTagsForResource", 1, req: #"{"resourceType":"Parameter","resourceId":"$param"}"#),
        api(
            "ssm", "SendCommand", 0.1, callers: [.automation, .human],
            req:
                #"{"instanceIds":["$instance"],"documentName":"AWS-RunShellScript","parameters":"HIDDEN_DUE_TO_SECURITY_REASONS","interactive":false}"#,
            resp:
                #"{"command":{"commandId":"$uuid2","documentName":"AWS-RunShellScript","documentVersion":"$DEFAULT","comment":"","expiresAfter":"$expiry","parameters":"HIDDEN_DUE_TO_SECURITY_REASONS","instanceIds":["$instance"],"targets":[],"requestedDateTime":"$expiry","status":"Pending","statusDetails":"Pending","outputS3Region":"$region","maxConcurrency":"50","maxErrors":"0","targetCount":1,"completedCount":0,"errorCount":0,"deliveryTimedOutCount":0,"serviceRole":"","notificationConfig":{"notificationArn":"","notificationEvents":[],"notificationType":""},"cloudWatchOutputConfig":{"cloudWatchLogGroupName":"","cloudWatchOutputEnabled":false},"timeoutSeconds":3600,"interactive":false}}"#
        ),
        api(
            "ssm", "StartSession", 0.1, callers: [.human], readOnly: false, req: #"{"target":"$instance"}"#,
            resp:
                #"{"sessionId":"$session-$hex8","tokenValue":"Value hidden due to security reasons.","streamUrl":"wss://ssmmessages.$region.amazonaws.com/v1/data-channel/$session-$hex8?role=publish_subscribe"}"#
        ),
        api("cloudformation", "DescribeStacks", 5, req: stackReq),
        api("cloudformation", "ListStacks", 2),
        api("cloudformation", "DescribeStackEvents", 3, req: stackReq),
        api("cloudformation", "GetTemplate", 1, req: stackReq),
        api("cloudformation", "DescribeStackResources", 2, req: stackReq),
        api("cloudformation", "ListStackResources", 2, req: stackReq),
        api("cloudformation", "DescribeChangeSet", 0.3, req: #"{"changeSetName":"$stack-$hex8","stackName":"$stack"}"#),
        api(
            "cloudformation", "CreateChangeSet", 0.1, callers: [.automation, .human],
            req:
                #"{"stackName":"$stack","templateURL":"https://$bucket.s3.amazonaws.com/$objkey","changeSetName":"$stack-$hex8","changeSetType":"UPDATE","capabilities":["CAPABILITY_IAM"]}"#,
            resp:
                #"{"id":"arn:aws:cloudformation:$region:$acct:changeSet/$stack-$hex8/$uuid2","stackId":"arn:aws:cloudformation:$region:$acct:stack/$stack/$uuid"}"#
        ),
        api(
            "cloudformation", "UpdateStack", 0.1, callers: [.automation, .human],
            req: #"{"stackName":"$stack","usePreviousTemplate":true,"capabilities":["CAPABILITY_NAMED_IAM"]}"#,
            resp: #"{"stackId":"arn:aws:cloudformation:$region:$acct:stack/$stack/$uuid"}"#),
        api("route53", "ListHostedZones", 2),
        api("route53", "ListResourceRecordSets", 3, req: #"{"hostedZoneId":"Z0$hex8","maxItems":"300"}"#),
        api("route53", "GetHostedZone", 1, req: #"{"id":"Z0$hex8"}"#),
        api("route53", "GetChange", 0.5, req: #"{"id":"C0$hex8"}"#),
        api(
            "route53", "ChangeResourceRecordSets", 0.3, callers: [.automation, .human],
            req:
                #"{"hostedZoneId":"Z0$hex8","changeBatch":{"changes":[{"action":"UPSERT","resourceRecordSet":{"name":"$app.example.com","type":"A","aliasTarget":{"hostedZoneId":"Z35SXDOTRQ7X7K","dNSName":"$app-alb-$hex8.$region.elb.amazonaws.com","evaluateTargetHealth":true}}}]}}"#,
            resp: #"{"changeInfo":{"id":"/change/C0$hex8","status":"PENDING","submittedAt":"$expiry"}}"#),
        api("cloudfront", "ListDistributions", 1),
        api("cloudfront", "GetDistribution", 0.5, req: #"{"id":"E$hex8"}"#),
        api("acm", "ListCertificates", 2),
        api(
            "acm", "DescribeCertificate", 1.5,
            req: #"{"certificateArn":"arn:aws:acm:$region:$acct:certificate/$uuid2"}"#),
        api("apigateway", "GetRestApis", 1),
        api("apigateway", "GetStages", 1, req: #"{"restApiId":"$hex8"}"#),
        api("events", "ListRules", 1.5),
        api("events", "DescribeRule", 1, req: #"{"name":"$app-schedule"}"#),
    ]
}

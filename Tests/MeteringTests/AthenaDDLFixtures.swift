/// Athena `CREATE EXTERNAL TABLE` statements for CloudTrail in the shapes the Athena User Guide
/// documents (docs.aws.amazon.com/athena/latest/ug/cloudtrail-logs.html: "Create a table for
/// CloudTrail logs in Athena using manual partitioning", "Create a table for an organization wide
/// trail using manual partitioning", "Create the table for CloudTrail logs in Athena using
/// partition projection", and the console's "Create Athena table" from the CloudTrail event
/// history), written for these tests from those descriptions: bucket and account are the
/// documentation's placeholders.
enum AthenaDDLFixtures {
    /// The column list every shape shares, with `requestParameters` and `additionalEventData`
    /// declared as given.
    static func columns(requestParameters: String = "STRING", additionalEventData: String = "STRING") -> String {
        """
        (
            eventVersion STRING,
            userIdentity STRUCT<
                type: STRING,
                principalId: STRING,
                arn: STRING,
                accountId: STRING,
                invokedBy: STRING,
                accessKeyId: STRING,
                userName: STRING,
                sessionContext: STRUCT<
                    attributes: STRUCT<
                        mfaAuthenticated: STRING,
                        creationDate: STRING>,
                    sessionIssuer: STRUCT<
                        type: STRING,
                        principalId: STRING,
                        arn: STRING,
                        accountId: STRING,
                        userName: STRING>,
                    ec2RoleDelivery: STRING,
                    webIdFederationData: MAP<STRING,STRING>>>,
            eventTime STRING,
            eventSource STRING,
            eventName STRING,
            awsRegion STRING,
            sourceIpAddress STRING,
            userAgent STRING,
            errorCode STRING,
            errorMessage STRING,
            requestParameters \(requestParameters),
            responseElements STRING,
            additionalEventData \(additionalEventData),
            requestId STRING,
            eventId STRING,
            resources ARRAY<STRUCT<
                arn: STRING,
                accountId: STRING,
                type: STRING>>,
            eventType STRING,
            apiVersion STRING,
            readOnly STRING,
            recipientAccountId STRING,
            serviceEventDetails STRING,
            sharedEventID STRING,
            vpcEndpointId STRING,
            tlsDetails STRUCT<
                tlsVersion: STRING,
                cipherSuite: STRING,
                clientProvidedHostHeader: STRING>
        )
        """
    }

    static let serde = """
        ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
        STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
        OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
        """

    /// The console's table: no partitions, every query reads the whole trail.
    static let console = """
        CREATE EXTERNAL TABLE cloudtrail_logs_amzn_s3_demo_bucket \(columns())
        COMMENT 'CloudTrail table for amzn-s3-demo-bucket bucket'
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/'
        TBLPROPERTIES ('classification'='cloudtrail');
        """

    /// Manual partitions, added with ALTER TABLE ... ADD PARTITION per region and day.
    static let manual = """
        CREATE EXTERNAL TABLE cloudtrail_logs \(columns())
        COMMENT 'CloudTrail table for amzn-s3-demo-bucket bucket'
        PARTITIONED BY (region string, year string, month string, day string)
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/'
        TBLPROPERTIES ('classification'='cloudtrail');
        """

    /// Partition projection on `timestamp` alone (the documented example fixes account and
    /// region in the location).
    static let projectedTimestamp = """
        CREATE EXTERNAL TABLE cloudtrail_logs_pp \(columns())
        PARTITIONED BY (
           `timestamp` string)
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1'
        TBLPROPERTIES (
          'projection.enabled'='true',
          'projection.timestamp.format'='yyyy/MM/dd',
          'projection.timestamp.interval'='1',
          'projection.timestamp.interval.unit'='DAYS',
          'projection.timestamp.range'='2020/01/01,NOW',
          'projection.timestamp.type'='date',
          'storage.location.template'='s3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/${timestamp}')
        """

    /// Partition projection on account, region and day, under an organization trail's prefix,
    /// with the partition columns named as a team might (`acct`, `rgn`, `dt`): the template and
    /// the projection types tell what each stands for.
    static let projectedAccountRegion = """
        CREATE EXTERNAL TABLE org_trail (eventTime STRING, eventName STRING, awsRegion STRING, recipientAccountId STRING)
        PARTITIONED BY (acct string, rgn string, dt string)
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/o-exampleorg/'
        TBLPROPERTIES (
          'projection.enabled'='true',
          'projection.acct.type'='enum',
          'projection.acct.values'='111122223333,444455556666',
          'projection.rgn.type'='enum',
          'projection.rgn.values'='us-east-1,eu-west-1,ap-northeast-1',
          'projection.dt.type'='date',
          'projection.dt.format'='yyyy/MM/dd',
          'projection.dt.range'='2022/01/01,NOW',
          'projection.dt.interval'='1',
          'projection.dt.interval.unit'='DAYS',
          'storage.location.template'='s3://amzn-s3-demo-bucket/AWSLogs/o-exampleorg/${acct}/CloudTrail/${rgn}/${dt}')
        """

    /// The console table with `requestParameters` and `additionalEventData` declared as structs
    /// of the S3 data-event fields, queried with dot paths.
    static let structRequestParameters = """
        CREATE EXTERNAL TABLE cloudtrail_s3_data \(columns(
            requestParameters: "STRUCT<bucketName: STRING, Host: STRING, key: STRING>",
            additionalEventData: "STRUCT<SignatureVersion: STRING, CipherSuite: STRING, bytesTransferredIn: BIGINT, bytesTransferredOut: BIGINT, AuthenticationMethod: STRING, `x-amz-id-2`: STRING>"))
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/'
        """
}

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

    /// Partition projection over a copy of the logs whose keys drop `AWSLogs/`: the account is
    /// the segment just before `CloudTrail` (`acct_no`), the day a projected date (`day_key`).
    static let projectedCopyWithoutAWSLogs = """
        CREATE EXTERNAL TABLE trail_copy (eventTime STRING, eventName STRING, awsRegion STRING)
        PARTITIONED BY (acct_no string, region string, day_key string)
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/trail-copy/'
        TBLPROPERTIES (
          'projection.enabled'='true',
          'projection.acct_no.type'='injected',
          'projection.region.type'='enum',
          'projection.region.values'='us-east-1,eu-west-1',
          'projection.day_key.type'='date',
          'projection.day_key.format'='yyyy/MM/dd',
          'projection.day_key.range'='2022/01/01,NOW',
          'storage.location.template'='s3://amzn-s3-demo-bucket/trail-copy/${acct_no}/CloudTrail/${region}/${day_key}')
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

extension AthenaDDLFixtures {
    /// The partition-projection table of the Athena User Guide ("Create the table for CloudTrail
    /// logs in Athena using partition projection"), columns as the guide lists them today, with
    /// its `account-id` and `aws-region` placeholders filled in: LOCATION and template fix one
    /// account and one region, and `timestamp` is projected.
    static func documentedProjection(account: String = "111122223333", region: String = "us-east-1") -> String {
        """
        CREATE EXTERNAL TABLE cloudtrail_logs_pp(
            eventversion STRING,
            useridentity STRUCT<
                type: STRING,
                principalid: STRING,
                arn: STRING,
                accountid: STRING,
                invokedby: STRING,
                accesskeyid: STRING,
                username: STRING,
                onbehalfof: STRUCT<
                     userid: STRING,
                     identitystorearn: STRING>,
                sessioncontext: STRUCT<
                    attributes: STRUCT<
                        mfaauthenticated: STRING,
                        creationdate: STRING>,
                    sessionissuer: STRUCT<
                        type: STRING,
                        principalid: STRING,
                        arn: STRING,
                        accountid: STRING,
                        username: STRING>,
                    ec2roledelivery:string,
                    webidfederationdata: STRUCT<
                        federatedprovider: STRING,
                        attributes: map<string,string>>
                >
            >,
            eventtime STRING,
            eventsource STRING,
            eventname STRING,
            awsregion STRING,
            sourceipaddress STRING,
            useragent STRING,
            errorcode STRING,
            errormessage STRING,
            requestparameters STRING,
            responseelements STRING,
            additionaleventdata STRING,
            requestid STRING,
            eventid STRING,
            readonly STRING,
            resources ARRAY<STRUCT<
                arn: STRING,
                accountid: STRING,
                type: STRING>>,
            eventtype STRING,
            apiversion STRING,
            recipientaccountid STRING,
            serviceeventdetails STRING,
            sharedeventid STRING,
            vpcendpointid STRING,
            vpcendpointaccountid STRING,
            eventcategory STRING,
            addendum STRUCT<
              reason:STRING,
              updatedfields:STRING,
              originalrequestid:STRING,
              originaleventid:STRING>,
            sessioncredentialfromconsole STRING,
            edgedevicedetails STRING,
            tlsdetails STRUCT<
              tlsversion:STRING,
              ciphersuite:STRING,
              clientprovidedhostheader:STRING>
          )
        PARTITIONED BY (
           `timestamp` string)
        ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
        STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
        OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
        LOCATION
          's3://amzn-s3-demo-bucket/AWSLogs/\(account)/CloudTrail/\(region)'
        TBLPROPERTIES (
          'projection.enabled'='true',
          'projection.timestamp.format'='yyyy/MM/dd',
          'projection.timestamp.interval'='1',
          'projection.timestamp.interval.unit'='DAYS',
          'projection.timestamp.range'='2020/01/01,NOW',
          'projection.timestamp.type'='date',
          'storage.location.template'='s3://amzn-s3-demo-bucket/AWSLogs/\(account)/CloudTrail/\(region)/${timestamp}')
        """
    }

    /// A table that fixes the account and projects the region and the day (the guide's
    /// projection table with an `enum` region projection added, as teams write it).
    static func accountWithProjectedRegion(account: String) -> String {
        """
        CREATE EXTERNAL TABLE cloudtrail_account (eventtime STRING, eventname STRING, awsregion STRING,
            recipientaccountid STRING, eventtype STRING)
        PARTITIONED BY (region string, `timestamp` string)
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/\(account)/CloudTrail/'
        TBLPROPERTIES (
          'projection.enabled'='true',
          'projection.region.type'='enum',
          'projection.region.values'='us-east-1,eu-west-1',
          'projection.timestamp.type'='date',
          'projection.timestamp.format'='yyyy/MM/dd',
          'projection.timestamp.range'='2022/01/01,NOW',
          'projection.timestamp.interval'='1',
          'projection.timestamp.interval.unit'='DAYS',
          'storage.location.template'='s3://amzn-s3-demo-bucket/AWSLogs/\(account)/CloudTrail/${region}/${timestamp}')
        """
    }

    /// The console's table over one member account of an organization trail.
    static func organizationMember(organization: String, account: String) -> String {
        """
        CREATE EXTERNAL TABLE org_member \(columns())
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/\(organization)/\(account)/CloudTrail/'
        """
    }

    /// A table over the whole of one account's prefix (`AWSLogs/<account>/`): it stops before
    /// the trail folder, so Athena reads the Insights deliveries too.
    static func accountPrefix(account: String) -> String {
        """
        CREATE EXTERNAL TABLE account_prefix (eventtime STRING, eventtype STRING, recipientaccountid STRING)
        \(serde)
        LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/\(account)/'
        """
    }
}

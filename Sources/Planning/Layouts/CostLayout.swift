/// The ways of querying CloudTrail logs that a comparison prices side by side.
public enum CostLayout: String, CaseIterable, Sendable, Comparable {
    /// Athena over the raw gzip logs with the table the CloudTrail console creates: every query
    /// reads every retained file.
    case athenaUnpartitioned = "athena-unpartitioned"
    /// Athena over the raw gzip logs with AWS's partition-projection table (`timestamp`, region).
    case athenaProjected = "athena-projected"
    /// CloudTrail Lake, one-year extendable retention pricing.
    case lakeOneYear = "lake-one-year"
    /// CloudTrail Lake, seven-year retention pricing.
    case lakeSevenYear = "lake-seven-year"
    /// Athena over a columnar (ORC/Parquet) copy partitioned by date, kept and converted by the user.
    case selfManagedLake = "self-managed-lake"
    /// CloudWatch Logs, Standard class, queried with Logs Insights.
    case cloudWatchStandard = "cloudwatch-standard"
    /// CloudWatch Logs, Infrequent Access class, queried with Logs Insights.
    case cloudWatchInfrequentAccess = "cloudwatch-infrequent-access"
    /// CloudTrail Lake until a given month, then a one-time export into CloudWatch Logs and
    /// CloudWatch from then on (for existing Lake customers; compared against staying on Lake).
    case lakeToCloudWatch = "lake-to-cloudwatch"

    /// The type that prices this layout. The one switch a new layout must extend.
    var priced: any PricedLayout {
        switch self {
        case .athenaUnpartitioned: return AthenaRawLayout(table: .unpartitioned)
        case .athenaProjected: return AthenaRawLayout(table: .projected)
        case .lakeOneYear: return CloudTrailLakeLayout(option: .oneYearExtendable)
        case .lakeSevenYear: return CloudTrailLakeLayout(option: .sevenYear)
        case .selfManagedLake: return SelfManagedLakeLayout()
        case .cloudWatchStandard: return CloudWatchLogsLayout(logClass: .standard)
        case .cloudWatchInfrequentAccess: return CloudWatchLogsLayout(logClass: .infrequentAccess)
        case .lakeToCloudWatch: return LakeToCloudWatchMoveLayout()
        }
    }

    /// A short title for tables and charts.
    public var title: String { priced.title }

    /// The AWS service that bills its scans (FOCUS `ServiceName` of scan lines).
    public var scanServiceName: String { priced.scanServiceName }

    /// True for the CloudTrail Lake layouts, which new AWS accounts can no longer enable.
    public var isCloudTrailLake: Bool { !priced.isOpenToNewCustomers }

    public static func < (lhs: CostLayout, rhs: CostLayout) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The columns of the monthly table a cost line adds to.
public enum CostCategory: String, CaseIterable, Sendable {
    /// Getting events into the layout: Lake ingest, a one-time backfill, converting logs to columnar.
    case ingest
    /// Keeping data: S3 storage, Lake retention past the included period.
    case storage
    /// Query scans.
    case scans
    /// S3 requests made by reads and writes.
    case requests
}

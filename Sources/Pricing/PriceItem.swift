/// One billable thing: a service (named by its AWS Price List offer code) and an item within it.
///
/// The catalogue is closed: the tables may only name items listed in ``all``, so a typo in a
/// hand-edited table is an error rather than a rate nobody asks for.
public struct PriceItem: Hashable, Sendable, CustomStringConvertible {
    /// AWS Price List offer code, e.g. `AmazonAthena`.
    public let service: String
    /// TrailMeter's name for the item, e.g. `sql-scan`.
    public let name: String

    public init(service: String, name: String) {
        self.service = service
        self.name = name
    }

    public var description: String { "\(service)/\(name)" }

    // MARK: Athena

    /// Athena SQL queries, per TB scanned (billing rules in ``AthenaScanBilling``).
    public static let athenaSQLScan = PriceItem(service: "AmazonAthena", name: "sql-scan")
    /// Athena provisioned capacity, per DPU-hour reserved (minimums in ``AthenaProvisionedCapacityRules``);
    /// queries on a reservation are not billed per TB scanned.
    public static let athenaProvisionedCapacity = PriceItem(service: "AmazonAthena", name: "provisioned-capacity")

    // MARK: CloudTrail trails

    /// Additional copies of management events delivered by trails (the first copy is free).
    public static let trailManagementEventCopies = PriceItem(service: "AWSCloudTrail", name: "trail-management-copy")
    /// Data events delivered by trails.
    public static let trailDataEvents = PriceItem(service: "AWSCloudTrail", name: "trail-data-events")
    /// Network activity events (VPC endpoint activity) delivered by trails.
    public static let trailNetworkActivityEvents = PriceItem(
        service: "AWSCloudTrail", name: "trail-network-activity-events")
    /// CloudTrail Insights, per event analysed for unusual activity.
    public static let insightsEventsAnalyzed = PriceItem(service: "AWSCloudTrail", name: "insights-events-analyzed")

    // MARK: CloudTrail Lake

    /// Lake ingest of CloudTrail events, one-year extendable retention option (uncompressed GB).
    public static let lakeIngestCloudTrailOneYear = PriceItem(
        service: "AWSCloudTrail", name: "lake-ingest-cloudtrail-one-year")
    /// Lake ingest of other sources and of logs imported from S3, one-year extendable option.
    public static let lakeIngestOtherOneYear = PriceItem(service: "AWSCloudTrail", name: "lake-ingest-other-one-year")
    /// Lake retention beyond the included days, one-year extendable option (compressed GB-month).
    public static let lakeExtendedRetention = PriceItem(service: "AWSCloudTrail", name: "lake-extended-retention")
    /// Lake ingest under the seven-year retention option, tiered by monthly volume.
    public static let lakeIngestSevenYear = PriceItem(service: "AWSCloudTrail", name: "lake-ingest-seven-year")
    /// Lake queries, per compressed GB scanned.
    public static let lakeScan = PriceItem(service: "AWSCloudTrail", name: "lake-scan")

    // MARK: CloudWatch Logs

    /// Ingest into a log group of the Standard log class (uncompressed GB).
    public static let logsIngestStandard = PriceItem(service: "AmazonCloudWatch", name: "logs-ingest-standard")
    /// Ingest into a log group of the Infrequent Access log class (uncompressed GB); also the class a
    /// Lake event data store's "Export to CloudWatch" writes into.
    public static let logsIngestInfrequentAccess = PriceItem(
        service: "AmazonCloudWatch", name: "logs-ingest-infrequent-access")
    /// Log storage ("archived" logs), per compressed GB-month, either log class.
    public static let logsStorage = PriceItem(service: "AmazonCloudWatch", name: "logs-storage")
    /// Logs Insights queries, per GB of log events scanned.
    public static let logsInsightsScan = PriceItem(service: "AmazonCloudWatch", name: "logs-insights-scan")

    // MARK: S3

    /// S3 Standard storage, tiered by monthly volume.
    public static let s3StandardStorage = PriceItem(service: "AmazonS3", name: "standard-storage")
    /// S3 Standard GET (and SELECT and other tier-2) requests.
    public static let s3GetRequests = PriceItem(service: "AmazonS3", name: "get-requests")
    /// S3 Standard PUT, COPY, POST and LIST requests.
    public static let s3PutListRequests = PriceItem(service: "AmazonS3", name: "put-list-requests")

    /// Every item the tables may price, in the order `pricing show` prints them.
    public static let all: [PriceItem] = [
        .athenaSQLScan, .athenaProvisionedCapacity,
        .lakeIngestCloudTrailOneYear, .lakeIngestOtherOneYear, .lakeExtendedRetention,
        .lakeIngestSevenYear, .lakeScan,
        .trailManagementEventCopies, .trailDataEvents, .trailNetworkActivityEvents, .insightsEventsAnalyzed,
        .logsIngestStandard, .logsIngestInfrequentAccess, .logsStorage, .logsInsightsScan,
        .s3StandardStorage, .s3GetRequests, .s3PutListRequests,
    ]

    /// The offer codes of the services in ``all``.
    public static let serviceNames: [String] = {
        var seen: [String] = []
        for item in all where !seen.contains(item.service) { seen.append(item.service) }
        return seen
    }()
}

/// The fields of the records CloudTrail Lake keeps besides CloudTrail events, as its "supported
/// SQL schemas" page lists them for each kind of event data store. Top-level fields these records
/// share with CloudTrail events (`eventVersion`, `eventCategory`, `eventType`, `eventID`,
/// `eventTime`, `awsRegion`, `recipientAccountId`, `addendum`, `sharedEventID`, `insightDetails`)
/// use CloudTrail's columns; the rest are the columns below.
///
/// - AWS Config configuration items (`eventCategory` `ConfigurationItem`): the item under
///   `eventData`, as AWS Config records it (`eventData.resourceType`, `eventData.configuration`).
/// - Integration events (`eventCategory` `ActivityAuditLog`, sent with `PutAuditEvents`): the
///   caller's event under `eventData` (`eventData.eventSource`, `eventData.userIdentity.details`),
///   and `metadata` with the channel and the ingestion time CloudTrail adds.
/// - Insights events of an event data store (`eventCategory` `Insight`): `insightSource` and
///   `insightState` beside the trail's `insightDetails`.
public enum LakeRecordColumns {
    /// Every column, in storage order (after CloudTrail's).
    public static let all: [EventColumn] = configurationItem + integration + insights

    /// `eventData` of an AWS Config configuration item.
    static let configurationItem: [EventColumn] = {
        let text = [
            "configurationItemVersion", "configurationItemCaptureTime", "configurationItemStatus",
            "configurationStateId", "accountId", "resourceType", "resourceId", "resourceName", "arn", "awsRegion",
            "availabilityZone", "resourceCreationTime",
        ]
        let json = ["configuration", "supplementaryConfiguration", "relatedEvents", "relationships", "tags"]
        return text.map { column(["eventData", $0]) } + json.map { column(["eventData", $0], .json) }
    }()

    /// `eventData` and `metadata` of an integration event; `eventData.userIdentity.details` and the
    /// three request/response/additional objects are maps, as in CloudTrail events.
    static let integration: [EventColumn] = {
        let identity = ["eventData", "userIdentity"]
        var columns = [column(["eventData", "version"])]
        columns += [
            column(identity + ["type"]), column(identity + ["principalId"]), column(identity + ["details"], .json),
        ]
        columns += ["userAgent", "eventSource", "eventName", "eventTime", "UID"].map { column(["eventData", $0]) }
        columns += [
            column(["eventData", "requestParameters"], .json), column(["eventData", "responseElements"], .json),
        ]
        columns += ["errorCode", "errorMessage", "sourceIPAddress", "recipientAccountId"].map {
            column(["eventData", $0])
        }
        columns.append(column(["eventData", "additionalEventData"], .json))
        columns += [column(["metadata", "ingestionTime"]), column(["metadata", "channelARN"])]
        return columns
    }()

    /// Fields of Insights events as an event data store records them.
    static let insights: [EventColumn] = [column(["insightSource"]), column(["insightState"])]

    /// Lake columns that hold a JSON array's text rather than a map (Lake types them as arrays).
    public static let arrayColumns: Set<String> = ["eventdata.relatedevents", "eventdata.relationships"]

    private static func column(_ path: [String], _ kind: ColumnKind = .text) -> EventColumn {
        EventColumn(path, kind, family: .otherEventDataStores)
    }
}

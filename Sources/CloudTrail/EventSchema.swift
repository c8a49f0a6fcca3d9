/// How a column's text is to be read. Every value is stored as text (JSON scalars as their JSON
/// spelling, objects and arrays as JSON text); the kind tells each SQL dialect how to type it.
public enum ColumnKind: String, Sendable, CaseIterable {
    /// A JSON string (or any scalar, kept as its JSON spelling).
    case text
    /// `eventTime`: an ISO-8601 string such as `2022-01-22T05:00:00Z`.
    case timestamp
    /// A JSON boolean, or the strings "true"/"false" some records carry instead.
    case boolean
    /// A JSON object or array kept as compact JSON text (maps, `resources`, the whole event).
    case json
}

/// Which records fill a column: CloudTrail's own events, or the other record shapes a CloudTrail
/// Lake event data store can hold.
public enum ColumnFamily: String, Sendable, CaseIterable {
    /// A field of CloudTrail events (management, data, network activity, Insights): the trail's
    /// columns, as Athena's table and Lake's CloudTrail event data stores have them.
    case cloudTrail
    /// A field only Lake's other event data stores have (`eventData.*` of AWS Config configuration
    /// items and of integration events sent with `PutAuditEvents`, `metadata.*`, the Lake Insights
    /// fields): absent from Athena's table and from `SELECT *`, and stored for a segment only when
    /// one of its events has a value, so that stores of CloudTrail events do not change.
    case otherEventDataStores
}

/// One flattened CloudTrail column: a lower-case dotted path (`useridentity.sessioncontext.sessionissuer.username`).
public struct EventColumn: Sendable, Hashable {
    /// Lower-case dotted path; the column's name in both dialects.
    public let name: String
    /// How the stored text is typed.
    public let kind: ColumnKind
    /// The path's components as CloudTrail spells them in JSON (`["userIdentity", "userName"]`); empty for `eventjson`.
    public let jsonPath: [String]
    /// Which records fill the column.
    public let family: ColumnFamily

    public init(_ jsonPath: [String], _ kind: ColumnKind = .text, family: ColumnFamily = .cloudTrail) {
        self.jsonPath = jsonPath
        self.kind = kind
        self.family = family
        self.name = jsonPath.map { $0.lowercased() }.joined(separator: ".")
    }

    init(name: String, kind: ColumnKind) {
        self.name = name
        self.kind = kind
        self.jsonPath = []
        self.family = .cloudTrail
    }

    /// True for a column a segment stores only when one of its events has a value in it (readers
    /// take a missing chunk as all NULL): the columns of other event data stores, and
    /// `emptyobjects`; so that a store of events that never fill them holds the chunks it held
    /// before they existed.
    public var isSparse: Bool { family == .otherEventDataStores || name == EventSchema.emptyObjectsName }
}

/// The columns TrailMeter stores for every event: CloudTrail's fields as the Athena DDL and the
/// CloudTrail Lake schema name them, struct fields flattened to dotted paths, map- and array-valued
/// fields kept as JSON text, and `eventjson`, the whole record, which keeps fields no schema knows;
/// then the fields of Lake's other event data stores (`LakeRecordColumns`).
public enum EventSchema {
    /// Stored columns, in storage order. Their index is the column id in the store.
    public static let columns: [EventColumn] = {
        let identity = ["userIdentity"]
        let session = identity + ["sessionContext"]
        let issuer = session + ["sessionIssuer"]
        let webIdentity = session + ["webIdFederationData"]
        var columns: [EventColumn] = [
            EventColumn(["eventVersion"])
        ]
        columns += [
            "type", "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy",
            "identityProvider", "credentialId",
        ].map { EventColumn(identity + [$0]) }
        columns += [
            EventColumn(session + ["attributes", "creationDate"]),
            EventColumn(session + ["attributes", "mfaAuthenticated"]),
        ]
        columns += ["type", "principalId", "arn", "accountId", "userName"].map { EventColumn(issuer + [$0]) }
        columns += [
            EventColumn(webIdentity + ["federatedProvider"]),
            EventColumn(webIdentity + ["attributes"], .json),
            EventColumn(session + ["sourceIdentity"]),
            EventColumn(session + ["ec2RoleDelivery"]),
            EventColumn(session + ["ec2IssuedInVPC"]),
            EventColumn(identity + ["onBehalfOf", "userId"]),
            EventColumn(identity + ["onBehalfOf", "identityStoreArn"]),
            EventColumn(identity + ["inScopeOf", "sourceArn"]),
            EventColumn(identity + ["inScopeOf", "sourceAccount"]),
            EventColumn(identity + ["inScopeOf", "issuerType"]),
            EventColumn(identity + ["inScopeOf", "credentialsIssuedTo"]),
            EventColumn(["eventTime"], .timestamp),
            EventColumn(["eventSource"]),
            EventColumn(["eventName"]),
            EventColumn(["awsRegion"]),
            EventColumn(["sourceIPAddress"]),
            EventColumn(["userAgent"]),
            EventColumn(["errorCode"]),
            EventColumn(["errorMessage"]),
            EventColumn(["requestParameters"], .json),
            EventColumn(["responseElements"], .json),
            EventColumn(["additionalEventData"], .json),
            EventColumn(["requestID"]),
            EventColumn(["eventID"]),
            EventColumn(["readOnly"], .boolean),
            EventColumn(["resources"], .json),
            EventColumn(["eventType"]),
            EventColumn(["apiVersion"]),
            EventColumn(["managementEvent"], .boolean),
            EventColumn(["recipientAccountId"]),
            EventColumn(["sharedEventID"]),
            EventColumn(["annotation"]),
            EventColumn(["vpcEndpointId"]),
            EventColumn(["vpcEndpointAccountId"]),
            EventColumn(["serviceEventDetails"], .json),
            EventColumn(["addendum"], .json),
            EventColumn(["edgeDeviceDetails"], .json),
            EventColumn(["insightDetails"], .json),
            EventColumn(["eventCategory"]),
            EventColumn(["tlsDetails", "tlsVersion"]),
            EventColumn(["tlsDetails", "cipherSuite"]),
            EventColumn(["tlsDetails", "clientProvidedHostHeader"]),
            EventColumn(["sessionCredentialFromConsole"]),
            EventColumn(name: "eventjson", kind: .json),
        ]
        return columns + LakeRecordColumns.all + [EventColumn(name: emptyObjectsName, kind: .text)]
    }()

    /// The column that names, for each record, the known objects it holds without a field value
    /// (`"webIdFederationData": {}`): their codes (`emptyObjectCode`), joined by commas; NULL when
    /// there are none. The flattened columns cannot tell such an object from an absent one, and Athena prints
    /// the first as a row of nulls and the second as null; the rebuilt record keeps them too. No
    /// dialect's table has it. Stored only for segments where a record has one (`isSparse`).
    public static let emptyObjectsName = "emptyobjects"

    /// Column index by lower-case name.
    public static let indexByName: [String: Int] = Dictionary(
        uniqueKeysWithValues: columns.enumerated().map { ($0.element.name, $0.offset) })

    /// Index of `eventtime`, the column segments are ordered and pruned by.
    public static let eventTimeIndex = indexByName["eventtime"]!
    /// Index of `eventjson`, the whole record as compact JSON.
    public static let eventJSONIndex = indexByName["eventjson"]!
    /// Index of `emptyobjects` (see `emptyObjectsName`).
    public static let emptyObjectsIndex = indexByName[emptyObjectsName]!

    /// The code `emptyobjects` names the known object at `path` by (`useridentity.sessioncontext`:
    /// a small number, as text), nil when no column is flattened from an object there. Codes
    /// follow the columns' order, which the store format fixes.
    public static func emptyObjectCode(_ path: String) -> String? {
        FieldTable.cloudTrail.levelPaths.firstIndex(of: Array(path.utf8)).map { String($0) }
    }
}

import CloudTrail

/// A Trino type as far as translation needs to know it.
indirect enum SQLType: Equatable {
    case unknown, varchar, bigint, double, boolean, timestamp, date, json, ipaddress, null
    /// `map<varchar, varchar>` kept as a JSON object's text.
    case map
    /// A struct kept as a JSON object's text; field access ignores case.
    case structure
    /// Kept as a JSON array's text.
    case array(SQLType)
    /// A constant interval: day-to-second (milliseconds) or year-to-month (months).
    case interval(months: Bool)
    /// Trino's DECIMAL with `scale` digits after the point (`100.0` is a decimal of scale 1):
    /// held as a REAL, computed exactly (`DecimalArithmetic`), printed with its scale.
    case decimal(scale: Int)
    /// Trino's VARBINARY, held as a BLOB.
    case varbinary

    var isNumeric: Bool {
        switch self {
        case .bigint, .double, .decimal: return true
        default: return false
        }
    }

    /// The scale of an exact number: a decimal's, 0 for a bigint; nil for anything else.
    var exactScale: Int? {
        switch self {
        case .bigint: return 0
        case .decimal(let scale): return scale
        default: return nil
        }
    }

    /// The element type of nested arrays (`double` for `array(array(double))`); the type itself
    /// when it is no array.
    var leafElement: SQLType {
        if case .array(let element) = self { return element.leafElement }
        return self
    }

    var name: String {
        switch self {
        case .unknown: return "unknown"
        case .varchar: return "varchar"
        case .bigint: return "bigint"
        case .double: return "double"
        case .boolean: return "boolean"
        case .timestamp: return "timestamp(3)"
        case .date: return "date"
        case .json: return "json"
        case .ipaddress: return "ipaddress"
        case .null: return "unknown"
        case .map: return "map(varchar, varchar)"
        case .structure: return "row"
        case .array(let element): return "array(\(element.name))"
        case .interval(let months): return months ? "interval year to month" : "interval day to second"
        case .decimal(let scale): return "decimal(38,\(scale))"
        case .varbinary: return "varbinary"
        }
    }
}

/// What each dialect's table offers: columns, their Trino types, Athena's partition columns.
public enum DialectSchema {
    /// Athena partition columns, hidden columns of the layout's table: `timestamp` (`yyyy/MM/dd`),
    /// `region`, `year`, `month`, `day`, `account`.
    public static let partitionColumns = ["timestamp", "region", "year", "month", "day", "account"]

    /// Hive's hidden columns of an Athena table that TrailMeter answers, per row from the log
    /// file that holds it: `"$path"` (the object's `s3://` URI) and `"$file_size"` (its bytes).
    /// Named only quoted, and never listed by `SELECT *`, as in Athena.
    public static let fileColumns = ["$path", "$file_size"]

    /// The type of file column `name`, nil for any other name.
    static func fileColumnType(_ name: String) -> SQLType? {
        switch name {
        case "$path": .varchar
        case "$file_size": .bigint
        default: nil
        }
    }

    /// Other names published Athena tables give the same partitions (AWS's security analytics
    /// bootstrap: `date_partition`, `region_partition`, `account_partition`; Chariot Solutions'
    /// projected tables: `ingest_date` for the `yyyy/MM/dd` day, `account_id`).
    public static let partitionAliases: [String: String] = [
        "date_partition": "timestamp", "region_partition": "region", "account_partition": "account",
        "dt": "timestamp", "ingest_date": "timestamp", "account_id": "account",
    ]

    /// Stored columns the Athena CloudTrail table does not declare.
    static let athenaAbsent: Set<String> = [
        "eventjson", "managementevent", "annotation", "insightdetails",
        "useridentity.identityprovider", "useridentity.sessioncontext.sourceidentity",
        "useridentity.sessioncontext.ec2issuedinvpc", "useridentity.inscopeof.sourcearn",
        "useridentity.inscopeof.sourceaccount", "useridentity.inscopeof.issuertype",
        "useridentity.inscopeof.credentialsissuedto",
    ]

    /// Lake columns TrailMeter does not store.
    static let notStored: Set<String> = ["eventjsonchecksum"]

    static let mapColumns: Set<String> = [
        "requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails",
        "addendum", "edgedevicedetails", "insightdetails", "useridentity.sessioncontext.webidfederationdata.attributes",
    ]

    /// Struct fields of one `resources` element, in each dialect's declared order (for
    /// `UNNEST(resources) AS t(a, b, c)`).
    static func resourceFields(_ dialect: Dialect) -> [String] {
        dialect == .lake ? ["accountid", "type", "arn", "arnprefix"] : ["arn", "accountid", "type"]
    }

    /// True when `dialect`'s table has `column` (Athena's CloudTrail table lacks `eventjson`,
    /// `managementevent`, ...). A layout may skip the others; queries cannot name them.
    public static func isAvailable(_ column: EventColumn, in dialect: Dialect) -> Bool {
        type(of: column, in: dialect) != nil
    }

    /// The Trino type `column` has in `dialect`, nil when the dialect's table lacks it.
    static func type(of column: EventColumn, in dialect: Dialect) -> SQLType? {
        if dialect == .athena, athenaAbsent.contains(column.name) { return nil }
        if column.name == EventSchema.emptyObjectsName { return nil }
        if column.family == .otherEventDataStores {
            // Lake only; JSON arrays stay text (json_extract and json_array_get read them).
            guard dialect == .lake else { return nil }
            if column.kind != .json || LakeRecordColumns.arrayColumns.contains(column.name) { return .varchar }
            return .map
        }
        switch column.kind {
        case .text:
            if dialect == .lake, column.name == "useridentity.sessioncontext.attributes.creationdate" {
                return .timestamp
            }
            return .varchar
        case .timestamp: return dialect == .lake ? .timestamp : .varchar
        case .boolean: return dialect == .lake ? .boolean : .varchar
        case .json:
            if column.name == "resources" { return .array(.structure) }
            if column.name == "eventjson" { return .varchar }
            if dialect == .athena {
                if column.name == "addendum" { return .structure }
                if column.name == "useridentity.sessioncontext.webidfederationdata.attributes" { return .map }
                return .varchar
            }
            return .map
        }
    }

    /// The columns of the table the CloudTrail console creates (and of the Athena User Guide's
    /// CloudTrail tables), in the order its `CREATE EXTERNAL TABLE` declares them: what `SELECT *`
    /// lists on the default Athena table, before any partition column. Structs (`useridentity`,
    /// `addendum`, `tlsdetails`) and `resources` are one column each.
    static let athenaConsoleColumns = [
        "eventversion", "useridentity", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress",
        "useragent", "errorcode", "errormessage", "requestparameters", "responseelements", "additionaleventdata",
        "requestid", "eventid", "resources", "eventtype", "apiversion", "readonly", "recipientaccountid",
        "serviceeventdetails", "sharedeventid", "vpcendpointid", "vpcendpointaccountid", "eventcategory", "addendum",
        "sessioncredentialfromconsole", "edgedevicedetails", "tlsdetails",
    ]

    /// The top-level columns of a CloudTrail event data store that TrailMeter stores, in the
    /// order of Lake's schema (which `EventSchema` keeps): what `SELECT *` lists in Lake. The
    /// columns of other event data stores are read by naming them.
    static let lakeTopLevelColumns: [String] = {
        var names: [String] = []
        for column in EventSchema.columns where column.family == .cloudTrail {
            guard type(of: column, in: .lake) != nil else { continue }
            let top = String(column.name.split(separator: ".")[0])
            if !names.contains(top) { names.append(top) }
        }
        return names
    }()

    /// Struct prefixes (`useridentity`, `useridentity.sessioncontext`, `tlsdetails`, ...) and the
    /// stored columns under each.
    static let structPrefixes: Set<String> = {
        var prefixes: Set<String> = []
        for column in EventSchema.columns {
            let parts = column.name.split(separator: ".")
            guard parts.count > 1 else { continue }
            for length in 1..<parts.count { prefixes.insert(parts[0..<length].joined(separator: ".")) }
        }
        return prefixes
    }()
}

extension DialectSchema {
    /// The struct and array-of-struct columns of the table the CloudTrail console creates (and
    /// of the Athena User Guide's CloudTrail tables), as its `CREATE EXTERNAL TABLE` declares
    /// them: the fields a whole `useridentity`, `resources`, `addendum` or `tlsdetails` holds on
    /// the default Athena table, in the order Athena prints them. Field names are in lower case,
    /// as Athena folds them.
    ///
    /// Parsed per translation (`TranslationContext.consoleShapes`, and `lakeShapes` likewise),
    /// not kept in a global: a
    /// global's indirect-enum boxes are reached only through Swift's tagged payload pointers, which
    /// LeakSanitizer does not follow, so every fuzzing job reported them as leaked.
    static func athenaConsoleShapes() -> AthenaTableDefinition {
        let ddl = """
            CREATE EXTERNAL TABLE cloudtrail_logs (
              useridentity STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING,
                invokedby:STRING, accesskeyid:STRING, username:STRING,
                onbehalfof:STRUCT<userid:STRING, identitystorearn:STRING>,
                sessioncontext:STRUCT<
                  attributes:STRUCT<mfaauthenticated:STRING, creationdate:STRING>,
                  sessionissuer:STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, username:STRING>,
                  ec2roledelivery:STRING,
                  webidfederationdata:STRUCT<federatedprovider:STRING, attributes:MAP<STRING,STRING>>>>,
              resources ARRAY<STRUCT<arn:STRING, accountid:STRING, type:STRING>>,
              addendum STRUCT<reason:STRING, updatedfields:STRING, originalrequestid:STRING, originaleventid:STRING>,
              tlsdetails STRUCT<tlsversion:STRING, ciphersuite:STRING, clientprovidedhostheader:STRING>)
            """
        do {
            return try AthenaTableDefinition.parse(ddl)
        } catch {
            preconditionFailure("the console table's shapes do not parse: \(error)")
        }
    }

    /// The struct and array-of-struct columns of a CloudTrail event data store, in the order Lake
    /// prints their fields. Lake's published schema lists another order than its results show:
    /// a Lake result of June 2023 printed `userIdentity` as `{type=..., principalid=..., arn=...,
    /// accountid=..., accesskeyid=..., username=..., sessioncontext={attributes={creationdate=...,
    /// mfaauthenticated=...}, sessionissuer={...}, sourceidentity=..., ec2roledelivery=...,
    /// ec2issuedinvpc=...}, invokedby=..., identityprovider=..., credentialid=..., onbehalfof=...}`.
    /// That order is kept; the fields the schema documents and that result lacks
    /// (`webidfederationdata`, `inscopeof`) come last in their struct, where a column added to a
    /// Lake struct goes. `resources` follows the documented order. Only names and nesting are
    /// read from it (`creationdate` is a timestamp in Lake, printed as its column presents it).
    static func lakeShapes() -> AthenaTableDefinition {
        let ddl = """
            CREATE EXTERNAL TABLE event_data_store (
              useridentity STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING,
                accesskeyid:STRING, username:STRING,
                sessioncontext:STRUCT<
                  attributes:STRUCT<creationdate:STRING, mfaauthenticated:STRING>,
                  sessionissuer:STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, username:STRING>,
                  sourceidentity:STRING, ec2roledelivery:STRING, ec2issuedinvpc:STRING,
                  webidfederationdata:STRUCT<federatedprovider:STRING, attributes:MAP<STRING,STRING>>>,
                invokedby:STRING, identityprovider:STRING, credentialid:STRING,
                onbehalfof:STRUCT<userid:STRING, identitystorearn:STRING>,
                inscopeof:STRUCT<sourcearn:STRING, sourceaccount:STRING, issuertype:STRING, credentialsissuedto:STRING>>,
              resources ARRAY<STRUCT<accountid:STRING, type:STRING, arn:STRING, arnprefix:STRING>>,
              tlsdetails STRUCT<tlsversion:STRING, ciphersuite:STRING, clientprovidedhostheader:STRING>)
            """
        do {
            return try AthenaTableDefinition.parse(ddl)
        } catch {
            preconditionFailure("the event data store's shapes do not parse: \(error)")
        }
    }
}

extension TranslationContext {
    /// The type the query's table declares at `path` (a column, then struct fields): in Athena the
    /// user's table when given, else the console table's structs; in Lake the event data store's.
    /// Nil when undeclared.
    func declaredShape(_ path: [String]) -> HiveType? {
        switch dialect {
        case .athena: return (athenaDefinition ?? consoleShapes).declaredType(path)
        case .lake: return lakeShapes.declaredType(path)
        }
    }
}

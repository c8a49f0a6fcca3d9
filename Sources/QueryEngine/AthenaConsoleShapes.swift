extension DialectSchema {
    /// The struct and array-of-struct columns of the table the CloudTrail console creates (and
    /// of the Athena User Guide's CloudTrail tables), as its `CREATE EXTERNAL TABLE` declares
    /// them: the fields a whole `useridentity`, `resources`, `addendum` or `tlsdetails` holds on
    /// the default Athena table, in the order Athena prints them. Field names are in lower case,
    /// as Athena folds them.
    ///
    /// Parsed per translation (`TranslationContext.consoleShapes`), not kept in a global: a
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
}

extension TranslationContext {
    /// The type the query's Athena table declares at `path` (a column, then struct fields): the
    /// user's table when given, else the console table's structs; nil in Lake or when undeclared.
    func athenaShape(_ path: [String]) -> HiveType? {
        guard dialect == .athena else { return nil }
        return (athenaDefinition ?? consoleShapes).declaredType(path)
    }
}

import CloudTrail

/// The Athena table a query reads: the user's own (`AthenaTableDefinition`, from their DDL) or
/// the default one (every CloudTrail column, the partition columns the translator was given).
extension TranslationContext {
    /// The layout partition a bare Athena column name stands for, nil when it is none; notes it
    /// as used (to tell which table shape a query assumes).
    func athenaPartition(_ folded: String) -> String? {
        let partition: String?
        if let definition = athenaDefinition {
            partition = definition.partitionMapping[folded]
        } else {
            let name = DialectSchema.partitionAliases[folded] ?? folded
            partition = partitions.contains(name) ? name : nil
        }
        if let partition { partitionsUsed.insert(partition) }
        return partition
    }

    /// The type `column` has in the query's table, nil when the table lacks it: the user's DDL
    /// decides which top-level columns exist and whether a JSON column (`requestparameters`,
    /// `additionaleventdata`, ...) is a string, a struct or a map.
    func columnType(_ column: EventColumn) -> SQLType? {
        guard let type = DialectSchema.type(of: column, in: dialect) else { return nil }
        guard dialect == .athena, let definition = athenaDefinition else { return type }
        let top = String(column.name.split(separator: ".")[0])
        guard let declared = definition.column(top) else { return nil }
        if column.name == top, column.kind == .json { return declared.type.sqlType }
        return type
    }

    /// Columns `SELECT *` yields on the events table, in order, with their types.
    func eventStarColumns() -> [(String, SQLType)] {
        guard dialect == .athena, let definition = athenaDefinition else {
            return DialectSchema.starColumns(dialect, partitions: partitions)
        }
        var result: [(String, SQLType)] = []
        for column in EventSchema.columns {
            if let type = columnType(column) { result.append((column.name, type)) }
        }
        return result + definition.layoutPartitions.map { ($0, .varchar) }
    }
}

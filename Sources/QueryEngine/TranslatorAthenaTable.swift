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
            if let partition, partitionNamesWritten[partition] == nil { partitionNamesWritten[partition] = folded }
        }
        if let partition { partitionsUsed.insert(partition) }
        return partition
    }

    /// The type `column` has in the query's table, nil when the table lacks it: the user's DDL
    /// decides which top-level columns exist, whether a JSON column (`requestparameters`,
    /// `additionaleventdata`, ...) is a string, a struct or a map, and whether `eventtime` is a
    /// string or a timestamp (`readonly` a string or a boolean).
    func columnType(_ column: EventColumn) -> SQLType? {
        guard let type = DialectSchema.type(of: column, in: dialect) else { return nil }
        guard dialect == .athena, let definition = athenaDefinition else { return type }
        let top = String(column.name.split(separator: ".")[0])
        guard let declared = definition.column(top) else { return nil }
        if column.name == top, column.kind == .json { return declared.type.sqlType }
        return definition.declaredScalarType(of: column) ?? type
    }

    /// Refuses a path into a struct of the user's table (`useridentity.onbehalfof.userid`)
    /// through a field the struct does not declare, as Athena does.
    func checkDeclaredPath(_ parts: ArraySlice<Identifier>) throws(QueryError) {
        guard dialect == .athena, let definition = athenaDefinition, let first = parts.first,
            var type = definition.column(first.folded)?.type
        else { return }
        var walked = [first]
        for part in parts.dropFirst() {
            guard case .structure(let fields) = type else { return }
            guard let member = fields.first(where: { $0.name == part.folded }) else {
                throw undeclaredField(part, of: walked, fields: fields)
            }
            walked.append(part)
            type = member.type
        }
    }

    /// `fields` read one after another from `base` (a stored column, `column` its path): into a
    /// struct the user's table declares over a JSON column, each field must be one the struct
    /// declares and takes its declared type; otherwise as `fieldAccess` reads them.
    func accessFields(_ base: TExpr, _ fields: ArraySlice<Identifier>, column: ArraySlice<Identifier>)
        throws(QueryError) -> TExpr
    {
        var result = base
        var declared =
            dialect == .athena ? athenaDefinition?.declaredType(column.map(\.folded)) : nil
        var walked = Array(column)
        for field in fields {
            guard case .structure(let members)? = declared else {
                result = try fieldAccess(result, field)
                declared = nil
                continue
            }
            guard let member = members.first(where: { $0.name == field.folded }) else {
                throw undeclaredField(field, of: walked, fields: members)
            }
            walked.append(field)
            result = try fieldAccess(result, field)
            declared = member.type
            let type = member.type.sqlType
            guard type != result.type else { continue }
            if type.isNumeric || type == .boolean {
                // JSON text becomes the declared type as Athena's SerDe reads it: a value that
                // is not one is an error, not a guess.
                var converted = try cast(
                    result, to: .simple(type == .bigint ? "bigint" : type == .double ? "double" : "boolean"),
                    isTry: false, at: field.start)
                converted.outputName = result.outputName
                converted.display = result.display
                result = converted
            } else {
                result.type = type
            }
        }
        if fields.isEmpty, declared == nil, let shape = declaredShape(column.map(\.folded)) { declared = shape }
        if let declared, RowShape.holdsStruct(declared) {
            // Read whole, a struct the table declares over a JSON column (or an array of them,
            // `resources`) holds its declared fields only, in declared order, as Athena's SerDe
            // reads it (and as `SELECT useridentity` does).
            result.sql =
                "tm_reshape(" + result.sql + ", " + Fragment(SQLText.string(RowShape.spec(declared)), at: result.at)
                + ")"
        }
        return result
    }

    private func undeclaredField(_ field: Identifier, of path: [Identifier], fields: [HiveField]) -> QueryError {
        let column = (path + [field]).map(\.text).joined(separator: ".")
        let owner = path.map(\.text).joined(separator: ".")
        return .invalid(
            message:
                "column '\(column)' cannot be resolved: the table declares \(owner) as struct<\(fields.map(\.name).joined(separator: ", "))>, without a field '\(field.text)'",
            at: location(field.start))
    }

    /// Columns `SELECT *` yields on the events table, in order, each read as naming it would
    /// read it (a struct is one column, as `SELECT useridentity` gives it): the user's table's
    /// columns in declaration order, then its partition columns; without one, the console
    /// table's columns (`DialectSchema.athenaConsoleColumns`), then the partition columns of the
    /// table shape (`starPartitions`); in Lake, the event data store's top-level columns.
    func eventStarColumns(_ source: Source, at: Int) throws(QueryError) -> [(String, TExpr)] {
        let names: [String]
        if dialect == .lake {
            names = DialectSchema.lakeTopLevelColumns
        } else if let definition = athenaDefinition {
            names = definition.columns.map(\.name)
        } else {
            names = DialectSchema.athenaConsoleColumns
        }
        var result: [(String, TExpr)] = []
        for name in names {
            let identifier = Identifier(text: name, quoted: false, start: at, end: at)
            guard let expression = try resolve([identifier], in: source) else {
                throw .unsupported(
                    construct: "SELECT * over the table's column \(name) (not stored by TrailMeter)", at: location(at))
            }
            result.append((name, expression))
        }
        guard dialect == .athena else { return result }
        let ref = SQLText.identifier(source.alias)
        for (name, partition) in starPartitions() {
            var expression = TExpr(
                sql: Fragment("\(ref).\(SQLText.identifier(partition))", at: at), type: .varchar, at: at)
            expression.isColumn = true
            expression.display = name
            expression.outputName = name
            result.append((name, expression))
        }
        return result
    }

    /// The Athena table's partition columns as `SELECT *` lists them: (name, layout partition).
    /// The user's table's as declared; the given table kind's; or, while the table is assumed per
    /// query, the assumed shape's (`AssumedAthenaTable`), named as the query wrote them (a table
    /// with `date_partition` lists `date_partition`). Noted, so that a statement whose partition
    /// columns appear only after its `*` is translated again with the whole statement's shape.
    private func starPartitions() -> [(String, String)] {
        if let definition = athenaDefinition {
            return definition.partitionColumns.compactMap { column in
                definition.partitionMapping[column.name].map { (column.name, $0) }
            }
        }
        guard assumesTable else { return partitions.map { ($0, $0) } }
        let layout = starPartitionsOverride ?? AssumedAthenaTable(partitionsUsed: partitionsUsed).partitionColumns
        starPartitionsListed.append(layout)
        return layout.map { (partitionNamesWritten[$0] ?? $0, $0) }
    }
}

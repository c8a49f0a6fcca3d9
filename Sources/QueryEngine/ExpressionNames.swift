import CloudTrail

// Names: dotted column paths, struct fields and UNNEST aliases resolved against the scope.
extension TranslationContext {
    /// Resolves a dotted name against the sources in scope, innermost first: a qualified column
    /// (`t.useridentity.arn`), a column or struct path (`useridentity.sessioncontext.sessionissuer.arn`),
    /// a derived table's column, an UNNEST alias (`r.arn`).
    func resolveName(_ parts: [Identifier], scope: Scope) throws(QueryError) -> TExpr {
        let folded = parts.map(\.folded)
        var current: Scope? = scope
        var sawEvents = false
        while let level = current {
            var matches: [TExpr] = []
            for source in level.sources {
                if case .events = source.kind { sawEvents = true }
                for qualifier in source.qualifiers
                where qualifier.count < folded.count && Array(folded.prefix(qualifier.count)) == qualifier {
                    if let found = try resolve(Array(parts.dropFirst(qualifier.count)), in: source) {
                        matches.append(found)
                        break
                    }
                }
            }
            if matches.isEmpty {
                for source in level.sources {
                    if let found = try resolve(parts, in: source) { matches.append(found) }
                }
            }
            if matches.count > 1 {
                throw .invalid(
                    message: "column '\(parts.map(\.text).joined(separator: "."))' is ambiguous",
                    at: location(parts[0].start))
            }
            if let found = matches.first {
                if let boundary = correlationBoundaries.last, Self.isAncestor(level, of: boundary) {
                    correlatedReference = true
                }
                // A subquery reads an outer query's grouping key as that query's groups hold it.
                if level !== scope, let grouping = level.grouping, aggregateArgumentDepth == 0 {
                    return grouping.asGrouped(found)
                }
                return found
            }
            current = level.parent
        }
        let name = parts.map(\.text).joined(separator: ".")
        if sawEvents {
            if folded[0] == "eventdata" {
                throw .unsupported(
                    construct: "column \(parts[0].text) (AWS Config configuration-item event data store)",
                    at: location(parts[0].start))
            }
            if let stored = folded.last, DialectSchema.notStored.contains(stored) {
                throw .unsupported(
                    construct: "column \(parts.last!.text) (not stored by TrailMeter)", at: location(parts.last!.start))
            }
        }
        throw .unknownColumn(name: name, at: location(parts[0].start))
    }

    func resolve(_ parts: [Identifier], in source: Source) throws(QueryError) -> TExpr? {
        guard !parts.isEmpty else { return nil }
        let folded = parts.map(\.folded)
        let ref = SQLText.identifier(source.alias)
        switch source.kind {
        case .events:
            if dialect == .athena, parts.count == 1, let name = athenaPartition(folded[0]) {
                return column("\(ref).\(SQLText.identifier(name))", .varchar, parts)
            }
            if dialect == .athena, parts.count == 1, let type = DialectSchema.fileColumnType(folded[0]) {
                fileColumnsUsed.insert(folded[0])
                return column("\(ref).\(SQLText.identifier(folded[0]))", type, parts)
            }
            for length in stride(from: folded.count, through: 1, by: -1) {
                let path = folded[0..<length].joined(separator: ".")
                if let index = EventSchema.indexByName[path] {
                    guard let type = columnType(EventSchema.columns[index]) else { return nil }
                    try checkDeclaredPath(parts[0..<length])
                    let result = column("\(ref).\(SQLText.identifier(path))", type, Array(parts[0..<length]))
                    return try accessFields(result, parts[length...], column: parts[0..<length])
                }
                if length == folded.count, DialectSchema.structPrefixes.contains(path) {
                    try checkDeclaredPath(parts[...])
                    if case .map? = declaredShape(folded) {
                        return column(storedObjectAsMap(path, ref: ref), .map, parts)
                    }
                    var result = column(structObject(path, ref: ref), .structure, parts)
                    result.isColumn = true
                    result.structPath = path
                    return result
                }
            }
            return nil
        case .derived(let columns):
            for length in stride(from: folded.count, through: 1, by: -1) {
                let path = folded[0..<length].joined(separator: ".")
                if let match = columns.first(where: { $0.name == path }) {
                    var result = column(
                        "\(ref).\(SQLText.identifier(match.display))", match.type, Array(parts[0..<length]))
                    result.zone = match.zone
                    result.structPath = match.structPath
                    result.elementZone = match.elementZone
                    result.mapTypes = match.mapTypes
                    var walked = match.structPath ?? path
                    for field in parts[length...] {
                        result = try fieldAccess(result, field)
                        // A struct of the events table passed through (`SELECT *` in a subquery,
                        // or `SELECT useridentity AS u`) keeps its fields' types, nested structs
                        // included.
                        walked += "." + field.folded
                        if match.type == .structure, let type = eventFieldType(walked) {
                            result.type = type
                            result.structPath = type == .structure ? walked : nil
                        }
                    }
                    return result
                }
            }
            return nil
        case .unnest(let columns):
            guard let match = columns.first(where: { $0.0 == folded[0] }) else { return nil }
            var result = column(match.1, match.2, [parts[0]])
            for field in parts.dropFirst() { result = try fieldAccess(result, field) }
            return result
        case .projected(let columns):
            guard let match = columns.first(where: { $0.0 == folded[0] }) else { return nil }
            var result = match.2
            result.display = parts[0].text
            result.outputName = parts[0].text
            for field in parts.dropFirst() { result = try fieldAccess(result, field) }
            return result
        }
    }

    /// The column `parts` name; its display is those parts alone, so that a field read after it
    /// (`requestParameters.bucketName`) is named in errors apart from the column it reads.
    /// The type of the events table's field at `path` (`useridentity.sessioncontext`), nil when
    /// the table has no such field.
    private func eventFieldType(_ path: String) -> SQLType? {
        if let index = EventSchema.indexByName[path] { return columnType(EventSchema.columns[index]) }
        return DialectSchema.structPrefixes.contains(path) ? .structure : nil
    }

    private func column(_ sql: String, _ type: SQLType, _ parts: [Identifier]) -> TExpr {
        var result = TExpr(sql: Fragment(sql, at: parts[0].start), type: type, at: parts[0].start)
        result.isColumn = true
        result.display = parts.map(\.text).joined(separator: ".")
        result.outputName = parts.last?.text
        return result
    }

    /// A struct prefix (`useridentity.sessioncontext`) rebuilt as a JSON object: as the table
    /// declares it (`declaredStructObject`), else of its stored fields in storage order (Lake's
    /// other event data stores, `eventData.*`); NULL when the record lacks it.
    private func structObject(_ prefix: String, ref: String) -> String {
        if case .structure(let fields)? = declaredShape(prefix.split(separator: ".").map(String.init)) {
            return declaredStructObject(prefix, fields, ref: ref)
        }
        var children: [String] = []
        var seen: Set<String> = []
        for column in EventSchema.columns where column.name.hasPrefix(prefix + ".") {
            guard let type = DialectSchema.type(of: column, in: dialect) else { continue }
            let rest = column.name.dropFirst(prefix.count + 1)
            let child = String(rest.split(separator: ".")[0])
            guard seen.insert(child).inserted else { continue }
            let childPath = prefix + "." + child
            if childPath == column.name {
                let value = "\(ref).\(SQLText.identifier(column.name))"
                switch type {
                case .map, .structure, .array: children.append("\(SQLText.string(child)), json(\(value))")
                case .boolean: children.append("\(SQLText.string(child)), json(tm_bool_text(\(value)))")
                default: children.append("\(SQLText.string(child)), \(value)")
                }
            } else {
                children.append("\(SQLText.string(child)), json(\(structObject(childPath, ref: ref)))")
            }
        }
        return presentOrNull(prefix, "json_object(" + children.joined(separator: ", ") + ")", ref: ref)
    }

    /// A struct rebuilt as the query's table declares it (`declaredShape`): the declared fields in
    /// declared order, a field TrailMeter does not store as null; NULL when the record lacks the
    /// object (`presentOrNull`), as Athena's SerDe gives it.
    private func declaredStructObject(_ prefix: String, _ fields: [HiveField], ref: String) -> String {
        var children: [String] = []
        for field in fields {
            let path = prefix + "." + field.name
            let name = SQLText.string(field.name)
            if let index = EventSchema.indexByName[path], let type = columnType(EventSchema.columns[index]) {
                let value = "\(ref).\(SQLText.identifier(path))"
                switch type {
                case .map, .structure, .array:
                    let shaped =
                        RowShape.holdsStruct(field.type)
                        ? "tm_reshape(\(value), \(SQLText.string(RowShape.spec(field.type))))" : value
                    children.append("\(name), json(\(shaped))")
                default: children.append("\(name), \(value)")
                }
            } else if case .structure(let inner) = field.type, DialectSchema.structPrefixes.contains(path) {
                children.append("\(name), json(\(declaredStructObject(path, inner, ref: ref)))")
            } else if case .map = field.type, DialectSchema.structPrefixes.contains(path) {
                children.append("\(name), json(\(storedObjectAsMap(path, ref: ref)))")
            } else {
                children.append("\(name), NULL")
            }
        }
        return presentOrNull(prefix, "json_object(\(children.joined(separator: ", ")))", ref: ref)
    }

    /// An object TrailMeter stores flattened, read as a `map<string,string>` (older tables
    /// declare `webIdFederationData: MAP<STRING,STRING>`): its fields with a value, keyed as the
    /// log spells them, a nested object as its JSON text; `{}` for an object present without
    /// values, NULL when the record lacks it.
    private func storedObjectAsMap(_ prefix: String, ref: String) -> String {
        var entries: [String] = []
        var nestedSeen: Set<String> = []
        for column in EventSchema.columns where column.name.hasPrefix(prefix + ".") {
            guard DialectSchema.type(of: column, in: dialect) != nil, let key = column.jsonPath.last else { continue }
            let rest = column.name.dropFirst(prefix.count + 1)
            if let dot = rest.firstIndex(of: ".") {
                let child = prefix + "." + rest[..<dot]
                guard nestedSeen.insert(child).inserted else { continue }
                // `'' ||` makes the nested object a string, as a map<string,string> holds it.
                let spelled = column.jsonPath[column.jsonPath.count - 2]
                entries.append("\(SQLText.string(spelled)), '' || \(storedObjectAsMap(child, ref: ref))")
            } else {
                entries.append("\(SQLText.string(key)), \(ref).\(SQLText.identifier(column.name))")
            }
        }
        // json_patch drops the keys whose value is NULL, as a map read from JSON has none.
        return presentOrNull(prefix, "json_patch('{}', json_object(\(entries.joined(separator: ", "))))", ref: ref)
    }

    /// `object` (SQL), or NULL when the record lacks the object at `prefix`: no field stored under
    /// it has a value (declared by the table or not) and `emptyobjects` does not name it.
    private func presentOrNull(_ prefix: String, _ object: String, ref: String) -> String {
        let leaves = EventSchema.columns.filter { $0.name.hasPrefix(prefix + ".") }.map {
            "\(ref).\(SQLText.identifier($0.name))"
        }
        let empty = "\(ref).\(SQLText.identifier(EventSchema.emptyObjectsName))"
        let code = EventSchema.emptyObjectCode(prefix) ?? "-"
        let listed = "instr(',' || \(empty) || ',', \(SQLText.string("," + code + ","))) > 0"
        let noValue =
            leaves.isEmpty
            ? "1" : leaves.count == 1 ? "\(leaves[0]) IS NULL" : "coalesce(\(leaves.joined(separator: ", "))) IS NULL"
        return "CASE WHEN \(noValue) AND coalesce(\(listed), 0) = 0 THEN NULL ELSE \(object) END"
    }

    func fieldAccess(_ base: TExpr, _ field: Identifier) throws(QueryError) -> TExpr {
        let resultType: SQLType
        switch base.type {
        case .structure: resultType = .varchar
        case .unknown, .null: resultType = .unknown
        case .map:
            throw .invalid(
                message:
                    "'\(base.display)' is a map: use element_at(\(base.display), '\(field.text)') or \(base.display)['\(field.text)']",
                at: location(field.start))
        case .varchar where base.isColumn:
            throw .invalid(
                message:
                    "'\(base.display)' is varchar (JSON text) in this dialect: use json_extract_scalar(\(base.display), '$.\(field.text)')",
                at: location(field.start))
        default:
            throw .invalid(
                message: "cannot dereference field '\(field.text)' of \(base.type.name)", at: location(field.start))
        }
        var result = TExpr.node(
            "tm_field(" + base.sql + ", " + Fragment(SQLText.string(field.folded), at: field.start) + ")", resultType,
            at: base.at, kids: [base])
        result.outputName = field.text
        result.isColumn = base.isColumn
        result.display = base.display.isEmpty ? field.text : base.display + "." + field.text
        if base.isColumn { result.kids = [] }
        return result
    }
}

import CloudTrail
import TrailMeterCore

/// The scalar types a `CREATE EXTERNAL TABLE` may declare, by what TrailMeter does with them.
enum DeclaredScalar {
    case string, integer, floating, boolean, timestamp, other

    init(_ name: String) {
        switch name {
        case "string", "varchar", "char": self = .string
        case "bigint", "int", "integer", "smallint", "tinyint": self = .integer
        case "double", "float": self = .floating
        case "boolean": self = .boolean
        case "timestamp": self = .timestamp
        default: self = .other
        }
    }
}

extension AthenaTableDefinition {
    /// The type a stored column has when the table declares it (or, for a field of a struct
    /// TrailMeter stores flattened, its path) with a scalar type other than a string:
    /// `eventtime timestamp` (compared and printed as a timestamp), `readonly boolean`; nil when
    /// declared as a string, or not as a scalar.
    func declaredScalarType(of column: EventColumn) -> SQLType? {
        let path = column.name.split(separator: ".").map(String.init)
        guard case .scalar(let name)? = declaredType(path) else { return nil }
        switch DeclaredScalar(name) {
        case .timestamp: return .timestamp
        case .boolean: return .boolean
        default: return nil
        }
    }

    /// The declared type at `path` (a column, then struct fields), nil when the table does not
    /// declare it.
    func declaredType(_ path: [String]) -> HiveType? {
        guard let first = path.first, var type = column(first)?.type else { return nil }
        for field in path.dropFirst() {
            guard case .structure(let fields) = type, let member = fields.first(where: { $0.name == field }) else {
                return nil
            }
            type = member.type
        }
        return type
    }

    /// Refuses a declared type TrailMeter cannot honour, naming the column and the type. A
    /// column stored as CloudTrail writes it can be declared as a string, or as the type its
    /// values have (`eventtime timestamp`, `readonly boolean`); the fields of a struct declared
    /// over a JSON column (`requestparameters struct<...>`) as strings, integers, doubles or
    /// booleans; maps and arrays as before.
    static func checkDeclared(_ field: HiveField, typeAt offset: Int, in source: String) throws(QueryError) {
        try check(field.type, path: field.name, insideJSON: false, at: SourceLocation(offset: offset, in: source))
    }

    private static func check(_ type: HiveType, path: String, insideJSON: Bool, at location: SourceLocation)
        throws(QueryError)
    {
        let stored = EventSchema.indexByName[path].map { EventSchema.columns[$0] }
        switch type {
        case .scalar(let name):
            let declared = DeclaredScalar(name)
            if insideJSON {
                guard declared == .timestamp || declared == .other else { return }
                throw .unsupported(
                    construct:
                        "field \(path) declared \(name) (a field of a struct over JSON can be string, bigint, int, double or boolean)",
                    at: location)
            }
            guard let stored, declared != .string else { return }
            switch (declared, stored.kind) {
            case (.timestamp, .timestamp), (.boolean, .boolean): return
            default:
                let honoured =
                    stored.kind == .timestamp
                    ? "string or timestamp" : stored.kind == .boolean ? "string or boolean" : "string"
                throw .unsupported(
                    construct: "column \(path) declared \(name) (TrailMeter can read it as \(honoured))", at: location)
            }
        case .structure(let fields):
            let json = insideJSON || stored?.kind == .json
            for field in fields {
                try check(field.type, path: path + "." + field.name, insideJSON: json, at: location)
            }
        case .map, .array:
            return
        }
    }
}

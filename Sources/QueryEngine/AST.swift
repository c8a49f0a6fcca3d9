/// A name as written: its text, whether it was quoted, and where it stands.
struct Identifier: Equatable {
    let text: String
    let quoted: Bool
    let start: Int
    let end: Int

    /// Trino folds unquoted and quoted identifiers alike to lower case.
    var folded: String { text.lowercased() }
}

/// A type named in CAST, TRY_CAST or a typed literal.
indirect enum TypeName: Equatable {
    case simple(String)
    case array(TypeName)
    case map(TypeName, TypeName)
    /// `ROW(name type, ...)`; a field's name may be left out (`ROW(integer, integer)`).
    case row([RowField])
    var description: String {
        switch self {
        case .simple(let name): return name
        case .array(let element): return "array(\(element.description))"
        case .map(let key, let value): return "map(\(key.description), \(value.description))"
        case .row(let fields):
            return "row("
                + fields.map { ($0.name.map { $0 + " " } ?? "") + $0.type.description }.joined(separator: ", ")
                + ")"
        }
    }
}

/// A field of a `ROW(...)` type.
struct RowField: Equatable {
    let name: String?
    let type: TypeName
}

struct OrderItem {
    let expression: Expr
    let descending: Bool
    /// nil: Trino's default, NULLs last either way.
    let nullsFirst: Bool?
}

/// A Trino expression. Every node keeps the byte offset of its first token for messages.
indirect enum Expr {
    case string(String, at: Int)
    case number(String, at: Int)
    case boolean(Bool, at: Int)
    case null(at: Int)
    /// `timestamp '...'`, `date '...'`, `ipaddress '...'`, `json '...'`, ...
    case typedLiteral(type: String, value: String, at: Int)
    /// `interval '7' day`; `value` may carry a sign.
    case interval(value: String, unit: String, negative: Bool, at: Int)
    /// A dotted name: column, qualified column, struct path.
    case name([Identifier])
    /// `*` or `qualifier.*` (only in a select list or `count(*)`).
    case star(qualifier: [Identifier], at: Int)
    case call(Call)
    case unary(op: String, Expr, at: Int)
    case binary(op: String, Expr, Expr, at: Int)
    case between(Expr, low: Expr, high: Expr, negated: Bool, at: Int)
    case inList(Expr, [Expr], negated: Bool, at: Int)
    case inQuery(Expr, Query, negated: Bool, at: Int)
    case exists(Query, at: Int)
    case like(Expr, pattern: Expr, escape: Expr?, negated: Bool, at: Int)
    case isNull(Expr, negated: Bool, at: Int)
    case isDistinct(Expr, Expr, negated: Bool, at: Int)
    case caseWhen(operand: Expr?, whens: [(Expr, Expr)], otherwise: Expr?, at: Int)
    case cast(Expr, TypeName, isTry: Bool, at: Int)
    case `subscript`(Expr, Expr, at: Int)
    /// `expr.field` where `expr` is not a plain name (e.g. `element_at(resources, 1).arn`).
    case field(Expr, Identifier)
    case subquery(Query, at: Int)
    case array([Expr], at: Int)
    /// `current_timestamp`, `current_date`, `localtimestamp`, ...: special forms without parentheses.
    case niladic(String, at: Int)
    /// `extract(field FROM expr)`.
    case extract(field: String, Expr, at: Int)
    case parenthesized(Expr)
    /// `x -> body` or `(x, y) -> body`: only as an argument of a function that takes one.
    case lambda(parameters: [Identifier], body: Expr, at: Int)
    /// `value op ANY|SOME|ALL (query)`.
    case quantified(op: String, Expr, quantifier: String, Query, at: Int)
    /// `json_array(v, ... [NULL|ABSENT ON NULL])`, `json_object(k : v, ... )`: for an object the
    /// arguments alternate key, value.
    case jsonConstructor(object: Bool, arguments: [Expr], absentOnNull: Bool, at: Int)
    /// Constructs parsed only to be refused with their name.
    case unsupported(String, at: Int)

    var start: Int {
        switch self {
        case .string(_, let at), .number(_, let at), .boolean(_, let at), .null(let at),
            .typedLiteral(_, _, let at), .interval(_, _, _, let at), .star(_, let at),
            .unary(_, _, let at), .binary(_, _, _, let at), .between(_, _, _, _, let at),
            .inList(_, _, _, let at), .inQuery(_, _, _, let at), .exists(_, let at),
            .like(_, _, _, _, let at), .isNull(_, _, let at), .isDistinct(_, _, _, let at),
            .caseWhen(_, _, _, let at), .cast(_, _, _, let at), .subscript(_, _, let at),
            .subquery(_, let at), .array(_, let at), .niladic(_, let at), .extract(_, _, let at),
            .unsupported(_, let at), .lambda(_, _, let at), .quantified(_, _, _, _, let at),
            .jsonConstructor(_, _, _, let at):
            return at
        case .name(let parts): return parts[0].start
        case .call(let call): return call.name.start
        case .field(let base, _): return base.start
        case .parenthesized(let inner): return inner.start
        }
    }
}

struct Call {
    let name: Identifier
    let arguments: [Expr]
    let distinct: Bool
    /// `array_agg(x ORDER BY y)`.
    let orderBy: [OrderItem]
    /// `count(*)`.
    let star: Bool
    /// `FILTER (WHERE condition)` after an aggregate's arguments.
    let filter: Expr?
    /// `OVER (...)`: a window function call.
    let window: WindowSpec?
    /// `IGNORE NULLS` after the arguments (only window value functions take it).
    let ignoreNulls: Bool
}

struct SelectItem {
    let expression: Expr
    let alias: Identifier?
}

enum JoinKind: String {
    case inner = "JOIN"
    case left = "LEFT JOIN"
    case right = "RIGHT JOIN"
    case full = "FULL JOIN"
    case cross = "CROSS JOIN"
}

indirect enum Relation {
    /// A table name (possibly `db.table`), an event data store id or a placeholder.
    case table(name: [Identifier], storeReference: String?, alias: Identifier?, columns: [Identifier], at: Int)
    case subquery(Query, alias: Identifier?, columns: [Identifier], at: Int)
    /// `LATERAL (query)`: a subquery over the row of the relations before it.
    case lateral(Query, alias: Identifier?, columns: [Identifier], at: Int)
    case unnest([Expr], ordinality: Bool, alias: Identifier?, columns: [Identifier], at: Int)
    case join(JoinKind, Relation, Relation, on: Expr?, using: [Identifier], at: Int)
}

struct Select {
    let distinct: Bool
    let items: [SelectItem]
    let from: [Relation]
    let whereClause: Expr?
    let groupBy: [Expr]
    /// `ROLLUP`, `CUBE` or `GROUPING SETS`; nil for a plain `GROUP BY`, whose one set is all of
    /// `groupBy`.
    let groupingSets: GroupingSets?
    let having: Expr?
    /// The WINDOW clause: named windows the select list and ORDER BY may use.
    let windows: [(Identifier, WindowSpec)]
    /// `TABLESAMPLE BERNOULLI (p)` on the select's one relation.
    let sample: TableSample?
    let at: Int
}

/// `TABLESAMPLE BERNOULLI (percentage)`: each row kept with that probability.
struct TableSample {
    let percentage: Expr
    let at: Int
}

/// The grouping sets of one `GROUP BY`, each as positions in its `groupBy`.
struct GroupingSets {
    let sets: [[Int]]
    /// `GROUP BY DISTINCT`: a set repeated (as the same keys) counts once.
    let distinct: Bool
}

indirect enum QueryBody {
    case select(Select)
    case values([[Expr]], at: Int)
    case nested(Query)
    case setOperation(op: String, all: Bool, QueryBody, QueryBody, at: Int)
}

struct CommonTable {
    let name: Identifier
    let columns: [Identifier]
    let query: Query
}

final class Query {
    let with: [CommonTable]
    let body: QueryBody
    let orderBy: [OrderItem]
    let limit: Expr?
    let offset: Expr?
    let at: Int

    init(with: [CommonTable], body: QueryBody, orderBy: [OrderItem], limit: Expr?, offset: Expr?, at: Int) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.at = at
    }
}

import TrailMeterCore

/// Everything that can go wrong between the user's SQL and its rows. Every case that is about the
/// SQL carries where in the user's text the problem lies.
public enum QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not SQL as Trino parses it (also SQL that was published broken).
    case syntax(message: String, at: SourceLocation)
    /// Trino SQL that TrailMeter does not translate; `construct` names it (`lambda expression`,
    /// `function transform`, `window function rank`).
    case unsupported(construct: String, at: SourceLocation)
    /// A column no source of the query has.
    case unknownColumn(name: String, at: SourceLocation)
    /// A function neither Trino nor TrailMeter knows.
    case unknownFunction(name: String, at: SourceLocation)
    /// Well-formed SQL that Trino would reject for its types or grouping, or a literal that is not
    /// what it claims (`'${date_filter}'` compared with a timestamp).
    case invalid(message: String, at: SourceLocation)
    /// A statement that would write or leave the sandbox (INSERT, DROP, ATTACH, PRAGMA, ...).
    case refused(statement: String, at: SourceLocation)
    /// SQLite rejected the translated statement or failed running it; `at` is mapped back to the
    /// user's SQL when SQLite says where.
    case engine(message: String, at: SourceLocation?)

    /// Where in the user's SQL, when known.
    public var location: SourceLocation? {
        switch self {
        case .syntax(_, let at), .unsupported(_, let at), .unknownColumn(_, let at),
            .unknownFunction(_, let at), .invalid(_, let at), .refused(_, let at):
            return at
        case .engine(_, let at): return at
        }
    }

    public var description: String {
        switch self {
        case .syntax(let message, let at): return "syntax error at \(at): \(message)"
        case .unsupported(let construct, let at): return "unsupported at \(at): \(construct)"
        case .unknownColumn(let name, let at): return "unknown column '\(name)' at \(at)"
        case .unknownFunction(let name, let at): return "unknown function '\(name)' at \(at)"
        case .invalid(let message, let at): return "invalid query at \(at): \(message)"
        case .refused(let statement, let at):
            return
                "refused at \(at): \(statement) statements are not allowed: queries are read-only (SELECT, WITH, VALUES)"
        case .engine(let message, let at):
            if let at { return "query failed at \(at): \(message)" }
            return "query failed: \(message)"
        }
    }
}

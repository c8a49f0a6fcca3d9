import QueryEngine
import TrailStore

/// Everything that can go wrong while running a metered query.
public enum MeteringError: Error, Sendable, CustomStringConvertible {
    /// The SQL was refused, did not translate, or failed in SQLite (with its position).
    case query(QueryError)
    /// `query`, for a statement whose dialect was detected as the other one than its table name
    /// suggests: also what reading it in the suggested dialect failed on.
    case queryInDetectedDialect(QueryError, dialect: Dialect, namedError: QueryError)
    /// The store file could not be opened, with the store's own error (not a store, unreadable, ...).
    case storeFile(TrailStoreError)
    /// The store could not be read.
    case store(String)
    /// A chunk of the columnar store did not decode.
    case corruptChunk(segment: Int64, column: String, detail: String)
    /// A raw log file listed in the catalog could not be read or parsed.
    case rawFile(path: String, detail: String)
    /// A query ran past its memory limit or its timeout and was stopped: `detail` says which.
    case limitExceeded(String)
    /// SQLite refused to set up the layout tables.
    case engine(detail: String)
    /// `--verify` found the layouts disagreeing: different rows, or planned raw bytes that are
    /// not the bytes read.
    case verificationFailed(detail: String)

    public var description: String {
        switch self {
        case .query(let error): return error.description
        case .queryInDetectedDialect(let error, let dialect, let named):
            let (read, other) = dialect == .lake ? ("CloudTrail Lake", "Athena") : ("Athena", "CloudTrail Lake")
            return
                "\(error) (read as \(read) SQL, where it gets furthest; as \(other) SQL, as its FROM suggests: \(named))"
        case .storeFile(let error): return "store: \(error)"
        case .store(let detail): return "store: \(detail)"
        case .corruptChunk(let segment, let column, let detail):
            return "columnar store: chunk of column \(column) in segment \(segment) does not decode: \(detail)"
        case .rawFile(let path, let detail): return "raw layout: \(path): \(detail)"
        case .limitExceeded(let detail): return "query stopped: \(detail)"
        case .engine(let detail): return "SQLite: \(detail)"
        case .verificationFailed(let detail): return "verification failed: \(detail)"
        }
    }
}

extension MeteringError {
    /// What reading chunk `column` of segment `segment` failed with, as a metering error: damage
    /// where the chunk did not decode, the store's error otherwise.
    static func readingChunk(_ column: String, segment: Int64, _ error: any Error) -> MeteringError {
        switch error {
        case let error as MeteringError: error
        case let failure as ChunkEncoding.DecodeFailure:
            .corruptChunk(segment: segment, column: column, detail: failure.detail)
        default: .store("reading chunk \(column) of segment \(segment): \(error)")
        }
    }
}

import SQLite

/// What went wrong with a store file or an ingest.
public enum TrailStoreError: Error, Sendable, CustomStringConvertible {
    /// SQLite failed while working on `path`.
    case database(path: String, SQLiteError)
    /// `path` is not a TrailMeter store (or is from an incompatible version): `detail` says why.
    case notAStore(path: String, detail: String)
    /// The store was built with settings that differ from those asked for now.
    case settingsMismatch(path: String, setting: String, stored: String, requested: String)
    /// A column chunk failed to decode: the store is damaged.
    case corruptChunk(segment: Int64, column: String, detail: String)
    /// The store's catalog does not add up (a checksum or a total differs): it is damaged.
    case damaged(path: String, detail: String)
    /// Another writer holds the store (after waiting `waitedSeconds` for it).
    case busy(path: String, waitedSeconds: Double)
    /// An interrupted write left a journal that could not be rolled back from here.
    case hotJournal(path: String, detail: String)
    /// A setting given on the command line or in code is out of range.
    case invalidSetting(name: String, value: String, expected: String)
    /// A bucket listing that cannot be read at all (missing, unknown or unsupported format).
    case unreadableListing(path: String, detail: String)

    public var description: String {
        switch self {
        case .database(let path, let error): "\(path): \(error)"
        case .notAStore(let path, let detail): "\(path): not a TrailMeter store: \(detail)"
        case .settingsMismatch(let path, let setting, let stored, let requested):
            "\(path): the store was built with \(setting) \(stored); cannot add data with \(requested) (use a new store file)"
        case .corruptChunk(let segment, let column, let detail):
            "segment \(segment), column \(column): corrupt chunk: \(detail)"
        case .damaged(let path, let detail):
            "\(path): the store is damaged: \(detail) (trailmeter verify --store \(path) lists every fault; re-ingest into a new store)"
        case .busy(let path, let waited):
            "\(path): store is busy: another ingest is writing to it\(waited > 0 ? " (waited \(Int(waited)) s)" : ""); try again when it finishes, or pass --wait SECONDS"
        case .hotJournal(let path, let detail):
            "\(path): an interrupted write left \(path)-journal, which must be rolled back before the store can be read: \(detail)"
        case .invalidSetting(let name, let value, let expected): "\(name) \(value): expected \(expected)"
        case .unreadableListing(let path, let detail): "\(path): cannot read the listing: \(detail)"
        }
    }
}

/// Runs one SQLite call on the store at `path`; its failure becomes `TrailStoreError.database`
/// with SQLite's own error kept.
func onStore<T>(_ path: String, _ call: @autoclosure () throws(SQLiteError) -> T) throws(TrailStoreError) -> T {
    do { return try call() } catch { throw .database(path: path, error) }
}

import Foundation
import SQLite

/// Recovery of a store whose last write was interrupted (a crash, a full disk) and left a hot
/// journal beside it. SQLite rolls such a journal back on the first read, but only on a
/// connection that may write: a read-only one fails with "attempt to write a readonly database".
enum HotJournal {
    /// Rolls back the journal of `path` on a read-write connection, under the writer lock (no
    /// writer can be live: a live writer's journal is not hot). When that cannot be done, the
    /// error says what to run.
    static func rollBack(_ path: String) throws(TrailStoreError) {
        let lock: StoreWriterLock
        do { lock = try StoreWriterLock(storePath: path, wait: 10) } catch {
            throw .hotJournal(path: path, detail: "\(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            _ = try connection.scalar("SELECT count(*) FROM sqlite_schema")
        } catch {
            throw .hotJournal(
                path: path,
                detail:
                    "rolling it back needs write access to the store and its folder (\(error.message)); run `trailmeter verify --store \(path)` once as a user who has it"
            )
        }
    }
}

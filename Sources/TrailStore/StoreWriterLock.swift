import Foundation

/// One writer at a time per store: an exclusive `flock` on `<store>.lock`, taken before the
/// store is opened for writing and held until the writer is done.
///
/// A lock file beside the store rather than a lock on the store itself: closing any descriptor
/// of the store would drop SQLite's own POSIX locks on it. The holder removes the file on
/// release; a waiter that then gets the lock on the removed file sees that its inode is no
/// longer the path's and starts again.
final class StoreWriterLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock for `storePath`, retrying for up to `wait` seconds; throws `.busy` when
    /// another writer still holds it.
    init(storePath: String, wait: Double) throws(TrailStoreError) {
        path = storePath + ".lock"
        let deadline = Date().addingTimeInterval(max(0, wait))
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .notAStore(path: storePath, detail: "cannot create the writer lock \(path): \(Self.errorText())")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                if Self.isCurrent(descriptor, path: path) {
                    self.descriptor = descriptor
                    return
                }
            } else if errno != EWOULDBLOCK {
                let text = Self.errorText()
                close(descriptor)
                throw .notAStore(path: storePath, detail: "cannot lock \(path): \(text)")
            }
            close(descriptor)
            guard Date() < deadline else { throw .busy(path: storePath, waitedSeconds: wait) }
            usleep(50_000)
        }
    }

    deinit {
        unlink(path)
        close(descriptor)
    }

    /// True when the locked descriptor is still the file at `path` (not one a holder removed).
    private static func isCurrent(_ descriptor: Int32, path: String) -> Bool {
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

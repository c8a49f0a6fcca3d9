import CSQLite
import Synchronization

/// Bounds on one piece of work on a connection: SQLite's own heap, wall-clock time, and a check
/// the caller runs while SQLite works (for memory SQLite does not allocate itself).
public struct ExecutionLimits: Sendable {
    /// Most bytes SQLite may hold at once (`sqlite3_hard_heap_limit64`); nil for no limit.
    /// The limit is process-wide in SQLite, so it is set for the work and restored after it.
    public var heapBytes: Int64?
    /// When the work must stop; nil for no deadline.
    public var deadline: ContinuousClock.Instant?
    /// Asked now and then while a statement runs; a reason stops the statement.
    public var check: (@Sendable () -> String?)?

    public init(
        heapBytes: Int64? = nil, deadline: ContinuousClock.Instant? = nil, check: (@Sendable () -> String?)? = nil
    ) {
        self.heapBytes = heapBytes
        self.deadline = deadline
        self.check = check
    }
}

/// Why limited work was stopped.
public enum LimitStop: Sendable, Equatable {
    /// The deadline passed.
    case deadline
    /// SQLite's heap limit was reached (SQLite reports it as out of memory).
    case heap
    /// The caller's check gave a reason.
    case check(String)
}

/// The limits of the work a connection runs now, for SQL functions that can run long within one
/// call (a regular expression's backtracking): SQLite's progress handler runs only between its
/// own steps, never inside a function.
public final class ActiveLimits {
    fileprivate var state: ProgressState?

    /// The deadline of the limited work running now; nil when there is none.
    public var deadline: ContinuousClock.Instant? { state?.limits.deadline }

    /// Records that a function stopped because the deadline passed: the function's error then
    /// reaches `withLimits`' caller as the deadline's stop.
    public func stopForDeadline() { state?.stop = .deadline }
}

/// The state the progress handler reads; passed to C as an unmanaged pointer.
private final class ProgressState {
    let limits: ExecutionLimits
    var stop: LimitStop?
    var calls = 0

    init(_ limits: ExecutionLimits) { self.limits = limits }

    func shouldStop() -> Bool {
        calls += 1
        if let deadline = limits.deadline, ContinuousClock.now >= deadline {
            stop = .deadline
            return true
        }
        // The caller's check may read the process's memory: not on every call.
        if calls % 16 == 0, let check = limits.check, let reason = check() {
            stop = .check(reason)
            return true
        }
        return false
    }
}

extension Connection {
    /// Busy timeout: how long a statement waits for another connection's lock before failing.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs `body` under `limits`. When a limit stops a statement, SQLite's error (interrupted or
    /// out of memory) reaches `body`'s caller, and `stop` says which limit it was.
    public func withLimits<T>(
        _ limits: ExecutionLimits, _ body: () throws(SQLiteError) -> T
    ) throws(SQLiteError) -> (result: T?, stop: LimitStop?) {
        let state = ProgressState(limits)
        let context = Unmanaged.passRetained(state)
        defer { context.release() }
        let outer = activeLimits.state
        activeLimits.state = state
        defer { activeLimits.state = outer }
        sqlite3_progress_handler(
            handle, 4_000,
            { pointer in
                Unmanaged<ProgressState>.fromOpaque(pointer!).takeUnretainedValue().shouldStop() ? 1 : 0
            }, context.toOpaque())
        defer { sqlite3_progress_handler(handle, 0, nil, nil) }
        if let heapBytes = limits.heapBytes { HeapLimit.enter(heapBytes) }
        defer { if limits.heapBytes != nil { HeapLimit.leave() } }
        do {
            return (try body(), nil)
        } catch {
            if let stop = state.stop { return (nil, stop) }
            let primary = error.code & 0xFF
            if primary == SQLITE_NOMEM, limits.heapBytes != nil { return (nil, .heap) }
            throw error
        }
    }

    /// Starts a read transaction and takes SQLite's shared lock at once, so every read until
    /// `endSnapshot()` sees the database as it is now, whatever other connections commit.
    public func beginSnapshot() throws(SQLiteError) {
        try execute("BEGIN DEFERRED")
        do {
            _ = try scalar("SELECT count(*) FROM sqlite_schema")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Ends the read transaction `beginSnapshot()` started.
    public func endSnapshot() {
        _ = sqlite3_exec(handle, "COMMIT", nil, nil, nil)
    }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}

/// SQLite's heap limit is one for the whole process: the first limited work in sets it, the
/// last one out restores what was there before, however the works overlap.
private enum HeapLimit {
    private static let state = Mutex<(users: Int, previous: Int64)>((0, 0))

    static func enter(_ bytes: Int64) {
        state.withLock { state in
            if state.users == 0 { state.previous = sqlite3_hard_heap_limit64(max(1, bytes)) }
            state.users += 1
        }
    }

    static func leave() {
        state.withLock { state in
            state.users -= 1
            if state.users == 0 { sqlite3_hard_heap_limit64(state.previous) }
        }
    }
}

extension SQLiteError {
    /// The error says the file has a journal to roll back that a read-only connection cannot
    /// (`SQLITE_READONLY_ROLLBACK`): a write was interrupted and nobody has recovered it yet.
    public var isHotJournal: Bool { code == SQLITE_READONLY | (3 << 8) }

    /// The error says another connection holds the lock (`SQLITE_BUSY` or `SQLITE_LOCKED`).
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
}

import CloudTrail
import Dispatch
import Foundation

/// A value computed on another thread; `value()` waits for it.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The result, once the work has finished (waiting for it when needed).
    func value() -> Value {
        done.wait()
        defer { done.signal() }
        return result!
    }
}

/// Column storage handed back by a batch that is done with it, for the next batch's parsing:
/// memory already mapped is written again instead of fresh pages faulted in (and copied into as
/// they grow). Sets are taken out whole, so the parser that takes one holds its only reference.
final class ColumnRecycler: @unchecked Sendable {
    private let lock = NSLock()
    /// Largest first.
    private var sets: [[ColumnValues]] = []
    /// Sets kept at most: one per parsing thread.
    private let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    func give(_ set: consuming [ColumnValues]) {
        let kept = set
        let size = kept.reduce(0) { $0 + $1.capacityBytes }
        lock.withLock {
            let index = sets.firstIndex { $0.reduce(0) { $0 + $1.capacityBytes } < size } ?? sets.count
            sets.insert(kept, at: index)
            if sets.count > limit { sets.removeLast() }
        }
    }

    /// The largest set left, moved out; nil when none is left.
    func take() -> [ColumnValues]? {
        lock.withLock { sets.isEmpty ? nil : sets.removeFirst() }
    }
}

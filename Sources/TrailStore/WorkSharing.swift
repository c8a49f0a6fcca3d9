import Dispatch

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

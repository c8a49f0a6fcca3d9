import Dispatch
import Foundation

extension Ingestor {
    /// Runs `transform` over `items` on `options.workers` threads, keeping the order.
    func parallelMap<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ transform: @Sendable (Item) -> Output
    ) -> [Output] {
        Self.parallelMap(items, workers: options.workers, transform)
    }

    /// Runs `transform` over `items` on `workers` threads, keeping the order.
    static func parallelMap<Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: Int, _ transform: @Sendable (Item) -> Output
    ) -> [Output] {
        parallelMap(items, workers: workers, state: {}, transform: { _, item in transform(item) })
    }

    /// Runs `transform` over `items` on `workers` threads, keeping the order; each thread makes
    /// one `state` (scratch buffers, a compressor) and hands it to every item it transforms.
    ///
    /// Threads take the next item as they finish one rather than a fixed share, so a thread that
    /// drew small items does not sit idle while another works through large ones. Callers that
    /// know their items' costs pass `startOrder` (largest first) so that the last items taken are
    /// small, and the threads finish together.
    static func parallelMap<Item: Sendable, Output: Sendable, State>(
        _ items: [Item], workers: Int, startOrder: [Int]? = nil, state makeState: @Sendable () -> State,
        transform: @Sendable (inout State, Item) -> Output
    ) -> [Output] {
        // Each index is written by exactly one worker, so the shared buffer is never raced.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let workers = min(workers, items.count)
        if workers <= 1 {
            var state = makeState()
            for index in startOrder ?? Array(items.indices) { results[index] = transform(&state, items[index]) }
        } else {
            let queue = WorkQueue(startOrder ?? Array(items.indices))
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var state = makeState()
                while let index = queue.next() { results[index] = transform(&state, items[index]) }
            }
        }
        return (0..<items.count).map { (results.baseAddress! + $0).move()! }
    }
}

/// Indices handed out one at a time to whichever thread asks next.
final class WorkQueue: @unchecked Sendable {
    // Read and advanced only under `lock`.
    private let order: [Int]
    private var taken = 0
    private let lock = NSLock()

    init(_ order: [Int]) { self.order = order }

    /// The next index, or nil when all have been taken.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < order.count else { return nil }
        taken += 1
        return order[taken - 1]
    }
}

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

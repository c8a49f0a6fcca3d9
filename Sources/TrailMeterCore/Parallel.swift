import Dispatch
import Foundation

/// Work spread over threads, for the stages of an ingest and the listing of its files.
public enum Parallel {
    /// Runs `transform` over `items` on `workers` threads, keeping the order.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: Int, _ transform: @Sendable (Item) -> Output
    ) -> [Output] {
        map(items, workers: workers, state: {}, transform: { _, item in transform(item) })
    }

    /// Runs `transform` over `items` on `workers` threads, keeping the order; each thread makes
    /// one `state` (scratch buffers, a compressor) and hands it to every item it transforms.
    ///
    /// Threads take the next item as they finish one rather than a fixed share, so a thread that
    /// drew small items does not sit idle while another works through large ones. Callers that
    /// know their items' costs pass `startOrder` (largest first) so that the last items taken are
    /// small, and the threads finish together.
    public static func map<Item: Sendable, Output: Sendable, State>(
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
public final class WorkQueue: @unchecked Sendable {
    // Read and advanced only under `lock`.
    private let order: [Int]
    private var taken = 0
    private let lock = NSLock()

    /// A queue handing out `order`'s indices in that order.
    public init(_ order: [Int]) { self.order = order }

    /// The next index, or nil when all have been taken.
    public func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < order.count else { return nil }
        taken += 1
        return order[taken - 1]
    }
}

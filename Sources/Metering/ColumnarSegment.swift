import CloudTrail
import Foundation
import TrailStore

/// One segment's decoded columns (those the scan needs), kept until its rows are handed over.
final class DecodedSegment {
    /// Index in `StoreCatalog.segments`.
    let index: Int
    let count: Int
    /// By stored column id; empty values for columns not decoded.
    let columns: [ColumnValues]
    /// The same columns as plain pointers: xColumn runs for every cell, and reading through
    /// these costs no reference counting or bounds checks.
    let views: PinnedArray<ColumnView>
    /// Catalog index of each row's file (only when the scan needs partition values).
    var fileIndexes: [Int] = []

    init(index: Int, count: Int, columns: [ColumnValues]) {
        self.index = index
        self.count = count
        self.columns = columns
        views = PinnedArray(columns.map(ColumnView.init))
    }

    deinit {
        for index in 0..<views.count { views[index].release() }
    }

    /// The stored text of `row` in `column`, nil for NULL (or a row the column lacks).
    @inline(__always) func cell(_ column: Int, _ row: Int) -> UnsafeRawBufferPointer? {
        let view = views[column]
        guard row < view.count, !view.isNull[row] else { return nil }
        let start = row == 0 ? 0 : Int(view.ends[row - 1])
        return UnsafeRawBufferPointer(start: view.bytes + start, count: Int(view.ends[row]) - start)
    }
}

/// A decoded column copied to memory the cursor owns, read through plain pointers. Each buffer
/// is allocated once, in `init`, and freed by `release()` (its owner's deinit): no property has
/// a default value, whose allocation `init` would overwrite and leak.
struct ColumnView {
    let bytes: UnsafeMutableRawPointer
    let ends: UnsafeMutablePointer<UInt32>
    let isNull: UnsafeMutablePointer<Bool>
    let count: Int

    init(_ values: ColumnValues) {
        count = values.count
        bytes = UnsafeMutableRawPointer.allocate(byteCount: max(1, values.bytes.count), alignment: 1)
        values.bytes.withUnsafeBytes { [bytes] in
            if let base = $0.baseAddress { bytes.copyMemory(from: base, byteCount: $0.count) }
        }
        ends = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, count))
        values.ends.withUnsafeBufferPointer { [ends, count] in
            if let base = $0.baseAddress { ends.initialize(from: base, count: count) }
        }
        isNull = UnsafeMutablePointer<Bool>.allocate(capacity: max(1, count))
        values.isNull.withUnsafeBufferPointer { [isNull, count] in
            if let base = $0.baseAddress { isNull.initialize(from: base, count: count) }
        }
    }

    func release() {
        bytes.deallocate()
        ends.deallocate()
        isNull.deallocate()
    }
}

/// The sort keys of the rows a LIMIT keeps, so far: the `limit` first in ORDER BY order, in a
/// heap whose root is the last of them. A row whose key sorts after the root cannot be in the
/// result. Keys are cell texts as SQLite compares them (BINARY: bytes, then length), NULL first
/// in ascending order.
struct TopKeys {
    let limit: Int
    let descending: Bool
    private var heap: [[UInt8]?] = []

    init(limit: Int, descending: Bool) {
        self.limit = limit
        self.descending = descending
    }

    /// SQLite's order of two cells: negative when `a` is less.
    static func compare(_ a: UnsafeRawBufferPointer?, _ b: UnsafeRawBufferPointer?) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let a?, let b?):
            let common = min(a.count, b.count)
            let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
            return order != 0 ? order : a.count - b.count
        }
    }

    /// True when `a` comes strictly before `b` in the ORDER BY.
    func precedes(_ a: UnsafeRawBufferPointer?, _ b: UnsafeRawBufferPointer?) -> Bool {
        let order = Self.compare(a, b)
        return descending ? order > 0 : order < 0
    }

    private func precedes(_ a: [UInt8]?, _ b: [UInt8]?) -> Bool {
        Self.withBytes(a) { a in Self.withBytes(b) { b in precedes(a, b) } }
    }

    static func withBytes<R>(_ key: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard let key else { return body(nil) }
        return key.withUnsafeBytes { body($0) }
    }

    /// True when a row with `key` may be among the first `limit` rows: fewer than `limit` keys
    /// seen, or it does not sort after the root.
    func admits(_ key: UnsafeRawBufferPointer?) -> Bool {
        heap.count < limit || Self.withBytes(heap[0]) { !precedes($0, key) }
    }

    /// Records the key of a row that passed every filter.
    mutating func add(_ key: UnsafeRawBufferPointer?) {
        let copy = key.map { Array($0) }
        if heap.count < limit {
            heap.append(copy)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard precedes(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        } else if Self.withBytes(heap[0], { precedes(key, $0) }) {
            heap[0] = copy
            var parent = 0
            while true {
                var last = parent
                for child in [2 * parent + 1, 2 * parent + 2]
                where child < heap.count && precedes(heap[last], heap[child]) {
                    last = child
                }
                guard last != parent else { break }
                heap.swapAt(parent, last)
                parent = last
            }
        }
    }
}

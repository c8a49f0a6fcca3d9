import Foundation

/// Where the record parser writes one column: pointers into the column's arrays, how much of
/// them holds values, and the record that last wrote it (a second write is a duplicate key).
struct ColumnCursor {
    var bytes: UnsafeMutablePointer<UInt8>? = nil
    /// Bytes holding values; the array is longer (`byteRoom`), the rest zeros written ahead.
    var byteCount = 0
    var byteRoom = 0
    var ends: UnsafeMutablePointer<UInt32>? = nil
    var isNull: UnsafeMutablePointer<Bool>? = nil
    /// Values written, NULLs that pad absent fields included.
    var count = 0
    var writtenBy = -1

    /// Appends NULLs until there are `row` values.
    @inline(__always) mutating func pad(to row: Int) {
        guard count < row else { return }
        let end = UInt32(truncatingIfNeeded: byteCount)
        (ends! + count).update(repeating: end, count: row - count)
        (isNull! + count).update(repeating: true, count: row - count)
        count = row
    }

    /// Ends value `row` at the bytes written so far (the caller has padded to `row`).
    @inline(__always) mutating func closeValue(_ row: Int, null: Bool = false) {
        ends![row] = UInt32(truncatingIfNeeded: byteCount)
        isNull![row] = null
        count = row + 1
    }

    /// Where the next bytes go; the caller has made room (`ColumnFill.makeRoom`).
    @inline(__always) var next: UnsafeMutablePointer<UInt8> { bytes! + byteCount }

    @inline(__always) mutating func write(_ source: UnsafePointer<UInt8>, count: Int) {
        let target = UnsafeMutableRawPointer(bytes! + byteCount)
        let from = UnsafeRawPointer(source)
        // Most values are 8 to 32 bytes: copied as two overlapping words or blocks, with no call.
        if count >= 8 && count <= 16 {
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        } else if count > 16 && count <= 32 {
            let head = from.loadUnaligned(as: SIMD16<UInt8>.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)
            target.storeBytes(of: head, as: SIMD16<UInt8>.self)
            target.storeBytes(of: tail, toByteOffset: count - 16, as: SIMD16<UInt8>.self)
        } else {
            (bytes! + byteCount).update(from: source, count: count)
        }
        byteCount += count
    }

    @inline(__always) mutating func write(_ byte: UInt8) {
        bytes![byteCount] = byte
        byteCount += 1
    }

    /// The text of value `row`, which holds a value.
    @inline(__always) func value(_ row: Int) -> UnsafeRawBufferPointer {
        let start = row == 0 ? 0 : Int(ends![row - 1])
        return UnsafeRawBufferPointer(start: bytes.map { UnsafeRawPointer($0) + start }, count: Int(ends![row]) - start)
    }
}

/// The columns a batch of events is parsed into, written through `ColumnCursor`s: a value costs
/// no uniqueness, capacity or bounds check of Swift arrays, only a comparison with the room left.
///
/// Each column's arrays are kept longer than the values they hold: `ends` and `isNull` are grown
/// for all columns at once, some rows ahead; `bytes` grows per column, ahead of the value that
/// needs it, in steps small enough that the zeros written ahead are still in cache when the
/// values overwrite them. The arrays are cut to their values when the batch is handed over.
///
/// A reference type: the cursors point into the arrays this object alone holds, so they are
/// never copied while it writes into them.
final class ColumnFill {
    private var columns: [ColumnValues]
    let cursors: UnsafeMutablePointer<ColumnCursor>
    /// Rows every column's `ends` and `isNull` have (values or zeros written ahead).
    private(set) var rowRoom = 0
    /// The most a column's bytes grow by at once (more only for a longer value).
    private static let zeros = [UInt8](repeating: 0, count: 16 << 10)
    /// What rows grown ahead hold until written, for as many rows as they grow by at once.
    private static let rowBlock = (
        ends: [UInt32](repeating: 0, count: 1024), isNull: [Bool](repeating: true, count: 1024)
    )

    /// `recycled`, when it holds `columnCount` columns, are emptied and written into again: their
    /// storage is already mapped, so filling it costs no page faults and no growth.
    init(columnCount: Int, recycled: consuming [ColumnValues] = []) {
        var reused = recycled
        if reused.count == columnCount {
            for column in reused.indices { reused[column].removeAll() }
            columns = reused
        } else {
            columns = Array(repeating: ColumnValues(), count: columnCount)
        }
        cursors = .allocate(capacity: columnCount)
        cursors.initialize(repeating: ColumnCursor(), count: columnCount)
    }

    deinit {
        cursors.deinitialize(count: columns.count)
        cursors.deallocate()
    }

    /// Reserves array capacity: `values` rows in every column, `bytes[c]` bytes in column `c`.
    func reserve(values: Int, bytes: [Int]) {
        for column in columns.indices {
            columns[column].ends.reserveCapacity(values)
            columns[column].isNull.reserveCapacity(values)
            if column < bytes.count, bytes[column] > columns[column].bytes.capacity {
                columns[column].bytes.reserveCapacity(bytes[column])
            }
        }
        refreshPointers()
    }

    /// Makes sure every column has room for row `row`.
    @inline(__always) func makeRoom(row: Int) {
        if row >= rowRoom { growRows(past: row) }
    }

    /// Makes sure column `column` has room for `count` more bytes (and one to spare, so that a
    /// column written to has storage even when its values are empty).
    @inline(__always) func makeRoom(column: Int, bytes count: Int) {
        let cursor = cursors + column
        if cursor.pointee.byteRoom - cursor.pointee.byteCount <= count { growBytes(column, count) }
    }

    @inline(never) private func growRows(past row: Int) {
        let needed = row + 1 - rowRoom
        var step = min(max(rowRoom, 256), 1024)
        // Rows written ahead stay within the capacity the arrays have, when the row fits there:
        // growing ahead must not move them (a copy) or touch fresh pages sooner than values would.
        let spare = columns.reduce(Int.max) {
            min($0, $1.ends.capacity - $1.ends.count, $1.isNull.capacity - $1.isNull.count)
        }
        if spare >= needed { step = min(step, spare) }
        let added = max(step, needed)
        for column in columns.indices {
            if added <= Self.rowBlock.ends.count {
                // Copied from blocks: quicker than appending elements one by one.
                columns[column].ends.append(contentsOf: Self.rowBlock.ends[..<added])
                columns[column].isNull.append(contentsOf: Self.rowBlock.isNull[..<added])
            } else {
                columns[column].ends.append(contentsOf: repeatElement(0, count: added))
                columns[column].isNull.append(contentsOf: repeatElement(true, count: added))
            }
        }
        rowRoom += added
        refreshPointers()
    }

    @inline(never) private func growBytes(_ column: Int, _ count: Int) {
        let room = cursors[column].byteRoom
        var step = min(max(room, 4096), Self.zeros.count)
        let spare = columns[column].bytes.capacity - room
        if spare > count { step = min(step, spare) }
        step = max(step, count + 1)
        // Copied from a block of zeros: far quicker than appending zeros one by one.
        while step > 0 {
            let piece = min(step, Self.zeros.count)
            Self.zeros.withUnsafeBufferPointer { columns[column].bytes.append(contentsOf: $0[..<piece]) }
            step -= piece
        }
        cursors[column].byteRoom = columns[column].bytes.count
        refreshPointers(column)
    }

    /// Points the cursors at the arrays' storage again (after the arrays moved or grew).
    private func refreshPointers() {
        for column in columns.indices { refreshPointers(column) }
    }

    private func refreshPointers(_ column: Int) {
        cursors[column].bytes = columns[column].bytes.withUnsafeMutableBufferPointer { $0.baseAddress }
        cursors[column].ends = columns[column].ends.withUnsafeMutableBufferPointer { $0.baseAddress }
        cursors[column].isNull = columns[column].isNull.withUnsafeMutableBufferPointer { $0.baseAddress }
    }

    /// Drops the values from row `rows` on, and bytes written after the last value kept.
    func rollBack(to rows: Int) {
        for column in columns.indices {
            let cursor = cursors + column
            cursor.pointee.count = min(cursor.pointee.count, rows)
            let kept = cursor.pointee.count
            cursor.pointee.byteCount = kept == 0 ? 0 : Int(cursor.pointee.ends![kept - 1])
            cursor.pointee.writtenBy = -1
        }
    }

    /// The columns with `rows` values each (absent ones NULL), copied.
    func copy(rows: Int) -> [ColumnValues] {
        padAll(to: rows)
        return columns.indices.map { column in
            var values = ColumnValues()
            values.bytes = Array(columns[column].bytes[..<cursors[column].byteCount])
            values.ends = Array(columns[column].ends[..<rows])
            values.isNull = Array(columns[column].isNull[..<rows])
            return values
        }
    }

    /// Hands the columns over with `rows` values each (absent ones NULL) and starts empty.
    func take(rows: Int) -> [ColumnValues] {
        padAll(to: rows)
        var taken = Array(repeating: ColumnValues(), count: columns.count)
        swap(&taken, &columns)
        for column in taken.indices {
            taken[column].truncate(to: rows)
            cursors[column] = ColumnCursor()
        }
        rowRoom = 0
        return taken
    }

    private func padAll(to rows: Int) {
        if rows > 0 { makeRoom(row: rows - 1) }
        for column in columns.indices { cursors[column].pad(to: rows) }
    }
}

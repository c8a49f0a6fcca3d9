import CloudTrail
import SQLite

/// How one stored column's text is handed to SQLite in a dialect: what a layout's `xColumn` calls
/// for every cell. Build one per column per statement (`ValuePresentation.presenters(for:)`),
/// then call `result(_:_:)` per cell; it does not allocate.
public struct CellPresenter: Sendable {
    /// The SQLite form of the cell.
    public enum Form: Sendable {
        /// The stored text as is (Athena: every column; Lake: strings, JSON maps and arrays).
        case text
        /// Lake timestamps: `2022-01-22T05:00:00Z` becomes `2022-01-22 05:00:00.000`.
        case timestamp
        /// Lake booleans: `true`/`false` become 1/0.
        case boolean
    }

    public let form: Form

    public init(form: Form) { self.form = form }

    /// The presenter of `column` in `dialect`, over the user's Athena `table` when given (which
    /// may declare `eventtime timestamp` or `readonly boolean`).
    public init(column: EventColumn, dialect: Dialect, table: AthenaTableDefinition? = nil) {
        let declared = dialect == .athena ? table?.declaredScalarType(of: column) : nil
        switch declared ?? DialectSchema.type(of: column, in: dialect) ?? .varchar {
        case .timestamp: form = .timestamp
        case .boolean: form = .boolean
        default: form = .text
        }
    }

    /// Sets the cell's value on `result` (a virtual table's column or a function's result).
    /// `stored` is the stored text (nil for NULL); it is copied, so it need only live for the call.
    @inlinable
    public func result(_ result: FunctionResult, _ stored: UnsafeRawBufferPointer?) {
        guard let stored, stored.baseAddress != nil else {
            if stored != nil, form == .text {
                result.text(UnsafeRawBufferPointer(start: nil, count: 0))
            } else {
                result.null()
            }
            return
        }
        switch form {
        case .text:
            result.text(stored)
        case .boolean:
            switch stored.count {
            case 4 where stored[0] | 0x20 == 0x74: result.int64(1)  // true
            case 5 where stored[0] | 0x20 == 0x66: result.int64(0)  // false
            default: result.null()
            }
        case .timestamp:
            ValuePresentation.resultLakeTimestamp(result, stored)
        }
    }

    /// True when the cell reaches SQLite as text or NULL (not as an integer), so that a layout can
    /// compare `withPresentedText` bytes the way SQLite compares the cell.
    @inlinable
    public var presentsText: Bool { form != .boolean }

    /// Calls `body` with the text SQLite is handed for the cell by `result(_:_:)` (nil for NULL), for
    /// the forms where `presentsText`. Layouts filter and rank rows by it, so it must stay the same
    /// bytes as `result` hands over.
    @inlinable
    public func withPresentedText<R>(_ stored: UnsafeRawBufferPointer?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard let stored else { return body(nil) }
        switch form {
        case .text, .boolean: return body(stored)
        case .timestamp: return ValuePresentation.withLakeTimestamp(stored, body)
        }
    }

    /// The cell as a `SQLiteValue` (for tests and slow paths).
    public func present(_ stored: String?) -> SQLiteValue {
        guard let stored else { return .null }
        switch form {
        case .text: return .text(stored)
        case .boolean:
            switch stored.lowercased() {
            case "true": return .integer(1)
            case "false": return .integer(0)
            default: return .null
            }
        case .timestamp:
            return ValuePresentation.lakeTimestamp(stored).map { .text($0) } ?? .null
        }
    }
}

/// The dialects' presentation of stored values. Timestamps in Lake are text in one canonical
/// form, `yyyy-MM-dd HH:mm:ss.SSS`, which is how Lake prints them and sorts in time order; the
/// translator brings literals to the same form.
public enum ValuePresentation {
    /// One presenter per `EventSchema.columns` entry, in order, over the user's Athena `table`
    /// when given.
    public static func presenters(for dialect: Dialect, table: AthenaTableDefinition? = nil) -> [CellPresenter] {
        EventSchema.columns.map { CellPresenter(column: $0, dialect: dialect, table: table) }
    }

    /// The presenter of Athena partition columns (`timestamp`, `region`, ...): plain text.
    public static let partition = CellPresenter(form: .text)

    /// The canonical text of an ISO-8601 event time, nil if it is not one.
    public static func lakeTimestamp(_ iso: String) -> String? {
        TrinoTime.parseTimestamp(iso).map(TrinoTime.format)
    }

    @usableFromInline
    static func resultLakeTimestamp(_ result: FunctionResult, _ stored: UnsafeRawBufferPointer) {
        withLakeTimestamp(stored) { text in
            guard let text, text.baseAddress != nil else { return result.null() }
            result.text(text)
        }
    }

    /// Calls `body` with the canonical Lake text of a stored event time (nil when it is not one).
    @usableFromInline
    static func withLakeTimestamp<R>(_ stored: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        // CloudTrail writes `yyyy-MM-ddTHH:mm:ssZ` (20 bytes), rarely with a fraction: rewrite in
        // place on the stack; anything else goes through the full parser.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 23) { out in
            let n = stored.count
            if n >= 20, stored[10] == 0x54, stored[n - 1] == 0x5A, stored[4] == 0x2D, stored[13] == 0x3A {
                for i in 0..<19 { out[i] = stored[i] }
                out[10] = 0x20
                out[19] = 0x2E
                out[20] = 0x30
                out[21] = 0x30
                out[22] = 0x30
                if n > 20 {
                    guard stored[19] == 0x2E else { return slow(stored, body) }
                    var k = 20
                    while k < n - 1, k < 23 {
                        out[k] = stored[k]
                        k += 1
                    }
                } else if n != 20 {
                    return slow(stored, body)
                }
                return body(UnsafeRawBufferPointer(start: out.baseAddress!, count: 23))
            } else {
                return slow(stored, body)
            }
        }
    }

    private static func slow<R>(_ stored: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard let millis = TrinoTime.parseTimestamp(stored) else { return body(nil) }
        var text = TrinoTime.format(millis)
        return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
